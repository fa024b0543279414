"""The agreements and commitments lists built as JSON by PostgreSQL
(api.projection): the same fields as agreements.api.serializers, in the same
order; tests/api/test_projections.py checks both agree."""

from agreements.models import Agreement, AgreementParty, AgreementStatusChange, Commitment
from api.projection import (
    Projection,
    agreement_standing,
    bilingual,
    list_url,
    nested_agreement,
    nested_organization,
    nested_person,
    url,
    visible_time,
    web_address,
)
from organizations.models import Organization, Person

AGREEMENTS = Agreement._meta.db_table
ORGANIZATIONS = Organization._meta.db_table
CHANGES = AgreementStatusChange._meta.db_table
PARTIES = AgreementParty._meta.db_table

# The visible parties of agreement ``t`` (agreements.selectors._parties: the
# party and, when it names one, its organization), in PARTY_ORDER.
_PARTIES = (
    f"FROM {PARTIES} ap LEFT JOIN {ORGANIZATIONS} o ON o.id = ap.organization_id "
    "WHERE ap.agreement_id = t.id AND ap.visibility = ANY(%(levels)s) "
    "AND (o.id IS NULL OR o.visibility = ANY(%(levels)s))"
)
# Its visible status changes (agreements.selectors.status_history), in HISTORY_ORDER.
_CHANGES = f"FROM {CHANGES} sc WHERE sc.agreement_id = t.id AND sc.visibility = ANY(%(levels)s)"

_PARTY = (
    f"json_build_object('organization', {nested_organization('o')}, 'country', NULLIF(ap.country, ''), "
    f"'role', ap.role, 'signatory', {bilingual('ap', 'signatory')}, 'signed_on', ap.signed_on, "
    "'ratified_on', ap.ratified_on, 'in_force_on', ap.in_force_on)"
)
_CHANGE = (
    f"json_build_object('status', sc.status, 'changed_on', sc.changed_on, 'year', sc.year, "
    f"'note', {bilingual('sc', 'note')})"
)

AGREEMENT = Projection(
    table=AGREEMENTS,
    joins=f"LEFT JOIN {AGREEMENTS} p ON p.id = t.parent_id",
    fields=(
        ("id", "t.id"),
        ("url", url("t", "agreement")),
        ("slug", "t.slug"),
        ("kind", "t.kind"),
        ("short_title", bilingual("t", "short_title")),
        ("title", bilingual("t", "title")),
        ("parent", nested_agreement("p")),
        ("status", "t.status"),
        ("standing", agreement_standing(CHANGES)),
        ("signed_on", "t.signed_on"),
        ("valid_from", "t.valid_from"),
        ("valid_until", "t.valid_until"),
        ("summary", bilingual("t", "summary")),
        ("text_url", web_address("t.text_url")),
        ("parties", f"COALESCE((SELECT json_agg({_PARTY} ORDER BY ap.id) {_PARTIES}), '[]')"),
        (
            "status_history",
            f"COALESCE((SELECT json_agg({_CHANGE} ORDER BY sc.changed_on, sc.year, sc.id) {_CHANGES}), '[]')",
        ),
        ("commitments", list_url("commitments", "'?agreement=' || t.id")),
    ),
    times=(
        visible_time("p"),
        f"(SELECT max(GREATEST(ap.updated_at, o.updated_at)) {_PARTIES})",
        f"(SELECT max(sc.updated_at) {_CHANGES})",
    ),
)

COMMITMENT = Projection(
    table=Commitment._meta.db_table,
    joins=(
        f"JOIN {AGREEMENTS} a ON a.id = t.agreement_id "
        f"LEFT JOIN {ORGANIZATIONS} o ON o.id = t.responsible_unit_id "
        f"LEFT JOIN {Person._meta.db_table} pe ON pe.id = t.responsible_person_id"
    ),
    fields=(
        ("id", "t.id"),
        ("url", url("t", "commitment")),
        ("agreement", nested_agreement("a")),
        ("code", "t.code"),
        ("reference", bilingual("t", "reference")),
        ("title", bilingual("t", "title")),
        ("text", bilingual("t", "text")),
        ("responsible_unit", nested_organization("o")),
        ("responsible_person", nested_person("pe")),
        ("deadline", "t.deadline"),
        ("status", "t.status"),
        ("evidence", bilingual("t", "evidence")),
        ("evidence_url", web_address("t.evidence_url")),
    ),
    times=(visible_time("a"), visible_time("o"), visible_time("pe")),
)
