"""PostgreSQL: indexes the period report reads without the tables
(docs/performance.md, "Period report at 1M").

Over every year the report counts nearly every agreement, so its queries
are passes over whole tables; at 1M agreements the agreements' table is a
gigabyte, and reading it (or probing it once per party) was most of the
report's 10 s. These narrow indexes hold what the report's predicates need,
so PostgreSQL answers from them alone (index-only scans; the bench vacuums,
which sets the visibility map):

* ``agreement_signed_by_id``: the agreements signed in a range of days, in
  the order of their ids, so the
  partners' parties (``party_unique``, in the order of their agreement) are
  merged with it rather than hashed;
* ``agreement_undated_signature``: the few agreements with no signature
  date, with what decides whether they count (kind, status, validity start);
* ``status_change_signature``: each agreement's signature step and its date
  (the "signed in the period" and "no signature step" probes);
* ``agreement_fta_facts``: the FTAs with the columns that decide whether one
  is in the period and its order in the table;
* ``commitment_agreement_status``: the FTAs' commitments counted by status.

Covering (``INCLUDE``) and partial indexes are PostgreSQL's; SQLite (``make
run``) gets none of them (Django's ``Index(include=...)`` would warn there),
so they are raw SQL here and the migration state is unchanged.
"""

from django.db import migrations

INDEXES = {
    "agreement_signed_by_id": "agreements_agreement (id) INCLUDE (signed_on)",
    "agreement_undated_signature": (
        "agreements_agreement (id) INCLUDE (kind, status, valid_from) WHERE signed_on IS NULL"
    ),
    "status_change_signature": (
        "agreements_agreementstatuschange (agreement_id) INCLUDE (changed_on, year) WHERE status = 'signed'"
    ),
    "agreement_fta_facts": (
        "agreements_agreement (id) INCLUDE (visibility, signed_on, valid_from, valid_until, slug) WHERE kind = 'fta'"
    ),
    "commitment_agreement_status": "agreements_commitment (agreement_id, status)",
}


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, definition in INDEXES.items():
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {definition}")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("agreements", "0010_exact_search_indexes")]
    operations = [migrations.RunPython(forwards, backwards)]
