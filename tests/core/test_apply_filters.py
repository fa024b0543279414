"""core.filtersets.apply_filters skips the FilterSet when no filter is asked,
and that shortcut narrows and orders exactly as the FilterSet would."""

import importlib

import pytest
from django.http import QueryDict

from core.choices import Audience
from core.filtersets import InvalidFilters, VisibleFilterSet, apply_filters

APPS_WITH_FILTERSETS = ("agreements", "events", "organizations", "core")


def every_filterset() -> list[type[VisibleFilterSet]]:
    for app in APPS_WITH_FILTERSETS:
        importlib.import_module(f"{app}.filtersets")
    found, pending = [], [VisibleFilterSet]
    while pending:
        for subclass in pending.pop().__subclasses__():
            found.append(subclass)
            pending.append(subclass)
    return [cls for cls in found if cls._meta.model is not None]


def test_every_app_filterset_is_found():
    names = {cls.__name__ for cls in every_filterset()}
    assert {"AgreementFilterSet", "EventFilterSet", "OrganizationFilterSet", "DuesFilterSet"} <= names


NO_FILTER = ["", "cursor=abc&limit=5&format=json", "page=2&sort=-signed_on"]


@pytest.mark.django_db
@pytest.mark.parametrize("query", NO_FILTER)
@pytest.mark.parametrize("audience", [Audience.PUBLIC, Audience.GOVERNMENT])
def test_no_filter_asked_gives_the_filtersets_own_rows(query, audience):
    for filterset_class in every_filterset():
        rows = filterset_class._meta.model.objects.order_by("-pk")
        data = QueryDict(query)
        shortcut = apply_filters(rows, filterset_class, data, audience=audience)
        assert shortcut is rows, filterset_class.__name__  # no FilterSet was built
        full = filterset_class(data, queryset=rows, audience=audience)
        assert full.is_valid(), (filterset_class.__name__, full.errors)
        assert str(full.qs.query) == str(shortcut.query), filterset_class.__name__


@pytest.mark.django_db
def test_a_filter_asked_still_goes_through_the_filterset():
    filterset_class = next(cls for cls in every_filterset() if cls.__name__ == "AgreementFilterSet")
    rows = filterset_class._meta.model.objects.all()
    narrowed = apply_filters(rows, filterset_class, QueryDict("kind=fta"), audience=Audience.PUBLIC)
    assert narrowed is not rows
    assert "fta" in str(narrowed.query)
    with pytest.raises(InvalidFilters):
        apply_filters(rows, filterset_class, QueryDict("kind=no-such-kind"), audience=Audience.PUBLIC)
