"""``make run`` uses SQLite, which cannot cut the parts of a UNION: a cursor
page over a list whose first sort key may be empty (initiatives by year,
agreements by signing date) is read with one OR there. Every row once, in
order, no 500. Run in a child process, on its own SQLite file."""

from tests.sqlite_child import run_on_sqlite

SCRIPT = """
import datetime
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.test import Client
from tests.factories import make_agreement, make_initiative
for n, year in enumerate([2020, 2020, None, 2018, None, 2021]):
    make_initiative(slug=f"initiative-{n}", year=year)
for n, day in enumerate([datetime.date(2019, 6, 30), None, datetime.date(2015, 1, 1), None]):
    make_agreement(slug=f"agreement-{n}", signed_on=day)
client = Client()
for path in ("/api/v1/initiatives/", "/api/v1/agreements/"):
    whole = [row["slug"] for row in client.get(path, {"limit": 100}).json()["results"]]
    seen, params = [], {"limit": 2}
    while True:
        response = client.get(path, params)
        assert response.status_code == 200, (path, response.status_code, response.content[:300])
        body = response.json()
        seen += [row["slug"] for row in body["results"]]
        if not body["next"]:
            break
        params = {"limit": 2, "cursor": body["next"].split("cursor=")[1].split("&")[0]}
    assert seen == whole and len(whole) == len(set(whole)) >= 4, (path, seen, whole)
print("sqlite paging ok")
"""


def test_cursor_pages_on_sqlite(tmp_path):
    run_on_sqlite(tmp_path, SCRIPT, marker="sqlite paging ok")
