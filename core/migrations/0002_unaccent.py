"""PostgreSQL: the unaccent extension and an IMMUTABLE wrapper around it.

``unaccent()`` itself is only STABLE (its dictionary could change), so it
cannot back an index; pinning the dictionary makes the wrapper IMMUTABLE.
SQLite gets a Python function instead (core/search.py).
"""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE OR REPLACE FUNCTION coopdb_unaccent(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;
"""
DROP = "DROP FUNCTION IF EXISTS coopdb_unaccent(text);"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
