"""Lists built as JSON by PostgreSQL: the SQL building blocks.

A list's page is read in two statements (api.viewsets.RecordViewSet): the
page's keys, by the same selector, filters, ordering and keyset cursor as the
serializers' path, then one statement that builds the rows' JSON for those
keys in page order (:meth:`Projection.page_sql`), with the newest update time
of every record it shows (the response's Last-Modified). Each app declares
its lists' rows next to its serializers (``<app>/api/projections.py``) from
the blocks here, which mirror api.serializers and api.fields field by field:

* a translated field is ``{"vi", "en"}``, empty text null (BilingualField);
* a link is absolute, as DetailLinkField writes it (a per-request prefix);
* an optional reference the caller's audience may not see is null
  (NestedRecordSerializer);
* a timestamp is written as DRF writes it: in ``settings.TIME_ZONE`` with
  Python's isoformat (six digits of microseconds, or none) and the offset
  ("Z" for UTC), whatever the session's time zone;
* an agreement's standing is core.truth.agreement_standing on ``today``
  (``timezone.localdate()``, a parameter, so a frozen clock holds).

The statement's parameters (:func:`parameters`): ``levels`` (the visibility
levels the caller may read), ``today``, ``tz`` and one link prefix per
record kind (``url_agreement``...). The row's alias is ``t``, its source's ``s``.
bench/floor.py builds its one-statement floor from these same blocks.
"""

from dataclasses import dataclass
from functools import cached_property

from django.conf import settings
from django.utils import timezone

from api.fields import link_parts, list_link
from core.querysets import levels_for
from core.truth import ENDING_STAGES

# Record kind → the view its ``url`` points to.
DETAIL_VIEWS = {
    "agreement": "api:agreement-detail",
    "commitment": "api:commitment-detail",
    "event": "api:event-detail",
    "organization": "api:organization-detail",
    "person": "api:person-detail",
    "source": "api:source-detail",
}
# Lists a record links to (an agreement's ``commitments``).
LIST_VIEWS = {"commitments": "api:commitment-list"}


def parameters(request, audience, projection: "Projection | None" = None) -> dict:
    """The parameters of ``projection``'s statement (of every projection's
    without one), for ``request`` (the links' scheme and host) and
    ``audience``. Only the links it makes are reversed."""
    sql = projection.page_sql() if projection is not None else None
    links = {}
    for kind, view_name in DETAIL_VIEWS.items():
        if sql is None or f"%(url_{kind})s" in sql:
            prefix, suffix = link_parts(request, view_name)
            links[f"url_{kind}"], links[f"url_{kind}_end"] = f"{prefix}/", f"/{suffix}"
    for kind, view_name in LIST_VIEWS.items():
        if sql is None or f"%(list_{kind})s" in sql:
            links[f"list_{kind}"] = list_link(request, view_name)
    return {
        **links,
        "levels": list(levels_for(audience)),
        "today": timezone.localdate(),
        "tz": settings.TIME_ZONE,
    }


def bilingual(alias: str, name: str) -> str:
    return f"json_build_object('vi', NULLIF({alias}.{name}_vi, ''), 'en', NULLIF({alias}.{name}_en, ''))"


def url(alias: str, kind: str) -> str:
    return f"%(url_{kind})s || {alias}.id || %(url_{kind}_end)s"


def list_url(kind: str, query: str) -> str:
    """A list's absolute link followed by ``query`` (SQL text)."""
    return f"%(list_{kind})s || {query}"


def seen(alias: str) -> str:
    """Whether the joined row ``alias`` exists and the caller may see it."""
    return f"({alias}.id IS NOT NULL AND {alias}.visibility = ANY(%(levels)s))"


def visible(alias: str, body: str) -> str:
    """``body``, or null where the caller may not see ``alias`` (or there is none)."""
    return f"CASE WHEN {seen(alias)} THEN {body} END"


def visible_time(alias: str) -> str:
    """``alias``'s update time where its record is shown, for Last-Modified."""
    return visible(alias, f"{alias}.updated_at")


def web_address(column: str) -> str:
    return f"NULLIF({column}, '')"


def nested_organization(alias: str) -> str:
    """NestedOrganizationSerializer, null where hidden."""
    return visible(
        alias,
        f"json_build_object('id', {alias}.id, 'url', {url(alias, 'organization')}, 'slug', {alias}.slug, "
        f"'acronym', {alias}.acronym, 'name', {bilingual(alias, 'name')})",
    )


def nested_person(alias: str) -> str:
    """NestedPersonSerializer, null where hidden."""
    return visible(
        alias,
        f"json_build_object('id', {alias}.id, 'url', {url(alias, 'person')}, 'slug', {alias}.slug, "
        f"'full_name', {alias}.full_name)",
    )


def nested_agreement(alias: str) -> str:
    """NestedAgreementSerializer, null where hidden."""
    return visible(
        alias,
        f"json_build_object('id', {alias}.id, 'url', {url(alias, 'agreement')}, 'slug', {alias}.slug, "
        f"'kind', {alias}.kind, 'short_title', {bilingual(alias, 'short_title')}, "
        f"'title', {bilingual(alias, 'title')})",
    )


# NestedSourceSerializer (a record's source is required: never hidden).
SOURCE = (
    f"json_build_object('id', s.id, 'url', {url('s', 'source')}, 'key', s.key, 'title', {bilingual('s', 'title')}, "
    f"'published_on', s.published_on, 'address', {web_address('s.url')})"
)


def moment(column: str) -> str:
    """A timestamp as DRF writes it: converted to the project's time zone,
    Python's isoformat (six digits of microseconds or none; PostgreSQL's own
    JSON drops trailing zeros) and the offset, "Z" when it is zero. The
    session's time zone (UTC for Django's connections) plays no part."""
    local = f"({column} AT TIME ZONE %(tz)s)"
    offset = f"extract(epoch FROM {local} - ({column} AT TIME ZONE 'UTC'))::int"
    return (
        f"to_char({local}, 'YYYY-MM-DD\"T\"HH24:MI:SS') || "
        f"CASE WHEN mod(date_part('microseconds', {local})::bigint, 1000000) = 0 THEN '' "
        f"ELSE to_char({local}, '.US') END || "
        f"CASE WHEN {offset} = 0 THEN 'Z' ELSE "
        f"CASE WHEN {offset} < 0 THEN '-' ELSE '+' END "
        f"|| lpad((abs({offset}) / 3600)::text, 2, '0') || ':' || lpad((mod(abs({offset}), 3600) / 60)::text, 2, '0') "
        f"|| CASE WHEN mod(abs({offset}), 60) = 0 THEN '' ELSE ':' || lpad(mod(abs({offset}), 60)::text, 2, '0') END "
        f"END"
    )


# The fields every record ends with (RecordSerializer), as json_build_object arguments.
STAMPS = (
    f"'visibility', t.visibility, 'source', {SOURCE}, "
    f"'created_at', {moment('t.created_at')}, 'updated_at', {moment('t.updated_at')}"
)
# The joined source, and the update times every row shows (its own, its source's).
SOURCE_JOIN = "JOIN core_source s ON s.id = t.source_id"
STAMP_TIMES = ("t.updated_at", "s.updated_at")

_ENDING = ", ".join(f"'{status}'" for status in ENDING_STAGES)


def agreement_standing(changes_table: str) -> str:
    """core.truth.agreement_standing of agreement ``t`` on ``today``, over its
    visible status changes (in ``changes_table``) in history order: ended on
    its validity end; else on its first ending stage reached by today (a
    year-only stage on 31 December, core.truth.stage_day); else ended,
    undated, when its recorded status ends it and no stage is visible;
    otherwise current."""
    changes = f"FROM {changes_table} sc WHERE sc.agreement_id = t.id AND sc.visibility = ANY(%(levels)s)"
    day = "COALESCE(sc.changed_on, make_date(sc.year, 12, 31))"
    return f"""
CASE WHEN t.valid_until < %(today)s::date THEN json_build_object('state', 'ended', 'as_of', t.valid_until)
ELSE COALESCE(
  (SELECT json_build_object('state', 'ended', 'as_of', {day}) {changes}
     AND sc.status IN ({_ENDING}) AND {day} <= %(today)s::date
   ORDER BY sc.changed_on, sc.year, sc.id LIMIT 1),
  -- "no visible stage" as a scalar subquery: NOT EXISTS here became a hashed
  -- subplan reading every status change of the table.
  CASE WHEN t.status IN ({_ENDING}) AND (SELECT true {changes} LIMIT 1) IS NULL
    THEN json_build_object('state', 'ended', 'as_of', NULL)
    ELSE json_build_object('state', 'current', 'as_of', NULL) END)
END"""


def newest(*times: str) -> str:
    """The newest of ``times`` (nulls ignored)."""
    return f"GREATEST({', '.join(times)})"


@dataclass(frozen=True)
class Projection:
    """One list's row as JSON. ``fields``: (name, SQL) pairs in the
    serializer's field order, STAMPS excluded (every row ends with them);
    ``table``: the model's table (alias ``t``); ``joins``: the joined rows the
    fields read (the source's is added); ``times``: the update times of the
    other records a row shows (null where hidden), for Last-Modified."""

    table: str
    fields: tuple[tuple[str, str], ...]
    joins: str = ""
    times: tuple[str, ...] = ()

    @property
    def names(self) -> list[str]:
        return [name for name, _sql in self.fields] + ["visibility", "source", "created_at", "updated_at"]

    @cached_property
    def row(self) -> str:
        pairs = ", ".join(f"'{name}', {sql}" for name, sql in self.fields)
        return f"json_build_object({pairs}, {STAMPS})"

    @cached_property
    def source(self) -> str:
        """The FROM clause: the table as ``t`` with its joins."""
        return f"{self.table} t {SOURCE_JOIN} {self.joins}"

    @cached_property
    def modified(self) -> str:
        return newest(*STAMP_TIMES, *self.times)

    def page_sql(self) -> str:
        """The rows whose ids are ``%(ids)s``, in that order, as the text of a
        JSON array, and the newest update time of every record they show."""
        return self._page_sql

    @cached_property
    def _page_sql(self) -> str:
        return (
            f"SELECT COALESCE(json_agg({self.row} ORDER BY page.n), '[]')::text, max({self.modified}) "
            f"FROM unnest(%(ids)s::bigint[]) WITH ORDINALITY AS page(id, n) "
            f"JOIN {self.table} t ON t.id = page.id {SOURCE_JOIN} {self.joins}"
        )
