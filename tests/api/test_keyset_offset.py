"""A page after any cursor holds exactly the rows an OFFSET query returns,
over a nullable column with ties, in both directions, including the page
that crosses from the known values into the null tail (read in two steps)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agreements.models import Agreement
from api.pagination import encode_cursor, order_by_keys, row_values, sort_keys
from tests.factories import make_agreement

D = datetime.date
DAYS = [D(2018, 1, 1), None, D(2019, 6, 1), D(2018, 1, 1), None, D(2020, 1, 1), D(2019, 6, 1), D(2018, 1, 1), None]
LIMIT = 4


@pytest.fixture
def agreements():
    # Slugs that tie on the date and sort apart from the ids.
    return [make_agreement(signed_on=day, slug=f"a-{(n * 7) % 23:02d}") for n, day in enumerate(DAYS * 2)]


@pytest.mark.parametrize("ordering", ["-signed_on", "signed_on"])
def test_every_cursor_page_equals_the_offset_page(api, agreements, ordering):
    queryset = Agreement.objects.order_by(ordering, "slug")
    keys = sort_keys(queryset)
    ordered = list(order_by_keys(queryset, keys))
    assert [a.signed_on for a in ordered][-6:] == [None] * 6
    for offset in range(1, len(ordered)):
        cursor = encode_cursor(keys, row_values(ordered[offset - 1], keys))
        body = api.get("/api/v1/agreements/", limit=LIMIT, ordering=f"{ordering},slug", cursor=cursor).json()
        expected = [a.pk for a in ordered[offset : offset + LIMIT]]
        assert [row["id"] for row in body["results"]] == expected, offset


def test_the_known_part_and_the_null_tail_are_index_ranges_in_one_query(api, agreements):
    queryset = Agreement.objects.order_by("-signed_on", "slug")
    keys = sort_keys(queryset)
    ordered = list(order_by_keys(queryset, keys))
    last_dated = max(n for n, a in enumerate(ordered) if a.signed_on is not None)
    cursor = encode_cursor(keys, row_values(ordered[last_dated - 1], keys))
    with CaptureQueriesContext(connection) as queries:
        body = api.get("/api/v1/agreements/", limit=LIMIT, cursor=cursor).json()
    assert [row["id"] for row in body["results"]] == [a.pk for a in ordered[last_dated : last_dated + LIMIT]]
    pages = [q["sql"] for q in queries if 'FROM "agreements_agreement"' in q["sql"] and "LIMIT" in q["sql"]]
    assert len(pages) == 1 and "UNION ALL" in pages[0]  # one query: a fixed count per page
    known, tail = pages[0].split("UNION ALL")
    assert '"signed_on" <=' in known and '"signed_on" IS NULL' not in known.split("WHERE", 1)[1]
    assert '"signed_on" IS NULL' in tail
