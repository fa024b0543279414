"""Reads of events, delegations and initiatives (HackSoft selectors): one
list selector per model (``event_list(*, audience, filters=None)``), the one
read path of the API (events.api.views) and the public pages (events.views)."""

import calendar
import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet

from core.choices import PUBLIC, Audience
from core.filtersets import apply_filters
from core.querysets import nulls_last
from events.filtersets import DelegationFilterSet, EventFilterSet, InitiativeFilterSet
from events.models import Delegation, DelegationMember, Event, Initiative


def event_list(*, audience: Audience, filters: Mapping[str, Any] | None = None) -> QuerySet[Event]:
    """The events ``audience`` may see, latest first; ``filters`` read by
    EventFilterSet (InvalidFilters when they cannot be)."""
    rows = (
        Event.objects.visible_to(audience)
        .select_related("source", "forum")
        .order_by(nulls_last("start_on", descending=True), nulls_last("slug"))
    )
    return apply_filters(rows, EventFilterSet, filters, audience=audience)


def delegation_list(*, audience: Audience, filters: Mapping[str, Any] | None = None) -> QuerySet[Delegation]:
    """The delegations ``audience`` may see, latest first; ``filters`` read by DelegationFilterSet."""
    rows = (
        Delegation.objects.visible_to(audience)
        .select_related("source", "event", "forum", "counterpart", "head")
        .order_by(nulls_last("start_on", descending=True), nulls_last("slug"))
    )
    return apply_filters(rows, DelegationFilterSet, filters, audience=audience)


# The order of a delegation's members (its API record, the CSV export).
MEMBERS_ORDER = ("pk",)


def delegation_members(audience: Audience) -> Prefetch:
    """A delegation's members (``delegation.memberships.all``): the API's
    ``members`` and the detail page. DelegationMember's visibility includes the
    person's: a hidden person is not listed."""
    members = DelegationMember.objects.visible_to(audience).select_related("person", "source").order_by(*MEMBERS_ORDER)
    return Prefetch("memberships", queryset=members)


def initiative_list(*, audience: Audience, filters: Mapping[str, Any] | None = None) -> QuerySet[Initiative]:
    """The initiatives ``audience`` may see, latest year first; ``filters`` read by InitiativeFilterSet."""
    rows = (
        Initiative.objects.visible_to(audience)
        .select_related("source", "forum", "proposer", "event")
        .order_by(nulls_last("year", descending=True), nulls_last("slug"))
    )
    return apply_filters(rows, InitiativeFilterSet, filters, audience=audience)


def _public_documents(model):
    """The record's public documents (workflow.Document, reached through the
    reverse relation: the workflow app sits above this one)."""
    document = model._meta.get_field("documents").related_model
    queryset = document.objects.visible_to(PUBLIC).order_by("title", "pk")
    return Prefetch("documents", queryset=queryset, to_attr="public_documents")


def event_detail_queryset() -> QuerySet[Event]:
    return event_list(audience=PUBLIC).prefetch_related(
        _public_documents(Event),
        Prefetch(
            "delegations",
            queryset=delegation_list(audience=PUBLIC).order_by("start_on", "slug"),
            to_attr="public_delegations",
        ),
        Prefetch(
            "initiatives",
            queryset=initiative_list(audience=PUBLIC).order_by("year", "slug"),
            to_attr="public_initiatives",
        ),
    )


def delegation_detail_queryset() -> QuerySet[Delegation]:
    return delegation_list(audience=PUBLIC).prefetch_related(delegation_members(PUBLIC), _public_documents(Delegation))


@dataclass
class CalendarDay:
    day: datetime.date
    in_month: bool
    events: list = field(default_factory=list)


@dataclass
class MonthCalendar:
    first: datetime.date
    weeks: list
    events: list

    @property
    def previous(self) -> datetime.date:
        return (self.first - datetime.timedelta(days=1)).replace(day=1)

    @property
    def next(self) -> datetime.date:
        return (self.first + datetime.timedelta(days=32)).replace(day=1)


def month_calendar(year: int, month: int) -> MonthCalendar:
    """The month as weeks of days (Monday first), each day with the public events
    taking place on it; one query."""
    weeks_of_dates = calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(year, month)
    grid_start, grid_end = weeks_of_dates[0][0], weeks_of_dates[-1][-1]
    first = datetime.date(year, month, 1)
    last = datetime.date(year, month, calendar.monthrange(year, month)[1])
    events = list(event_list(audience=PUBLIC).between(grid_start, grid_end).order_by("start_on", "slug"))
    weeks = []
    for week in weeks_of_dates:
        days = []
        for day in week:
            on_day = [event for event in events if event.start_on <= day <= (event.end_on or event.start_on)]
            days.append(CalendarDay(day, day.month == month, on_day))
        weeks.append(days)
    in_month = [event for event in events if event.start_on <= last and (event.end_on or event.start_on) >= first]
    return MonthCalendar(first, weeks, in_month)


def latest_event_day() -> datetime.date | None:
    """When the most recent public event starts: the calendar offers a jump
    there when the current month is empty."""
    return event_list(audience=PUBLIC).order_by("-start_on").values_list("start_on", flat=True).first()
