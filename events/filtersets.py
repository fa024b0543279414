"""FilterSets for events, delegations and initiatives.

Shared by the REST API and the public pages; see core.filtersets for the rules.
"""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.filtersets import (
    UPDATED_AT,
    BooleanFilter,
    CountryFilter,
    SearchFilter,
    VisibleFilterSet,
    VisibleRelatedCharFilter,
    VisibleRelatedIdFilter,
    YearFilter,
)
from events.choices import Direction, EventKind, EventMode, Funding, InitiativeStatus
from events.models import Delegation, Event, Initiative


class EventFilterSet(VisibleFilterSet):
    q = SearchFilter()  # the model's declared search_fields, ranked (core.search)
    kind = django_filters.MultipleChoiceFilter(choices=EventKind.choices)
    mode = django_filters.MultipleChoiceFilter(choices=EventMode.choices)
    forum = VisibleRelatedIdFilter(relation="forum")
    forum_acronym = VisibleRelatedCharFilter(relation="forum", lookup="acronym__iexact")
    country = CountryFilter()
    hosted_by_us = BooleanFilter()
    chaired_by_us = BooleanFilter()
    starts_after = django_filters.DateFilter(field_name="start_on", lookup_expr="gte")
    starts_before = django_filters.DateFilter(field_name="start_on", lookup_expr="lte")
    active_on = django_filters.DateFilter(method="filter_active_on", help_text=_("Taking place on this date."))
    ordering = django_filters.OrderingFilter(
        fields=(
            UPDATED_AT,
            ("start_on", "start_on"),
            ("end_on", "end_on"),
            ("title_vi", "title_vi"),
            ("title_en", "title_en"),
        )
    )

    class Meta:
        model = Event
        fields = []

    def filter_active_on(self, queryset, name, value):
        return queryset.between(value, value)


class DelegationFilterSet(VisibleFilterSet):
    q = SearchFilter()  # the model's declared search_fields, ranked (core.search)
    direction = django_filters.MultipleChoiceFilter(choices=Direction.choices)
    funding = django_filters.MultipleChoiceFilter(choices=Funding.choices)
    event = VisibleRelatedIdFilter(relation="event")
    forum = VisibleRelatedIdFilter(relation="forum")
    forum_acronym = VisibleRelatedCharFilter(relation="forum", lookup="acronym__iexact")
    counterpart = VisibleRelatedIdFilter(relation="counterpart")
    counterpart_acronym = VisibleRelatedCharFilter(relation="counterpart", lookup="acronym__iexact")
    # Through the member rows, so a hidden membership never matches.
    person = VisibleRelatedIdFilter(relation="memberships__person", help_text=_("Id of a member."))
    head = VisibleRelatedIdFilter(relation="head")
    country = CountryFilter()
    starts_after = django_filters.DateFilter(field_name="start_on", lookup_expr="gte")
    starts_before = django_filters.DateFilter(field_name="start_on", lookup_expr="lte")
    ordering = django_filters.OrderingFilter(
        fields=(UPDATED_AT, ("start_on", "start_on"), ("end_on", "end_on"), ("headcount", "headcount"))
    )

    class Meta:
        model = Delegation
        fields = []


class InitiativeFilterSet(VisibleFilterSet):
    q = SearchFilter()  # the model's declared search_fields, ranked (core.search)
    status = django_filters.MultipleChoiceFilter(choices=InitiativeStatus.choices)
    forum = VisibleRelatedIdFilter(relation="forum")
    forum_acronym = VisibleRelatedCharFilter(relation="forum", lookup="acronym__iexact")
    proposer = VisibleRelatedIdFilter(relation="proposer")
    event = VisibleRelatedIdFilter(relation="event")
    year = YearFilter()
    year_from = YearFilter(field_name="year", lookup_expr="gte")
    year_to = YearFilter(field_name="year", lookup_expr="lte")
    ordering = django_filters.OrderingFilter(fields=(UPDATED_AT, ("year", "year"), ("title_vi", "title_vi")))

    class Meta:
        model = Initiative
        fields = []
