"""``GET /api/v1/changes/``: the change feed, for the caller's audience.

The feed is the change log (api.changes) seen by one audience: each record
of any list appears at the position of its latest change that audience can
notice: created (it became visible), changed (what its detail shows
changed) or removed (it was visible and is no more: deleted, or hidden; one
word for both, so the feed never says that a record still exists out of
the caller's sight). Earlier changes of the same record are left out: the
latest one carries the record as it is now, which is all a mirror needs.

A position is an opaque cursor. A read serves the settled rows up to the
first pending one (its "head"). Settling is the queued job's work
(webhooks.tasks.settle_changes, queued after every write); so that the feed
moves on without a worker, a read first settles a small batch itself, but
only if it gets the log's locks at once (api.changes.settle_for_read): a
read never waits for a writer, and a writer waits for a read at most the
one query that picks its batch. Rows
are written under a lock held until their transaction commits, and pending
rows are settled in order, so no row can appear later behind a cursor
already handed out.
"""

import binascii
import re
from collections import defaultdict

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import exceptions, serializers
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param
from rest_framework.views import APIView

from api.authentication import audience_of
from api.changes import kinds, render, settle_for_read, settled_head
from api.fields import link
from api.models import Change, ChangeAction
from api.pagination import CURSOR_PATTERN, DEFAULT_LIMIT, MAX_LIMIT, KeysetPagination, from_cursor, to_cursor
from api.schema import CoopDBAutoSchema
from api.viewsets import RecordViewSet
from core.filtersets import MAX_ID

CURSOR = re.compile(r"c([0-9]{1,19})")
PARAMETERS = {"after", "limit"}


def encode_cursor(position: int) -> str:
    return to_cursor(f"c{position}")


def decode_cursor(cursor: str, head: int) -> int:
    """The position in ``cursor``; anything we did not hand out is a 400."""
    invalid = exceptions.ValidationError({"after": [_("This cursor is not valid for the change feed.")]})
    try:
        text = from_cursor(cursor).decode("ascii")
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise invalid from None
    match = CURSOR.fullmatch(text)
    if not match or int(match.group(1)) > min(head, MAX_ID):
        raise invalid
    return int(match.group(1))


def feed_rows(*, audience, after: int, until: int, limit: int) -> list[Change]:
    """Up to ``limit`` rows after ``after`` (up to ``until``) that the audience
    notices, each the latest such row of its record."""
    noticed = Change.objects.exclude(**{f"{audience}_action": ""}).filter(id__lte=until, settled=True)
    later = noticed.filter(kind=OuterRef("kind"), object_id=OuterRef("object_id"), id__gt=OuterRef("id"))
    return list(noticed.filter(id__gt=after).filter(~Exists(later)).order_by("id")[:limit])


def entries(rows, audience, request) -> list[dict]:
    """The feed entries of ``rows`` for the audience: one query per kind for
    the records (as the detail endpoint shows them now)."""
    return [entry for entry in entries_by_row(rows, audience, request).values() if entry is not None]


def entries_by_row(rows, audience, request=None) -> dict[int, dict | None]:
    """{row id: its entry for the audience, or None} (see ``entry_for``), each
    record rendered once, in one query per kind: what a batch of webhook
    deliveries sends."""
    rows = [row for row in rows if row.action_for(audience) and row.kind in kinds()]
    wanted = defaultdict(set)
    for row in rows:
        if row.action_for(audience) != ChangeAction.REMOVED:
            wanted[row.kind].add(row.object_id)
    records = {name: render(kinds()[name], audience, ids, request) for name, ids in wanted.items()}
    return {row.id: entry_from(row, audience, request, records.get(row.kind, {})) for row in rows}


def entry_for(change: Change, audience, request=None) -> dict | None:
    """One row as a feed entry for ``audience`` (what webhooks send), or None
    when the audience notices nothing of it, or the record has since left its
    view (a later row then says so)."""
    return entries_by_row([change], audience, request).get(change.id)


def entry_from(row: Change, audience, request, records: dict) -> dict | None:
    action = row.action_for(audience)
    kind = kinds()[row.kind]
    entry = {
        "cursor": encode_cursor(row.id),
        "kind": row.kind,
        "id": row.object_id,
        "key": None,
        "action": str(action),
        "changed_at": row.changed_at,
        "url": None,
        "record": None,
    }
    if action == ChangeAction.REMOVED:
        # The key the audience last saw, never the record's key now.
        entry["key"] = row.previous_key or None
        return entry
    record = records.get(row.object_id)
    if record is None:
        return None  # hidden or deleted since the head was read: the next page says so
    entry["key"] = record.get(kind.natural_key) if kind.natural_key else None
    entry["url"] = link(request, kind.view_name(), row.object_id)
    entry["record"] = record
    return entry


def _record_schema():
    names = sorted({viewset.serializer_class.__name__.removesuffix("Serializer") for viewset in _viewsets()})
    return {
        "anyOf": [{"$ref": f"#/components/schemas/{name}"} for name in names],
        "nullable": True,
        "description": "The record as its detail endpoint shows it to the caller; null for a removal.",
    }


def _viewsets():
    return [kind.viewset for kind in kinds().values()]


@extend_schema_field(_record_schema())
class RecordField(serializers.JSONField):
    pass


class ChangeEntrySerializer(serializers.Serializer):
    cursor = serializers.CharField(help_text="The position just after this entry: resume with ?after=<cursor>.")
    kind = serializers.ChoiceField(choices=sorted(kinds()), help_text="Which list the record belongs to.")
    id = serializers.IntegerField(min_value=1, help_text="The record's id.")
    key = serializers.CharField(
        allow_null=True, help_text="The record's natural key (slug, acronym or key); null where the list has none."
    )
    action = serializers.ChoiceField(
        choices=[ChangeAction.CREATED.value, ChangeAction.CHANGED.value, ChangeAction.REMOVED.value],
        help_text=(
            "created: it became visible to you; changed: what its detail shows changed; removed: it is no longer "
            "visible to you (deleted or hidden: drop it). Apply created and changed alike (insert or replace)."
        ),
    )
    changed_at = serializers.DateTimeField()
    url = serializers.URLField(allow_null=True, help_text="Its detail endpoint; null for a removal.")
    record = RecordField()


class ChangeFeedSerializer(serializers.Serializer):
    cursor = serializers.CharField(help_text="Resume here next time (?after=<cursor>), even when results is empty.")
    next = serializers.URLField(help_text="This feed from `cursor`: poll it, or follow it while has_more.")
    has_more = serializers.BooleanField(help_text="Whether more entries follow at once.")
    results = ChangeEntrySerializer(many=True)


class ChangeFeedSchema(CoopDBAutoSchema):
    def get_override_parameters(self):
        # JSON only: none of the lists' ``format`` parameter.
        return [parameter for parameter in super().get_override_parameters() if parameter.name != "format"]


class ChangeFeedView(APIView):
    """What was created, changed or removed, in order, among the records the caller may see (public ones without a key).

    Start a mirror with `cursor` from this feed (no `after`: the whole log), or
    take `cursor` first, make a full read of every list, then replay the feed
    from that cursor. Apply each entry: created or changed: store `record`
    under (`kind`, `id`); removed: delete (`kind`, `id`). Follow `next` while
    `has_more`, keep the last `cursor`, and poll from it later.
    """

    renderer_classes = [JSONRenderer]
    schema = ChangeFeedSchema()
    # The response's schema (drf-spectacular reads it; the error responses are added by the schema class).
    serializer_class = ChangeFeedSerializer

    @extend_schema(
        operation_id="changes_list",
        parameters=[
            OpenApiParameter(
                "after",
                str,
                OpenApiParameter.QUERY,
                description="A cursor from a previous response or entry; leave out to read the log from its start.",
                pattern=CURSOR_PATTERN,
            ),
            OpenApiParameter(
                "limit",
                {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT},
                OpenApiParameter.QUERY,
                description=f"Entries per page (default {DEFAULT_LIMIT}).",
            ),
        ],
    )
    def get(self, request, *args, **kwargs):
        limit = KeysetPagination().get_limit(request)
        audience = audience_of(request)
        settled_now = settle_for_read()
        until, pending = settled_head()
        raw = request.query_params.get("after")
        after = decode_cursor(raw, until) if raw else 0
        rows = feed_rows(audience=audience, after=after, until=until, limit=limit + 1)
        more = len(rows) > limit
        rows = rows[:limit]
        position = rows[-1].id if more else until
        cursor = encode_cursor(position)
        data = {
            "cursor": cursor,
            "next": replace_query_param(request.build_absolute_uri(), "after", cursor),
            # Also while this read settled some rows and more wait: the next read settles on.
            "has_more": more or (settled_now and pending),
            "results": entries(rows, audience, request),
        }
        return Response(ChangeFeedSerializer(data).data)

    def initial(self, request, *args, **kwargs):
        RecordViewSet._refuse_large_body(self, request)
        self._check_parameters(request)
        super().initial(request, *args, **kwargs)

    def _check_parameters(self, request):
        unknown = sorted(set(request.query_params) - PARAMETERS)
        if unknown:
            message = _("Unknown query parameter. Allowed: %(allowed)s.") % {"allowed": ", ".join(sorted(PARAMETERS))}
            raise exceptions.ValidationError({name: [message] for name in unknown})
        repeated = sorted(name for name, values in request.query_params.lists() if len(values) > 1)
        if repeated:
            raise exceptions.ValidationError({name: [_("Give this parameter once.")] for name in repeated})
        if request.query_params.get("limit") == "":
            raise exceptions.ValidationError({"limit": [_("Give a value or leave the parameter out.")]})
