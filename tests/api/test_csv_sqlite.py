"""``make run`` uses SQLite, which has no COPY: the lists PostgreSQL exports
by COPY (api.csv_sql) are written from the serializers there. Run in a child
process, on its own SQLite file."""

from tests.sqlite_child import run_on_sqlite

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
    run_on_sqlite(tmp_path, SCRIPT, marker="sqlite csv ok")
