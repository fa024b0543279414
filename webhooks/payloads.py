"""What a delivery's body is: the change-feed entry (api.models.Change, the
change log that also serves /api/v1/changes/) as the subscriber's audience
may read it. The one place that knows the change log's shape.

The change log already says, per audience, what a change means to it:
created or changed (it sees the record now; the body carries the record
exactly as the API's detail shows that audience, so no private field and no
hidden related record), removed (it saw the record and no longer does —
deleted or visibility lowered, one word for both: identifiers only), or
nothing (it never saw it: nothing is sent at all).
"""

from api import changes
from api.models import Change
from core.choices import Audience


def load_entry(change: str) -> Change | None:
    """The change-log row a job names (jobs carry plain ids)."""
    try:
        return Change.objects.filter(pk=int(change)).first()
    except (TypeError, ValueError):
        return None


def kind_of(entry: Change) -> str:
    return entry.kind


def payload_for(entry: Change, *, audience: str) -> dict | None:
    """The body for one subscriber's audience, or None when it must learn nothing."""
    audience = Audience(audience)
    if audience not in changes.AUDIENCES or not entry.action_for(audience):
        return None
    # The change feed's own rendering, when the change log offers one.
    entry_for = getattr(changes, "entry_for", None)
    if entry_for is not None:
        return _plain(entry_for(entry, audience, None))
    return minimal_entry(entry, audience)


def minimal_entry(entry: Change, audience) -> dict:
    """Kind, id, natural key, action, when, and — unless removed — the API detail."""
    action = entry.action_for(audience)
    body = {
        "position": entry.id,
        "kind": entry.kind,
        "id": entry.object_id,
        "action": action,
        "changed_at": entry.changed_at.isoformat(),
    }
    if action == "removed":
        # Only what the audience had already seen: the key it knew the record by.
        return body | {"key": entry.previous_key or None}
    detail = changes.render(changes.kinds()[entry.kind], audience, [entry.object_id]).get(entry.object_id)
    if detail is None:
        # Hidden again since: send nothing; the later row that hid it says "removed".
        return None
    return body | {"key": entry.key or None, "record": _plain(detail)}


def _plain(data):
    """Plain JSON values (dates, decimals, lazy strings rendered)."""
    import json

    from rest_framework.utils.encoders import JSONEncoder

    return json.loads(json.dumps(data, cls=JSONEncoder))
