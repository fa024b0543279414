"""PostgreSQL: the agreements' order index puts undated rows last, as the
lists now do (api/pagination.py: ``signed_on DESC NULLS LAST``).

``Index(fields=["-signed_on", ...])`` is ``DESC NULLS FIRST`` on PostgreSQL,
which serves that order neither forwards nor backwards: the first page became
a sort of every visible row. SQLite keeps the declared index: its ``DESC``
already puts nulls last, and it accepts no ``NULLS LAST`` in CREATE INDEX.
The index keeps its name and columns, so the migration state is unchanged.
"""

from django.db import migrations

NULLS_LAST = """
DROP INDEX IF EXISTS agreement_list_order;
CREATE INDEX agreement_list_order ON agreements_agreement (signed_on DESC NULLS LAST, slug, id);
"""
NULLS_FIRST = """
DROP INDEX IF EXISTS agreement_list_order;
CREATE INDEX agreement_list_order ON agreements_agreement (signed_on DESC, slug, id);
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(NULLS_LAST)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(NULLS_FIRST)


class Migration(migrations.Migration):
    dependencies = [("agreements", "0005_list_order_indexes")]
    operations = [migrations.RunPython(forwards, backwards)]
