"""The keyset condition carries a leading bound an index on the ordering can
start from, and still returns exactly the rows after the cursor."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from coopdb import datagen


def walk(client, url):
    rows, link = [], url
    while link:
        body = client.get(link).json()
        rows.extend(row["id"] for row in body["results"])
        link = body["next"]
    return rows


def test_pages_after_a_cursor_are_bounded_on_the_first_sort_column_and_complete():
    datagen.generate(agreements=60, seed=2)
    client = Client()
    everything = [row["id"] for row in client.get("/api/v1/agreements/?limit=500").json()["results"]]
    assert walk(client, "/api/v1/agreements/?limit=7") == everything  # dates, then the undated ones, none lost
    # A page ending on a dated row (the undated ones come last).
    second = client.get("/api/v1/agreements/?limit=20").json()["next"]
    with CaptureQueriesContext(connection) as queries:
        client.get(second)
    assert second is not None
    page_sql = queries[0]["sql"]
    assert '"signed_on" <=' in page_sql  # in the known part (api.pagination.after_parts)


def test_an_ascending_nullable_ordering_keeps_its_null_rows():
    datagen.generate(agreements=60, seed=2)
    client = Client()
    everything = [row["id"] for row in client.get("/api/v1/commitments/?limit=500").json()["results"]]
    assert walk(client, "/api/v1/commitments/?limit=6") == everything
