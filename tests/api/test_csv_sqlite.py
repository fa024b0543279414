"""``make run`` uses SQLite, which has no COPY: the lists PostgreSQL exports
by COPY (api.csv_sql) are written from the serializers there. Run in a child
process, on its own SQLite file."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent

SCRIPT = """
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.test import Client
from tests.factories import make_agreement, make_party
agreement = make_agreement(slug="sqlite-csv", title_vi="Bản ghi nhớ, có dấu phẩy")
make_party(agreement=agreement)
client = Client()
for path in ("/api/v1/agreements/", "/api/v1/commitments/", "/api/v1/events/", "/api/v1/organizations/"):
    response = client.get(path, {"format": "csv"})
    assert response.status_code == 200, (path, response.status_code)
    body = b"".join(response.streaming_content).decode()
    assert body.startswith("\\ufeffid,url,"), (path, body[:200])
body = b"".join(client.get("/api/v1/agreements/", {"format": "csv"}).streaming_content).decode()
assert '"Bản ghi nhớ, có dấu phẩy"' in body and '""organization"": {' in body, body
print("sqlite csv ok")
"""


def test_csv_exports_on_sqlite(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'coopdb.sqlite3'}",
        "DEBUG": "1",
        "SECRET_KEY": "test",
        "ALLOWED_HOSTS": "testserver",
        "DJANGO_SETTINGS_MODULE": "coopdb.settings",
        "PYTHONPATH": str(ROOT),
    }
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "sqlite csv ok" in done.stdout
