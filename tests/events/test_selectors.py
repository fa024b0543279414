"""events.selectors: the one read path of the event, delegation and
initiative lists (API and public pages)."""

import datetime

import pytest
from django.http import QueryDict

from core.choices import Audience
from core.filtersets import InvalidFilters
from events import selectors
from events.models import Delegation, Event, Initiative
from tests.factories import make_delegation, make_event, make_initiative, make_person
from tests.selector_checks import assert_keyword_only_and_typed, slugs

D = datetime.date
PUBLIC, GOVERNMENT = Audience.PUBLIC, Audience.GOVERNMENT

LISTS = [
    (selectors.event_list, Event, make_event),
    (selectors.delegation_list, Delegation, make_delegation),
    (selectors.initiative_list, Initiative, make_initiative),
]
IDS = [model.__name__ for _selector, model, _make in LISTS]


@pytest.mark.parametrize(("selector", "model", "make"), LISTS, ids=IDS)
def test_list_selectors_are_keyword_only_and_typed(selector, model, make):
    assert_keyword_only_and_typed(selector, model)


@pytest.mark.parametrize(("selector", "model", "make"), LISTS, ids=IDS)
def test_each_list_keeps_the_rows_the_audience_may_see(selector, model, make):
    make(slug="open", visibility="public")
    make(slug="ministry", visibility="government")
    make(slug="inside", visibility="internal")
    assert slugs(selector(audience=PUBLIC)) == ["open"]
    assert set(slugs(selector(audience=GOVERNMENT))) == {"open", "ministry"}


def test_delegation_members_prefetch_keeps_the_audience_s_members(django_assert_num_queries):
    delegation = make_delegation()
    delegation.memberships.create(person=make_person(full_name="Công khai"), source=delegation.source)
    delegation.memberships.create(
        person=make_person(full_name="Nội bộ"), source=delegation.source, visibility="government"
    )
    hidden_person = make_person(full_name="Người ẩn", visibility="government")
    delegation.memberships.create(person=hidden_person, source=delegation.source)
    expected = {PUBLIC: ["Công khai"], GOVERNMENT: ["Công khai", "Nội bộ", "Người ẩn"]}
    for audience, names in expected.items():
        (row,) = selectors.delegation_list(audience=audience).prefetch_related(selectors.delegation_members(audience))
        with django_assert_num_queries(0):
            assert [member.person.full_name for member in row.memberships.all()] == names


def test_event_list_puts_the_latest_first():
    make_event(slug="old", start_on=D(2015, 1, 1))
    make_event(slug="new", start_on=D(2022, 1, 1))
    assert slugs(selectors.event_list(audience=PUBLIC)) == ["new", "old"]


def test_delegation_and_initiative_lists_put_undated_rows_last():
    make_delegation(slug="undated", start_on=None)
    make_delegation(slug="old", start_on=D(2015, 1, 1))
    make_delegation(slug="new", start_on=D(2022, 1, 1))
    assert slugs(selectors.delegation_list(audience=PUBLIC)) == ["new", "old", "undated"]
    make_initiative(slug="no-year", year=None)
    make_initiative(slug="y2010", year=2010)
    make_initiative(slug="y2020", year=2020)
    assert slugs(selectors.initiative_list(audience=PUBLIC)) == ["y2020", "y2010", "no-year"]


def test_event_list_applies_the_filterset():
    make_event(slug="early", start_on=D(2015, 1, 1))
    make_event(slug="late", start_on=D(2022, 1, 1))
    assert slugs(selectors.event_list(audience=PUBLIC, filters=QueryDict("starts_after=2020-01-01"))) == ["late"]


def test_lists_refuse_filters_they_cannot_read():
    with pytest.raises(InvalidFilters) as raised:
        selectors.event_list(audience=PUBLIC, filters={"starts_after": "next week"})
    assert list(raised.value.form_errors) == ["starts_after"]
    with pytest.raises(InvalidFilters):
        selectors.initiative_list(audience=PUBLIC, filters={"year": "long ago"})
