"""The iCalendar feed of public events, for calendar apps to subscribe to."""

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from events.models import Event


def _location(event: Event) -> str:
    if event.mode == "online":
        return pgettext("public site", "Online")
    place = ", ".join(str(part) for part in (event.city, event.country.name if event.country else "") if part)
    return place


def build_calendar(events, *, base_url: str, host: str) -> Calendar:
    """One VEVENT per event, all-day (DTEND is exclusive, hence the extra day)."""
    feed = Calendar()
    feed.add("prodid", "-//CoopDB//public events//EN")
    feed.add("version", "2.0")
    feed.add("calscale", "GREGORIAN")
    feed.add("method", "PUBLISH")
    feed.add("x-wr-calname", _("International cooperation events"))
    for event in events:
        entry = CalendarEvent()
        entry.add("uid", f"event-{event.slug}@{host}")
        entry.add("dtstamp", event.updated_at)
        entry.add("dtstart", event.start_on)
        entry.add("dtend", (event.end_on or event.start_on) + datetime.timedelta(days=1))
        entry.add("summary", str(event.title))
        location = _location(event)
        if location:
            entry.add("location", location)
        if event.description:
            entry.add("description", str(event.description))
        entry.add("url", base_url + reverse("events:detail", args=[event.slug]))
        if event.hosted_by_us:
            entry.add("categories", [_("Hosted by Viet Nam")])
        feed.add_component(entry)
    return feed
