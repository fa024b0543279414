"""What a delivery's body is: the change-feed entry, as the subscriber's
audience may read it. The one place that knows the change log's shape.

A change is a small JSON reference written when the record is saved or
deleted (webhooks.triggers): kind, id, action, when, and which audiences
could see the record just before. The body is rendered for one audience:

* the record is visible to it now → ``created``/``changed`` with the record
  exactly as the API's detail shows it to that audience (so no private field,
  no hidden related record);
* it was visible before and is not now (visibility lowered) → ``hidden``,
  identifiers only; deleted after being visible → ``deleted``, identifiers only;
* it never was visible to it → nothing is sent at all.
"""

import json
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.test import RequestFactory
from rest_framework.request import Request

from agreements.api.urls import router as agreement_routes
from api.sources.urls import router as source_routes
from core.choices import Audience
from events.api.urls import router as event_routes
from organizations.api.urls import router as organization_routes
from webhooks.choices import RecordKind

# The audiences a subscriber can read as (never staff).
SUBSCRIBER_AUDIENCES = (Audience.PUBLIC, Audience.GOVERNMENT)


@dataclass(frozen=True)
class Change:
    kind: str
    id: int
    action: str  # "created", "changed", "deleted"
    at: str
    seen_by: tuple[str, ...] = ()  # audiences that could see it just before
    key: str | None = None  # the natural key, kept for deletions

    def ref(self) -> str:
        return json.dumps(self.__dict__ | {"seen_by": list(self.seen_by)}, sort_keys=True)


def viewsets_by_kind() -> dict:
    """Each published model's API viewset, from the API's own routers."""
    found = {}
    for router in (organization_routes, agreement_routes, event_routes, source_routes):
        for _prefix, viewset, _basename in router.registry:
            found[viewset.queryset.model._meta.model_name] = viewset
    return {kind: viewset for kind, viewset in found.items() if kind in RecordKind.values}


def load_entry(change: str) -> Change | None:
    try:
        data = json.loads(change)
        return Change(**{**data, "seen_by": tuple(data.get("seen_by", ()))})
    except (ValueError, TypeError):
        return None


def kind_of(entry: Change) -> str:
    return entry.kind


def payload_for(entry: Change, *, audience: str) -> dict | None:
    """The body for one subscriber's audience, or None when it must learn nothing."""
    identifiers = {"kind": entry.kind, "id": entry.id, "key": entry.key, "at": entry.at}
    record = None if entry.action == "deleted" else render_record(entry.kind, entry.id, audience=audience)
    if record is not None:
        natural = identifiers | {"key": _natural_key(entry.kind, record)}
        # A record that just became visible to this audience is new to it.
        action = "changed" if entry.action == "changed" and audience in entry.seen_by else "created"
        return natural | {"action": action, "record": record}
    if audience in entry.seen_by:
        return identifiers | {"action": "deleted" if entry.action == "deleted" else "hidden"}
    return None


def _natural_key(kind: str, record: dict):
    field = viewsets_by_kind()[kind].natural_key
    return record.get(field) if field else None


def render_record(kind: str, pk: int, *, audience: str) -> dict | None:
    """The API detail of one record as ``audience`` reads it, or None if it
    may not see it: the viewset's own queryset and serializer, so webhooks
    show exactly what the API shows, never more."""
    viewset_class = viewsets_by_kind()[kind]
    view = type("WebhookView", (viewset_class,), {"audience": Audience(audience)})()
    view.action, view.format_kwarg, view.kwargs = "retrieve", None, {}
    view.request = Request(_site_request())
    obj = view.get_queryset().filter(pk=pk).first()
    if obj is None:
        return None
    return json.loads(json.dumps(view.get_serializer(obj).data, default=str))


def _site_request():
    """A request to the site's public address, so links in the body are absolute."""
    site = urlsplit(settings.COOPDB_SITE_URL)
    secure = site.scheme == "https"
    return RequestFactory().get(
        "/",
        HTTP_HOST=site.netloc,
        secure=secure,
    )
