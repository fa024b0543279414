"""PostgreSQL: the events' order index in the lists' order
(api/pagination.py: ``start_on DESC NULLS LAST``). ``start_on`` is never
null, but PostgreSQL matches an index to an ORDER BY on its null placement
all the same.

``Index(fields=["-start_on", ...])`` is ``DESC NULLS FIRST`` on PostgreSQL,
which serves that order neither forwards nor backwards: the first page became
a sort of every visible row. SQLite keeps the declared index: its ``DESC``
already puts nulls last, and it accepts no ``NULLS LAST`` in CREATE INDEX.
The index keeps its name and columns, so the migration state is unchanged.
"""

from django.db import migrations

NULLS_LAST = """
DROP INDEX IF EXISTS event_list_order;
CREATE INDEX event_list_order ON events_event (start_on DESC NULLS LAST, slug, id);
"""
NULLS_FIRST = """
DROP INDEX IF EXISTS event_list_order;
CREATE INDEX event_list_order ON events_event (start_on DESC, slug, id);
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(NULLS_LAST)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(NULLS_FIRST)


class Migration(migrations.Migration):
    dependencies = [("events", "0004_event_list_order_index")]
    operations = [migrations.RunPython(forwards, backwards)]
