"""PostgreSQL: the folding the stored search columns are built with, and pg_trgm.

``coopdb_fold(text)``: lower case, diacritics stripped (``coopdb_unaccent``,
đ→d), punctuation as spaces, NULL as ''; IMMUTABLE, so generated columns and
indexes may use it. Its body names ``public.coopdb_unaccent``: pg_restore
rebuilds the generated columns with an empty search path. ``pg_trgm`` gives the trigram similarity the search ranks
names by and the GIN operator class of the names' index. SQLite needs
neither: its search columns are NULL and it searches the declared columns
(core/search.py).
"""

from django.db import migrations

CREATE = r"""
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE OR REPLACE FUNCTION coopdb_fold(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT regexp_replace(lower(public.coopdb_unaccent(coalesce($1, ''))), '[[:punct:]]+', ' ', 'g') $$;
"""
DROP = "DROP FUNCTION IF EXISTS coopdb_fold(text);"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("core", "0006_updated_at_index")]
    operations = [migrations.RunPython(forwards, backwards)]
