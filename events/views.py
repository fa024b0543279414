"""Public pages: events (list, calendar, iCal feed), delegations, initiatives."""

import datetime

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.choices import PUBLIC
from core.listing import Sort, render_list
from events import selectors
from events.feeds import build_calendar
from events.filtersets import DelegationFilterSet, EventFilterSet, InitiativeFilterSet

EVENT_FILTERS = {
    "q": _("Words"),
    "kind": _("Kind"),
    "mode": _("Format"),
    "hosted_by_us": _("Hosted by Viet Nam"),
    "starts_after": _("From"),
    "starts_before": _("Until"),
}
EVENT_SORTS = {
    "date": Sort("date", ("start_on",)),
    "title": Sort("title", ("t:title",)),
    "kind": Sort("kind", ("kind",)),
}

DELEGATION_FILTERS = {
    "q": _("Words"),
    "direction": _("Direction"),
    "country": _("Country"),
    "starts_after": _("From"),
    "starts_before": _("Until"),
}
DELEGATION_SORTS = {
    "date": Sort("date", ("start_on",)),
    "title": Sort("title", ("t:title",)),
    "direction": Sort("direction", ("direction",)),
}

INITIATIVE_FILTERS = {"q": _("Words"), "status": _("Status"), "year": _("Year")}
INITIATIVE_SORTS = {
    "year": Sort("year", ("year",)),
    "title": Sort("title", ("t:title",)),
    "status": Sort("status", ("status",)),
}


def event_list(request):
    return render_list(
        request,
        "events/event_list.html",
        selectors.event_list,
        filterset_class=EventFilterSet,
        filters=EVENT_FILTERS,
        sorts=EVENT_SORTS,
        default_sort="-date",
    )


def event_detail(request, slug):
    event = get_object_or_404(selectors.event_detail_queryset(), slug=slug)
    return render(request, "events/event_detail.html", {"event": event})


def event_calendar(request, year=None, month=None):
    today = timezone.localdate()
    if year is None:
        year, month = today.year, today.month
    if not (1 <= month <= 12 and datetime.MINYEAR < year < datetime.MAXYEAR):
        raise Http404
    context = {
        "calendar": selectors.month_calendar(year, month),
        "latest_day": selectors.latest_event_day(),
        "today": today,
    }
    return render(request, "events/event_calendar.html", context)


def event_ical(request):
    events = selectors.event_list(audience=PUBLIC).order_by("start_on", "slug")
    feed = build_calendar(events, base_url=request.build_absolute_uri("/")[:-1], host=request.get_host())
    response = HttpResponse(feed.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="coopdb-events.ics"'
    return response


def delegation_list(request):
    return render_list(
        request,
        "events/delegation_list.html",
        selectors.delegation_list,
        filterset_class=DelegationFilterSet,
        filters=DELEGATION_FILTERS,
        sorts=DELEGATION_SORTS,
        default_sort="-date",
    )


def delegation_detail(request, slug):
    delegation = get_object_or_404(selectors.delegation_detail_queryset(), slug=slug)
    return render(request, "events/delegation_detail.html", {"delegation": delegation})


def initiative_list(request):
    return render_list(
        request,
        "events/initiative_list.html",
        selectors.initiative_list,
        filterset_class=InitiativeFilterSet,
        filters=INITIATIVE_FILTERS,
        sorts=INITIATIVE_SORTS,
        default_sort="-year",
    )


def initiative_detail(request, slug):
    initiative = get_object_or_404(selectors.initiative_list(audience=PUBLIC), slug=slug)
    return render(request, "events/initiative_detail.html", {"initiative": initiative})
