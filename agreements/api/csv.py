"""The agreements' CSV export built from ``values()`` rows.

The same cells as flattening AgreementSerializer's output (api.renderers),
without a model instance or a serializer per row: per chunk of agreements,
one query for the visible parties and one for the visible status changes,
so a large export costs a few queries per thousand rows and constant memory.
tests/api/test_csv_fast.py compares the two paths byte for byte.
"""

import json
from types import SimpleNamespace

from django.db import connections
from django.utils import timezone
from rest_framework import serializers

from agreements.models import AgreementParty, AgreementStatusChange
from agreements.selectors import HISTORY_ORDER, PARTY_ORDER
from api.fields import link, list_link
from core import truth
from core.querysets import levels_for

LANGUAGES = ("vi", "en")
_DATETIME = serializers.DateTimeField()

AGREEMENT_VALUES = (
    "id", "slug", "kind", "short_title_vi", "short_title_en", "title_vi", "title_en", "parent_id",
    "parent__visibility", "parent__slug", "parent__kind", "parent__short_title_vi", "parent__short_title_en",
    "parent__title_vi", "parent__title_en", "status", "signed_on", "valid_from", "valid_until", "summary_vi",
    "summary_en", "text_url", "visibility", "source_id", "source__key", "source__title_vi", "source__title_en",
    "source__published_on", "source__url", "created_at", "updated_at",
)  # fmt: skip
PARTY_VALUES = (
    "agreement_id", "organization_id", "organization__visibility", "organization__slug",
    "organization__acronym", "organization__name_vi", "organization__name_en", "country", "role",
    "signatory_vi", "signatory_en", "signed_on", "ratified_on", "in_force_on",
)  # fmt: skip
CHANGE_VALUES = ("agreement_id", "status", "changed_on", "year", "note_vi", "note_en")


def _day(value):
    return value.isoformat() if value is not None else None


def _text(row, name) -> dict:
    """A bilingual field as the API shows it: empty text is null."""
    return {language: row[f"{name}_{language}"] or None for language in LANGUAGES}


def _flat_text(out: dict, column: str, row, name):
    for language in LANGUAGES:
        out[f"{column}_{language}"] = row[f"{name}_{language}"] or None


def _parties(rows, request, visible) -> list:
    return [
        {
            "organization": {
                "id": row["organization_id"],
                "url": link(request, "api:organization-detail", row["organization_id"]),
                "slug": row["organization__slug"],
                "acronym": row["organization__acronym"],
                "name": _text(row, "organization__name"),
            }
            if row["organization_id"] is not None and row["organization__visibility"] in visible
            else None,
            "country": row["country"] or None,
            "role": row["role"],
            "signatory": _text(row, "signatory"),
            "signed_on": _day(row["signed_on"]),
            "ratified_on": _day(row["ratified_on"]),
            "in_force_on": _day(row["in_force_on"]),
        }
        for row in rows
    ]


def _history(rows) -> list:
    return [
        {
            "status": row["status"],
            "changed_on": _day(row["changed_on"]),
            "year": row["year"],
            "note": _text(row, "note"),
        }
        for row in rows
    ]


def _json_cell(items):
    return json.dumps(items, ensure_ascii=False) if items else ""


def dict_rows(values_queryset, *, chunk_size=None):
    """The rows of a ``values()`` queryset as dicts, straight from the
    database cursor: modeltranslation's values iterable rewrites every row
    (most of the export's time). ``chunk_size``: stream through a server-side
    cursor in batches of that many rows."""
    sql, params = values_queryset.query.sql_with_params()
    connection = connections[values_queryset.db]
    with connection.chunked_cursor() if chunk_size else connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [column[0] for column in cursor.description]
        while batch := cursor.fetchmany(chunk_size or 10_000):
            yield from (dict(zip(names, row, strict=True)) for row in batch)


def _children(model, values, order, ids, audience) -> dict:
    grouped = {pk: [] for pk in ids}
    rows = model.objects.visible_to(audience).filter(agreement_id__in=ids).order_by(*order).values(*values)
    for row in dict_rows(rows):
        grouped[row["agreement_id"]].append(row)
    return grouped


def flat_rows(chunk, *, audience, request) -> list[dict]:
    """One chunk of AGREEMENT_VALUES rows as flattened CSV rows (column → value)."""
    ids = [row["id"] for row in chunk]
    # In the order of the selectors' prefetches, as the serializer shows them.
    parties = _children(AgreementParty, PARTY_VALUES, PARTY_ORDER, ids, audience)
    changes = _children(AgreementStatusChange, CHANGE_VALUES, HISTORY_ORDER, ids, audience)
    visible = levels_for(audience)
    today = timezone.localdate()
    commitments = list_link(request, "api:commitment-list")
    return [
        _flat_row(row, parties[row["id"]], changes[row["id"]], request=request, visible=visible, today=today,
                  commitments=commitments)
        for row in chunk
    ]  # fmt: skip


def _flat_row(row, parties, changes, *, request, visible, today, commitments) -> dict:
    pk = row["id"]
    out = {"id": pk, "url": link(request, "api:agreement-detail", pk), "slug": row["slug"], "kind": row["kind"]}
    _flat_text(out, "short_title", row, "short_title")
    _flat_text(out, "title", row, "title")
    if row["parent_id"] is not None and row["parent__visibility"] in visible:
        out.update(
            parent_id=row["parent_id"],
            parent_url=link(request, "api:agreement-detail", row["parent_id"]),
            parent_slug=row["parent__slug"],
            parent_kind=row["parent__kind"],
        )
        _flat_text(out, "parent_short_title", row, "parent__short_title")
        _flat_text(out, "parent_title", row, "parent__title")
    history = [SimpleNamespace(**change) for change in changes]
    standing = truth.agreement_standing(SimpleNamespace(**row), today, history)
    out.update(
        status=row["status"],
        standing_state=standing.state,
        standing_as_of=_day(standing.day),
        signed_on=_day(row["signed_on"]),
        valid_from=_day(row["valid_from"]),
        valid_until=_day(row["valid_until"]),
    )
    _flat_text(out, "summary", row, "summary")
    out.update(
        text_url=row["text_url"] or None,
        parties=_json_cell(_parties(parties, request, visible)),
        status_history=_json_cell(_history(changes)),
        commitments=f"{commitments}?agreement={pk}",
        visibility=row["visibility"],
        source_id=row["source_id"],
        source_url=link(request, "api:source-detail", row["source_id"]),
        source_key=row["source__key"],
    )
    _flat_text(out, "source_title", row, "source__title")
    out.update(
        source_published_on=_day(row["source__published_on"]),
        source_address=row["source__url"] or None,
        created_at=_DATETIME.to_representation(row["created_at"]),
        updated_at=_DATETIME.to_representation(row["updated_at"]),
    )
    return out
