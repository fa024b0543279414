"""Point 8 of issue #12: make backup / make restore. The seed data and a signed
document are committed to the test database, backed up with
scripts/backup.sh, restored with scripts/restore.sh into a new, empty
database and media folder, and every table (row count and a checksum of its
rows) and every media file compared."""

import hashlib
import os
import subprocess
from pathlib import Path

import psycopg
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from agreements.models import Agreement
from workflow.models import Document

ROOT = Path(__file__).resolve().parents[2]
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"

TABLES = "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"


def _url(name: str) -> str:
    db = connection.settings_dict
    return f"postgresql://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


def _table_fingerprints(url: str) -> dict[str, tuple[int, str]]:
    """Every table: (row count, MD5 of its rows as text, in a fixed order)."""
    with psycopg.connect(url) as conn:
        tables = [row[0] for row in conn.execute(TABLES)]
        return {
            table: conn.execute(
                f'SELECT count(*), md5(coalesce(string_agg(t::text, E\'\\n\' ORDER BY t::text), \'\')) FROM "{table}" t'
            ).fetchone()
            for table in tables
        }


def _files(root: Path) -> dict[str, str]:
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in root.rglob("*")
        if path.is_file()
    }


def _run(script: str, *args, **env) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", f"scripts/{script}", *args],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


@pytest.fixture
def empty_database():
    """A new, empty database on the test server, dropped afterwards."""
    name = f"{connection.settings_dict['NAME']}_restored"
    admin_url = _url("postgres")
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
    yield _url(name)
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.django_db(transaction=True)  # pg_dump must see the rows: they are committed
def test_backup_then_restore_gives_identical_tables_and_media(seed_data, empty_database, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    agreement = Agreement.objects.filter(visibility="public").first()
    Document.objects.create(agreement=agreement, visibility="public", file=SimpleUploadedFile("ky.pdf", PDF))
    connection.close()  # nothing uncommitted, no open transaction during the dump

    backup = _run("backup.sh", DATABASE_URL=_url(connection.settings_dict["NAME"]),
                  MEDIA_ROOT=str(settings.MEDIA_ROOT), BACKUP_DIR=str(tmp_path / "backups"))
    assert backup.returncode == 0, backup.stderr
    folder = Path(backup.stdout.strip().splitlines()[-1])
    assert {p.name for p in folder.iterdir()} == {"database.dump", "media.tar", "SHA256SUMS"}

    restored_media = tmp_path / "restored-media"
    restore = _run("restore.sh", str(folder), DATABASE_URL=empty_database, MEDIA_ROOT=str(restored_media))
    assert restore.returncode == 0, restore.stderr

    source = _table_fingerprints(_url(connection.settings_dict["NAME"]))
    copy = _table_fingerprints(empty_database)
    assert copy == source
    assert len(source) > 30 and source["agreements_agreement"][0] > 10  # the seed data is in it
    assert source["workflow_document"][0] == 1
    assert _files(restored_media) == _files(Path(settings.MEDIA_ROOT)) != {}


def test_restore_refuses_a_database_that_is_not_empty(tmp_path):
    folder = tmp_path / "backup"
    folder.mkdir()
    (folder / "database.dump").write_bytes(b"")
    (folder / "media.tar").write_bytes(b"")
    subprocess.run("sha256sum database.dump media.tar > SHA256SUMS", shell=True, cwd=folder, check=True)
    # The test database has every table: restoring over it must be refused.
    restore = _run("restore.sh", str(folder), DATABASE_URL=_url(connection.settings_dict["NAME"]),
                   MEDIA_ROOT=str(tmp_path / "media"))
    assert restore.returncode == 2
    assert "not empty" in restore.stderr


def test_restore_refuses_a_damaged_backup(tmp_path):
    folder = tmp_path / "backup"
    folder.mkdir()
    (folder / "database.dump").write_bytes(b"dump")
    (folder / "media.tar").write_bytes(b"")
    subprocess.run("sha256sum database.dump media.tar > SHA256SUMS", shell=True, cwd=folder, check=True)
    (folder / "database.dump").write_bytes(b"dumq")
    restore = _run("restore.sh", str(folder), DATABASE_URL=_url("postgres"), MEDIA_ROOT=str(tmp_path / "media"))
    assert restore.returncode == 2
    assert "damaged" in restore.stderr
