"""Shared pieces of the per-app FilterSets (NetBox style: one FilterSet per
model, used by the REST API and by the public pages alike).

A FilterSet receives a queryset the caller has already restricted with
``.visible_to(audience)``. What it adds must not reopen what that hid:

- filters that reach through a relation (``organization_acronym``,
  ``party_country``, ...) only match related rows the audience may see, so a
  filter value can never confirm that a hidden record exists;
- no filter, search or ordering touches a private field (``private_fields``);
- a bad value is a form error (``FilterSet.errors``), which the API turns into
  a 400, never an exception.
"""

import datetime
import re

import django_filters
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from core.choices import Audience, FigureQualifier
from core.models import ReportedFigure, Source
from core.querysets import visibility_q
from core.search import SEARCH_RANK, declared_columns, index_for, is_searchable, ranked, search_q

# The largest value a PostgreSQL bigint primary key can hold.
MAX_ID = 2**63 - 1
MAX_QUERY_LENGTH = 200
# Every list may be sorted by the time its records last changed (for
# incremental sync; the keyset pagination breaks ties by id).
UPDATED_AT = ("updated_at", "updated_at")


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_ID})
class IdFilter(django_filters.Filter):
    """A primary key: a positive integer, rejected (400) when not one."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class StrictBooleanField(forms.NullBooleanField):
    """``true`` or ``false`` (or nothing); anything else is an error, where
    Django's own field would read it as "no filter" and return everything."""

    widget = forms.TextInput
    VALUES = {"true": True, "false": False}

    def to_python(self, value):
        if value in (None, "") or isinstance(value, bool):
            return None if value == "" else value
        try:
            return self.VALUES[value]
        except KeyError:
            raise ValidationError(_("Enter true or false."), code="invalid") from None

    def validate(self, value):
        pass


@extend_schema_field(OpenApiTypes.BOOL)
class BooleanFilter(django_filters.BooleanFilter):
    """``?open=true``: only ``true`` and ``false`` are values (400 otherwise)."""

    field_class = StrictBooleanField


@extend_schema_field({"type": "integer", "minimum": 1900, "maximum": 2200})
class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1900)
        kwargs.setdefault("max_value", 2200)
        super().__init__(*args, **kwargs)


COUNTRY_CODE = re.compile(r"[A-Z]{2}")


class CountryCodesField(django_filters.fields.MultipleChoiceField):
    """Any well-formed ISO 3166-1 alpha-2 code (an unassigned one matches
    nothing), except ``excluded``; the choices only feed the pages' drop-down."""

    def __init__(self, *args, excluded=(), **kwargs):
        self.excluded = frozenset(excluded)
        super().__init__(*args, **kwargs)

    def valid_value(self, value):
        return bool(COUNTRY_CODE.fullmatch(str(value))) and value not in self.excluded


def country_schema(excluded: str = "") -> dict:
    pattern = f"^(?!{excluded})[A-Z]{{2}}$" if excluded else "^[A-Z]{2}$"
    return {"type": "string", "pattern": pattern}


@extend_schema_field(country_schema())
class CountryFilter(django_filters.MultipleChoiceFilter):
    """ISO 3166-1 alpha-2 codes (``VN``, ``KR``); several values mean "any of"."""

    field_class = CountryCodesField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("choices", [(code, code) for code in sorted(countries.countries)])
        kwargs.setdefault("help_text", _("ISO 3166-1 alpha-2 country code, e.g. VN."))
        super().__init__(*args, **kwargs)


@extend_schema_field(country_schema(excluded=settings.COOPDB_OWN_COUNTRY))
class PartnerCountryFilter(CountryFilter):
    """A partner's country: any country but our own (settings.COOPDB_OWN_COUNTRY)."""

    def __init__(self, *args, **kwargs):
        own = settings.COOPDB_OWN_COUNTRY
        kwargs.setdefault("excluded", (own,))
        kwargs.setdefault("choices", [(code, code) for code in sorted(countries.countries) if code != own])
        kwargs.setdefault("help_text", _("ISO 3166-1 alpha-2 code of a partner country, e.g. KR (never our own)."))
        super().__init__(*args, **kwargs)


def related_q(model, relation: str, lookup: str, value, audience):
    """Match ``relation__lookup == value`` only through rows the audience may see.

    A chain of foreign keys (a forum, a membership's organization) becomes
    joins, each with the related model's visibility rule. A multi-valued
    relation (an agreement's parties) must come first and becomes an
    ``EXISTS`` over the visible related rows: no duplicates, no DISTINCT.
    """
    head, _sep, rest = relation.partition("__")
    field = model._meta.get_field(head)
    if field.one_to_many:
        related = field.related_model
        inner = related_q(related, rest, lookup, value, audience) if rest else Q(**{lookup: value})
        matching = related.objects.filter(visibility_q(related, audience), inner, **{field.field.name: OuterRef("pk")})
        return Exists(matching)
    condition = Q(**{f"{relation}__{lookup}": value})
    prefix = ""
    for part in relation.split("__"):
        field = model._meta.get_field(part)
        if not field.many_to_one:
            raise ValueError(f"{relation}: only a leading multi-valued relation is supported")
        model = field.related_model
        prefix += f"{part}__"
        condition &= visibility_q(model, audience, prefix=prefix)
    return condition


class VisibleRelatedFilterMixin:
    """Filter through ``relation`` (a ``__`` path) on ``lookup``, visible rows only."""

    def __init__(self, *args, relation: str, lookup: str = "pk", **kwargs):
        self.relation = relation
        self.lookup = lookup
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value in django_filters.constants.EMPTY_VALUES:
            return qs
        lookup = self.lookup if not isinstance(value, list | tuple) else f"{self.lookup}__in"
        return qs.filter(related_q(qs.model, self.relation, lookup, value, self.parent.audience))


class VisibleRelatedIdFilter(VisibleRelatedFilterMixin, IdFilter):
    """``?organization=12``: the related record's id."""


class VisibleRelatedCharFilter(VisibleRelatedFilterMixin, django_filters.CharFilter):
    """``?organization_acronym=ISO`` (pass ``lookup="acronym__iexact"``)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 100)
        super().__init__(*args, **kwargs)


class SearchFilter(django_filters.CharFilter):
    """``?q=hop tac``: every word, accent- and case-insensitively.

    Without ``fields``, the model's declared ``search_fields`` (core.search):
    whole words over its stored search column, ranked, and when the request
    gives no ``ordering``, ordered by that rank (best first). With ``fields``
    (models that declare none, or searches through relations): every word
    occurs, folded, in one of them."""

    def __init__(self, *args, fields=(), **kwargs):
        self.search_fields = tuple(fields)
        kwargs.setdefault("max_length", MAX_QUERY_LENGTH)
        kwargs.setdefault(
            "help_text",
            _(
                "Words to find in either language, ignoring accents and case (hop tac also finds the accented "
                "words). On organizations, agreements, commitments, events, delegations and initiatives whole words "
                "are matched and, without an ordering, the best matches come first."
            ),
        )
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value in django_filters.constants.EMPTY_VALUES:
            return qs
        if self.search_fields or not is_searchable(qs.model):
            return qs.filter(search_q(value, self.search_fields or declared_columns(qs.model)))
        index = index_for(qs.model)
        audience = self.parent.audience
        rows = index.filter(qs, value, audience) if index else ranked(qs, value)
        if self.parent.data.get("ordering"):
            return rows  # the caller's order (the ordering filter runs after this one)
        return rows.order_by(f"-{SEARCH_RANK}", *qs.query.order_by)


def translated(*names: str) -> list[str]:
    """Both language columns of each translated field, for a SearchFilter."""
    return [f"{name}_{lang}" for name in names for lang in ("vi", "en")]


class UtcDateTimeField(django_filters.fields.IsoDateTimeField):
    """An ISO 8601 date-time (naive ones in the server's time zone), in UTC:
    Python accepts offsets up to ±24 h and years from 1, PostgreSQL neither
    (an offset of -20:56 would be a database error, not a 400)."""

    def to_python(self, value):
        value = super().to_python(value)
        if value is None:
            return None
        try:
            return value.astimezone(datetime.UTC)
        except OverflowError:
            raise ValidationError(_("Enter a valid date/time."), code="invalid") from None


class UpdatedSinceFilter(django_filters.IsoDateTimeFilter):
    field_class = UtcDateTimeField


class VisibleFilterSet(django_filters.FilterSet):
    """Base of every CoopDB FilterSet.

    ``audience`` (a core.choices.Audience) is who is asking; it defaults to
    ``request.coopdb_audience`` and then to the public, the safest choice.
    """

    # Every list's records changed at or after a moment (their own row's
    # ``updated_at``; what changes a parent's detail through its children is
    # in the change feed, /api/v1/changes/).
    updated_since = UpdatedSinceFilter(
        field_name="updated_at",
        lookup_expr="gte",
        help_text=_(
            "Only records whose own row changed at or after this ISO 8601 date-time "
            "(e.g. 2024-05-01T00:00:00Z; without an offset, in the server's time zone)."
        ),
    )

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None, audience=None):
        if audience is None:
            audience = getattr(request, "coopdb_audience", None) or Audience.PUBLIC
        self.audience = Audience(audience)
        super().__init__(data=self._without_empty_list_items(data), queryset=queryset, request=request, prefix=prefix)

    def _without_empty_list_items(self, data):
        """``?kind=`` is an empty list (no filter), as the schema has it, not
        the invalid choice "": drop empty items of multi-valued filters."""
        if data is None or not hasattr(data, "getlist"):
            return data
        multi = (django_filters.MultipleChoiceFilter, django_filters.OrderingFilter)
        names = [name for name, filter_ in self.base_filters.items() if isinstance(filter_, multi)]
        if not any("" in data.getlist(name) for name in names):
            return data
        data = data.copy()
        for name in names:
            data.setlist(name, [value for value in data.getlist(name) if value != ""])
        return data

    @classmethod
    def private_fields_reached(cls) -> dict[str, list[str]]:
        """{filter name: the private fields it reaches}: a filter or an
        ordering on a private field would leak it. Checked once at start-up
        (core.checks, coopdb.E001), not on every request."""
        private = set(getattr(cls._meta.model, "private_fields", ()))
        reached = {}
        for name, filter_ in cls.base_filters.items():
            targets = {filter_.field_name.split("__")[0], name}
            targets |= set(getattr(filter_, "search_fields", ()))
            if isinstance(filter_, SearchFilter) and not filter_.search_fields:
                targets |= set(declared_columns(cls._meta.model))
            if isinstance(filter_, django_filters.OrderingFilter):
                targets |= {field.lstrip("-") for field in filter_.param_map.values()}
            if targets & private:
                reached[name] = sorted(targets & private)
        return reached


class InvalidFilters(ValidationError):
    """Filter values a FilterSet could not read. ``form_errors`` is the form's
    ErrorDict (field name → messages): the API turns it into its 400 body,
    a page into the messages above its form."""

    def __init__(self, form_errors):
        super().__init__(form_errors.as_data())
        self.form_errors = form_errors


def apply_filters(rows, filterset_class, filters, *, audience):
    """``rows`` narrowed by ``filterset_class`` reading ``filters`` (a query
    string's QueryDict or a plain mapping) as ``audience``; None: no filtering.
    Raises InvalidFilters rather than return rows that do not answer the question."""
    if filters is None or not any(name in filters for name in filterset_class.base_filters):
        # None of its parameters (an API list read by limit and cursor only):
        # the FilterSet would filter nothing, and building its form deep-copies
        # every field's choices (250 countries): half of a list's time once
        # PostgreSQL writes the JSON (api.projection).
        return rows
    filterset = filterset_class(filters, queryset=rows, audience=audience)
    if not filterset.is_valid():
        raise InvalidFilters(filterset.errors)
    return filterset.qs


class SourceFilterSet(VisibleFilterSet):
    """Sources have no level of their own: callers pass
    ``core.selectors.sources_visible_to(audience)``, the sources cited by records
    the audience may see."""

    q = SearchFilter(fields=["key", "publisher", "author", *translated("title")])
    published_after = django_filters.DateFilter(field_name="published_on", lookup_expr="gte")
    published_before = django_filters.DateFilter(field_name="published_on", lookup_expr="lte")
    ordering = django_filters.OrderingFilter(fields=(UPDATED_AT, ("published_on", "published_on"), ("key", "key")))

    class Meta:
        model = Source
        fields = []


class ReportedFigureFilterSet(VisibleFilterSet):
    q = SearchFilter(fields=["key", *translated("label", "quote")])
    qualifier = django_filters.MultipleChoiceFilter(choices=FigureQualifier.choices)
    as_of_after = django_filters.DateFilter(field_name="as_of", lookup_expr="gte")
    as_of_before = django_filters.DateFilter(field_name="as_of", lookup_expr="lte")
    ordering = django_filters.OrderingFilter(
        fields=(UPDATED_AT, ("key", "key"), ("as_of", "as_of"), ("value", "value"))
    )

    class Meta:
        model = ReportedFigure
        fields = []
