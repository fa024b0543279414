"""Public reads of events, delegations and initiatives."""

import calendar
import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch

from core.choices import PUBLIC
from events.models import Delegation, DelegationMember, Event, Initiative


def public_events():
    return Event.objects.visible_to(PUBLIC).select_related("forum", "source")


def public_delegations():
    return Delegation.objects.visible_to(PUBLIC).select_related("event", "forum", "counterpart", "head", "source")


def public_initiatives():
    return Initiative.objects.visible_to(PUBLIC).select_related("forum", "proposer", "event", "source")


def _public_documents(model):
    """The record's public documents (workflow.Document, reached through the
    reverse relation: the workflow app sits above this one)."""
    document = model._meta.get_field("documents").related_model
    queryset = document.objects.visible_to(PUBLIC).order_by("title", "pk")
    return Prefetch("documents", queryset=queryset, to_attr="public_documents")


def event_detail_queryset():
    return public_events().prefetch_related(
        _public_documents(Event),
        Prefetch(
            "delegations",
            queryset=public_delegations().order_by("start_on", "slug"),
            to_attr="public_delegations",
        ),
        Prefetch(
            "initiatives",
            queryset=public_initiatives().order_by("year", "slug"),
            to_attr="public_initiatives",
        ),
    )


def delegation_detail_queryset():
    # DelegationMember's visibility includes the person's: a hidden person is not listed.
    members = DelegationMember.objects.visible_to(PUBLIC).select_related("person", "source").order_by("pk")
    return public_delegations().prefetch_related(
        Prefetch("memberships", queryset=members, to_attr="public_members"), _public_documents(Delegation)
    )


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
    events = list(public_events().between(grid_start, grid_end).order_by("start_on", "slug"))
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
    return public_events().order_by("-start_on").values_list("start_on", flat=True).first()
