"""The floor: each API page built as JSON by PostgreSQL in one statement.

The SQL mirrors the API's serializers field by field (bilingual fields as
``{"vi", "en"}`` with empty text as null, optional references the audience may
not see as null, absolute links, derived fields such as an agreement's
standing computed here too), so the bench can check that both documents are
equal before it compares their cost. Undated rows sort last in both
directions, as in api/pagination.py. Parameters: ``base`` (the API's
absolute root, ending in ``/``), ``levels`` (the visibility levels the caller
may read), ``limit`` and ``pk`` (detail only).
"""


def _bi(alias: str, name: str) -> str:
    return f"json_build_object('vi', NULLIF({alias}.{name}_vi, ''), 'en', NULLIF({alias}.{name}_en, ''))"


def _url(alias: str, path: str) -> str:
    return f"%(base)s || '{path}/' || {alias}.id || '/'"


def _visible(alias: str, body: str) -> str:
    return f"CASE WHEN {alias}.id IS NOT NULL AND {alias}.visibility = ANY(%(levels)s) THEN {body} END"


def _org(alias: str) -> str:
    return _visible(
        alias,
        f"json_build_object('id', {alias}.id, 'url', {_url(alias, 'organizations')}, 'slug', {alias}.slug, "
        f"'acronym', {alias}.acronym, 'name', {_bi(alias, 'name')})",
    )


def _person(alias: str) -> str:
    return _visible(
        alias,
        f"json_build_object('id', {alias}.id, 'url', {_url(alias, 'people')}, 'slug', {alias}.slug, "
        f"'full_name', {alias}.full_name)",
    )


def _agreement(alias: str) -> str:
    return (
        f"json_build_object('id', {alias}.id, 'url', {_url(alias, 'agreements')}, 'slug', {alias}.slug, "
        f"'kind', {alias}.kind, 'short_title', {_bi(alias, 'short_title')}, 'title', {_bi(alias, 'title')})"
    )


SOURCE = (
    "json_build_object('id', s.id, 'url', " + _url("s", "sources") + ", 'key', s.key, 'title', "
    + _bi("s", "title") + ", 'published_on', s.published_on, 'address', NULLIF(s.url, ''))"
)


def _moment(column: str) -> str:
    """A timestamp as DRF writes it (Python's isoformat): six digits of
    microseconds, or none when they are zero; PostgreSQL's own JSON drops
    trailing zeros ("...:35.62378+07:00" for "...:35.623780+07:00")."""
    return (
        f"to_char({column}, 'YYYY-MM-DD\"T\"HH24:MI:SS') || "
        f"CASE WHEN mod(date_part('microseconds', {column})::bigint, 1000000) = 0 THEN '' "
        f"ELSE to_char({column}, '.US') END || to_char({column}, 'TZH:TZM')"
    )


STAMPS = (
    "'visibility', t.visibility, 'source', " + SOURCE + ", 'created_at', " + _moment("t.created_at")
    + ", 'updated_at', " + _moment("t.updated_at")
)

# The visible status changes of agreement ``t`` (the API prefetches these).
_VISIBLE_CHANGES = (
    "FROM agreements_agreementstatuschange sc WHERE sc.agreement_id = t.id AND sc.visibility = ANY(%(levels)s)"
)
_STAGE_DAY = "COALESCE(sc.changed_on, make_date(sc.year, 12, 31))"  # core.truth.stage_day

# core.truth.agreement_standing on the session's today (the bench sets the
# project's time zone): ended on its validity end, else on its first ending
# stage reached, else ended undated when its recorded status ends it and no
# stage is visible; otherwise current.
AGREEMENT_STANDING = f"""
CASE WHEN t.valid_until < CURRENT_DATE THEN json_build_object('state', 'ended', 'as_of', t.valid_until)
ELSE COALESCE(
  (SELECT json_build_object('state', 'ended', 'as_of', {_STAGE_DAY}) {_VISIBLE_CHANGES}
     AND sc.status IN ('expired', 'terminated') AND {_STAGE_DAY} <= CURRENT_DATE
   ORDER BY sc.changed_on, sc.year, sc.id LIMIT 1),
  -- "no visible stage" as a scalar subquery: NOT EXISTS here became a hashed
  -- subplan reading every status change of the table.
  CASE WHEN t.status IN ('expired', 'terminated') AND (SELECT true {_VISIBLE_CHANGES} LIMIT 1) IS NULL
    THEN json_build_object('state', 'ended', 'as_of', NULL)
    ELSE json_build_object('state', 'current', 'as_of', NULL) END)
END"""

AGREEMENT = f"""
json_build_object(
  'id', t.id, 'url', {_url('t', 'agreements')}, 'slug', t.slug, 'kind', t.kind,
  'short_title', {_bi('t', 'short_title')}, 'title', {_bi('t', 'title')},
  'parent', {_visible('p', _agreement('p'))},
  'status', t.status, 'standing', {AGREEMENT_STANDING},
  'signed_on', t.signed_on, 'valid_from', t.valid_from, 'valid_until', t.valid_until,
  'summary', {_bi('t', 'summary')}, 'text_url', NULLIF(t.text_url, ''),
  'parties', COALESCE((
    SELECT json_agg(json_build_object(
      'organization', {_org('o')}, 'country', NULLIF(ap.country, ''), 'role', ap.role,
      'signatory', {_bi('ap', 'signatory')}, 'signed_on', ap.signed_on, 'ratified_on', ap.ratified_on,
      'in_force_on', ap.in_force_on) ORDER BY ap.id)
    FROM agreements_agreementparty ap LEFT JOIN organizations_organization o ON o.id = ap.organization_id
    WHERE ap.agreement_id = t.id AND ap.visibility = ANY(%(levels)s)
      AND (o.id IS NULL OR o.visibility = ANY(%(levels)s))), '[]'),
  'status_history', COALESCE((
    SELECT json_agg(json_build_object('status', sc.status, 'changed_on', sc.changed_on, 'year', sc.year,
      'note', {_bi('sc', 'note')}) ORDER BY sc.changed_on, sc.year, sc.id)
    {_VISIBLE_CHANGES}), '[]'),
  'commitments', %(base)s || 'commitments/?agreement=' || t.id,
  {STAMPS})
"""

COMMITMENT = f"""
json_build_object(
  'id', t.id, 'url', {_url('t', 'commitments')}, 'agreement', {_agreement('a')}, 'code', t.code,
  'reference', {_bi('t', 'reference')}, 'title', {_bi('t', 'title')}, 'text', {_bi('t', 'text')},
  'responsible_unit', {_org('o')}, 'responsible_person', {_person('pe')}, 'deadline', t.deadline,
  'status', t.status, 'evidence', {_bi('t', 'evidence')}, 'evidence_url', NULLIF(t.evidence_url, ''),
  {STAMPS})
"""

EVENT = f"""
json_build_object(
  'id', t.id, 'url', {_url('t', 'events')}, 'slug', t.slug, 'kind', t.kind, 'title', {_bi('t', 'title')},
  'forum', {_org('o')}, 'start_on', t.start_on, 'end_on', t.end_on, 'mode', t.mode, 'city', {_bi('t', 'city')},
  'country', NULLIF(t.country, ''), 'hosted_by_us', t.hosted_by_us, 'chaired_by_us', t.chaired_by_us,
  'description', {_bi('t', 'description')}, 'web_page', NULLIF(t.url, ''),
  {STAMPS})
"""

ORGANIZATION = f"""
json_build_object(
  'id', t.id, 'url', {_url('t', 'organizations')}, 'slug', t.slug, 'acronym', t.acronym,
  'name', {_bi('t', 'name')}, 'kind', t.kind, 'parent', {_org('p')}, 'country', NULLIF(t.country, ''),
  -- django-countries keeps several codes as one comma-separated text.
  'member_countries', array_to_json(string_to_array(t.member_countries, ',')),
  'founded_on', t.founded_on, 'founded_year', t.founded_year, 'website', NULLIF(t.website, ''),
  'description', {_bi('t', 'description')},
  'names', COALESCE((
    SELECT json_agg(json_build_object('name', {_bi('n', 'name')}, 'acronym', n.acronym,
      'valid_from', n.valid_from, 'valid_until', n.valid_until) ORDER BY n.valid_from, n.valid_until, n.id)
    FROM organizations_organizationname n
    WHERE n.organization_id = t.id AND n.visibility = ANY(%(levels)s)), '[]'),
  {STAMPS})
"""

# name: (row JSON, FROM with joins, visibility WHERE, ORDER BY) for each list.
LISTS = {
    "agreements": (
        AGREEMENT,
        "agreements_agreement t JOIN core_source s ON s.id = t.source_id "
        "LEFT JOIN agreements_agreement p ON p.id = t.parent_id",
        "t.visibility = ANY(%(levels)s)",
        "t.signed_on DESC NULLS LAST, t.slug, t.id",
    ),
    "commitments": (
        COMMITMENT,
        "agreements_commitment t JOIN core_source s ON s.id = t.source_id "
        "JOIN agreements_agreement a ON a.id = t.agreement_id "
        "LEFT JOIN organizations_organization o ON o.id = t.responsible_unit_id "
        "LEFT JOIN organizations_person pe ON pe.id = t.responsible_person_id",
        "t.visibility = ANY(%(levels)s) AND a.visibility = ANY(%(levels)s)",
        "t.deadline ASC NULLS LAST, t.code, t.id",
    ),
    "events": (
        EVENT,
        "events_event t JOIN core_source s ON s.id = t.source_id "
        "LEFT JOIN organizations_organization o ON o.id = t.forum_id",
        "t.visibility = ANY(%(levels)s)",
        "t.start_on DESC NULLS LAST, t.slug, t.id",
    ),
    "organizations": (
        ORGANIZATION,
        "organizations_organization t JOIN core_source s ON s.id = t.source_id "
        "LEFT JOIN organizations_organization p ON p.id = t.parent_id",
        "t.visibility = ANY(%(levels)s)",
        "t.acronym, t.slug, t.id",
    ),
}


def list_sql(name: str) -> str:
    """One page of the list, as the text of ``{"results": [...]}``."""
    row, source, where, order = LISTS[name]
    return (
        # json_agg keeps the order of the sorted, limited subquery it reads.
        f"SELECT json_build_object('results', COALESCE(json_agg(page.doc), '[]'))::text FROM ("
        f"SELECT {row} AS doc FROM {source} WHERE {where} ORDER BY {order} LIMIT %(limit)s) page"
    )


def detail_sql(name: str) -> str:
    row, source, where, _order = LISTS[name]
    return f"SELECT ({row})::text FROM {source} WHERE {where} AND t.id = %(pk)s"
