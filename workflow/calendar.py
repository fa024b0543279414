"""The staff calendar: events and delegations of every visibility, and the
deadlines of the radar, as a month page in the admin and as a private iCal
feed per staff member (a secret link calendar apps can read without a log-in).

The public calendar (events.feeds) shows public events only; this one is for
staff: it is behind the admin's log-in, or behind a token only its owner has.
"""

import datetime
import hashlib
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib import admin, messages
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from core.models import touch_last_used
from events.models import Delegation, Event
from workflow.models import CalendarFeed
from workflow.selectors import RadarKind, admin_change_url, radar_items

# The feed reaches this far back and ahead: what a calendar app needs.
FEED_PAST_DAYS = 60
FEED_FUTURE_DAYS = 366
# Events and delegations are shown as what they are, not as radar deadlines.
SPAN_KINDS = {RadarKind.EVENT, RadarKind.DEPARTURE, RadarKind.ARRIVAL}
# Reading the feed refreshes "last read" at most this often (no write per poll).
LAST_USED_RESOLUTION = datetime.timedelta(hours=1)


@dataclass(frozen=True)
class CalendarEntry:
    start: datetime.date
    end: datetime.date  # inclusive
    kind: str
    kind_label: str
    title: str
    admin_url: str
    visibility: str
    uid: str


def staff_calendar(*, user, start: datetime.date, end: datetime.date) -> list[CalendarEntry]:
    """What happens between ``start`` and ``end`` (inclusive) that ``user`` may
    view: events and delegations overlapping the days, and deadlines on them."""
    entries = [*_events(user, start, end), *_delegations(user, start, end), *_deadlines(user, start, end)]
    return sorted(entries, key=lambda entry: (entry.start, entry.kind, entry.title))


def _overlapping(start, end) -> Q:
    return Q(start_on__lte=end) & (Q(end_on__gte=start) | Q(end_on__isnull=True, start_on__gte=start))


def _events(user, start, end):
    if not user.has_perm("events.view_event"):
        return
    for event in Event.objects.filter(_overlapping(start, end)).order_by():
        yield CalendarEntry(
            event.start_on,
            event.end_on or event.start_on,
            RadarKind.EVENT,
            _("Event"),
            str(event),
            admin_change_url(event),
            event.get_visibility_display(),
            f"event-{event.pk}",
        )


def _delegations(user, start, end):
    if not user.has_perm("events.view_delegation"):
        return
    for delegation in Delegation.objects.filter(_overlapping(start, end)).order_by():
        yield CalendarEntry(
            delegation.start_on,
            delegation.end_on or delegation.start_on,
            RadarKind.DEPARTURE if delegation.direction == "outgoing" else RadarKind.ARRIVAL,
            delegation.get_direction_display(),
            str(delegation),
            admin_change_url(delegation),
            delegation.get_visibility_display(),
            f"delegation-{delegation.pk}",
        )


def _deadlines(user, start, end):
    today = start
    for item in radar_items(today=today, days=(end - start).days):
        opts = item.obj._meta
        if item.kind in SPAN_KINDS or not (start <= item.due_on <= end):
            continue  # overdue items before the period belong to their own day
        if not user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
            continue
        yield CalendarEntry(
            item.due_on,
            item.due_on,
            item.kind,
            str(item.kind_label),
            str(item.obj),
            item.admin_url,
            item.obj.get_visibility_display() if hasattr(item.obj, "get_visibility_display") else "",
            f"{item.kind}-{opts.model_name}-{item.obj.pk}-{item.due_on:%Y%m%d}",
        )


# --- The month page -----------------------------------------------------------


def _month(text: str | None) -> datetime.date | None:
    """``2026-12`` as 1 December 2026; None when unreadable or implausible."""
    try:
        year, month = (int(part) for part in str(text).split("-"))
        return datetime.date(year, month, 1) if 1900 <= year <= 2100 else None
    except ValueError:
        return None


def _month_end(first: datetime.date) -> datetime.date:
    return (first + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)


@require_http_methods(["GET", "HEAD"])
def calendar_month(request):
    today = timezone.localdate()
    first = today.replace(day=1)
    if "month" in request.GET:
        asked = _month(request.GET["month"])
        if asked is None:
            messages.error(request, _("“%(month)s” is not a month: type it as YYYY-MM, e.g. 2026-12.") % {
                "month": request.GET["month"][:20]
            })
        else:
            first = asked
    last = _month_end(first)
    entries = staff_calendar(user=request.user, start=first, end=last)
    days = {}
    for entry in entries:
        days.setdefault(max(entry.start, first), []).append(entry)
    context = admin_context(request, _("Staff calendar"))
    context.update(
        first=first,
        days=sorted(days.items()),
        previous=(first - datetime.timedelta(days=1)).strftime("%Y-%m"),
        next=(last + datetime.timedelta(days=1)).strftime("%Y-%m"),
        today=today,
        feed=CalendarFeed.objects.filter(user=request.user).first(),
    )
    return TemplateResponse(request, "workflow/calendar.html", context)


def admin_context(request, title: str) -> dict:
    context = admin.site.each_context(request)
    context["title"] = title
    return context


# --- The private feed -----------------------------------------------------------


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def make_feed_link(*, user) -> str:
    """A new secret token for ``user`` (replacing any earlier one); returned once."""
    token = secrets.token_urlsafe(32)
    CalendarFeed.objects.update_or_create(
        user=user, defaults={"token_hash": _hash(token), "created_at": timezone.now(), "last_used_at": None}
    )
    return token


@require_http_methods(["POST"])
def calendar_link(request):
    """Make a new private link (shown once) or revoke the current one."""
    if request.POST.get("action") == "revoke":
        CalendarFeed.objects.filter(user=request.user).delete()
        messages.success(request, _("Your private calendar link was revoked: calendar apps using it get nothing now."))
        return redirect("workflow:calendar")
    token = make_feed_link(user=request.user)
    url = request.build_absolute_uri(reverse("workflow:calendar-feed", args=[token]))
    messages.warning(
        request,
        _("Your private calendar link (shown only now; anyone with it sees internal items): %(url)s") % {"url": url},
    )
    return redirect("workflow:calendar")


def calendar_feed(request, token: str):
    """The iCal feed behind a token: 404 for an unknown or revoked token, or a
    user who is no longer active staff; never cached by anything in between."""
    feed = CalendarFeed.objects.select_related("user").filter(token_hash=_hash(token)).first()
    if feed is None or not (feed.user.is_active and feed.user.is_staff):
        raise Http404
    today = timezone.localdate()
    entries = staff_calendar(
        user=feed.user,
        start=today - datetime.timedelta(days=FEED_PAST_DAYS),
        end=today + datetime.timedelta(days=FEED_FUTURE_DAYS),
    )
    _touch(feed)
    response = HttpResponse(
        build_staff_calendar(entries, base_url=settings.COOPDB_SITE_URL.rstrip("/"), host=request.get_host()).to_ical(),
        content_type="text/calendar; charset=utf-8",
    )
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex"
    return response


def _touch(feed: CalendarFeed) -> None:
    touch_last_used(feed, LAST_USED_RESOLUTION)


def build_staff_calendar(entries: list[CalendarEntry], *, base_url: str, host: str) -> Calendar:
    """One all-day VEVENT per entry (DTEND is exclusive, hence the extra day)."""
    calendar = Calendar()
    calendar.add("prodid", "-//CoopDB//staff calendar//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", _("CoopDB — staff calendar"))
    stamp = timezone.now()
    for entry in entries:
        event = CalendarEvent()
        event.add("uid", f"{entry.uid}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", entry.start)
        event.add("dtend", entry.end + datetime.timedelta(days=1))
        event.add("summary", f"{entry.kind_label}: {entry.title}")
        event.add("categories", [entry.kind_label])
        event.add("class", "CONFIDENTIAL")
        if entry.admin_url:
            event.add("url", base_url + entry.admin_url)
        if entry.visibility:
            event.add("description", _("Visibility: %(level)s") % {"level": entry.visibility})
        calendar.add_component(event)
    return calendar

