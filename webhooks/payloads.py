"""What a delivery's body is: the change-feed entry (api.feed.entry_for on
the change log api.models.Change, exactly what /api/v1/changes/ lists) as
the subscriber's audience may read it. The one place that knows the change
log's shape.

The change log already says, per audience, what a change means to it:
created or changed (it sees the record now; the entry carries the record
exactly as the API's detail shows that audience, so no private field and no
hidden related record), removed (it saw the record and no longer does —
deleted or visibility lowered, one word for both: identifiers only), or
nothing (it never saw it: nothing is sent at all).
"""

import json
from urllib.parse import urlsplit

from django.conf import settings
from django.test import RequestFactory
from rest_framework.request import Request
from rest_framework.utils.encoders import JSONEncoder

from api.changes import AUDIENCES
from api.feed import entries_by_row, entry_for
from api.models import Change
from core.choices import Audience


def load_entry(change: str) -> Change | None:
    """The change-log row a job names (jobs carry plain ids)."""
    found = load_entries([change])
    return found[0] if found else None


def load_entries(changes: list[str]) -> list[Change]:
    """The change-log rows a job names, in order (ids that are not numbers are left out)."""
    ids = [int(change) for change in changes if str(change).isdecimal()]
    return list(Change.objects.filter(pk__in=ids).order_by("id"))


def kind_of(entry: Change) -> str:
    return entry.kind


def payload_for(entry: Change, *, audience: str) -> dict | None:
    """The body for one subscriber's audience, or None when it must learn nothing."""
    audience = Audience(audience)
    if audience not in AUDIENCES:
        return None  # staff never: internal records and fields never leave by webhook
    return _as_json(entry_for(entry, audience, Request(_site_request())))


def payloads_for(entries: list[Change], *, audience: str) -> dict[int, dict | None]:
    """{change id: body for the audience, or None}: each record rendered once
    for the whole batch (one query per kind), whatever the subscriptions."""
    audience = Audience(audience)
    if audience not in AUDIENCES:
        return {}
    bodies = entries_by_row(entries, audience, Request(_site_request()))
    return {change_id: _as_json(body) for change_id, body in bodies.items()}


def _as_json(body: dict | None) -> dict | None:
    return None if body is None else json.loads(json.dumps(body, cls=JSONEncoder))


def _site_request():
    """A request to the site's public address (COOPDB_SITE_URL), so the links
    in a body are absolute, as in the API's own answers."""
    site = urlsplit(settings.COOPDB_SITE_URL)
    return RequestFactory().get("/", HTTP_HOST=site.netloc, secure=site.scheme == "https")
