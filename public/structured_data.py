"""schema.org JSON-LD for the public pages of events and organizations, so
search engines read dates, places and names without guessing. Only public
fields, and references (a forum, a host) only when they are public."""

from django.urls import reverse

from core.choices import Audience
from core.querysets import visible_or_none
from organizations import us

SCHEMA = "https://schema.org"
ATTENDANCE = {
    "online": f"{SCHEMA}/OnlineEventAttendanceMode",
    "hybrid": f"{SCHEMA}/MixedEventAttendanceMode",
    "in_person": f"{SCHEMA}/OfflineEventAttendanceMode",
}


def _organization_ref(request, organization) -> dict:
    return {
        "@type": "Organization",
        "name": organization.name,
        "url": request.build_absolute_uri(reverse("organizations:detail", args=[organization.slug])),
    }


def _place(event) -> dict | None:
    if not (event.city or event.country):
        return None
    address = {"@type": "PostalAddress"}
    if event.city:
        address["addressLocality"] = event.city
    if event.country:
        address["addressCountry"] = event.country.code
    name = ", ".join(part for part in (event.city, event.country.name if event.country else "") if part)
    return {"@type": "Place", "name": name, "address": address}


def event_data(request, event) -> dict:
    """An Event: name, dates, where (a Place, a VirtualLocation or both for a
    hybrid event), who organizes it (its public forum, else us when we host it)."""
    page = request.build_absolute_uri(reverse("events:detail", args=[event.slug]))
    data = {
        "@context": SCHEMA,
        "@type": "Event",
        "name": event.title,
        "url": page,
        "startDate": event.start_on.isoformat(),
        "endDate": (event.end_on or event.start_on).isoformat(),
        "eventAttendanceMode": ATTENDANCE.get(event.mode, ATTENDANCE["in_person"]),
        "eventStatus": f"{SCHEMA}/EventScheduled",
    }
    if event.description:
        data["description"] = event.description
    locations = []
    if event.mode in ("online", "hybrid"):
        locations.append({"@type": "VirtualLocation", "url": event.url or page})
    place = _place(event) if event.mode != "online" else None
    if place:
        locations.append(place)
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    organizer = visible_or_none(event.forum, Audience.PUBLIC)
    if organizer is None and event.hosted_by_us:
        organizer = visible_or_none(us.own_organization(), Audience.PUBLIC)
    if organizer is not None:
        data["organizer"] = _organization_ref(request, organizer)
    return data


def organization_data(request, organization) -> dict:
    """An Organization: name, acronym, its page, founding date, its own web site."""
    data = {
        "@context": SCHEMA,
        "@type": "Organization",
        "name": organization.name,
        "url": request.build_absolute_uri(reverse("organizations:detail", args=[organization.slug])),
    }
    if organization.acronym:
        data["alternateName"] = organization.acronym
    if organization.founded_on:
        data["foundingDate"] = organization.founded_on.isoformat()
    elif organization.founded_year:
        data["foundingDate"] = str(organization.founded_year)
    if organization.website:
        data["sameAs"] = [organization.website]
    if organization.description:
        data["description"] = organization.description
    return data
