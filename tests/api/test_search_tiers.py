"""``?q=`` relevance in tiers (core.search.ranked): an exact acronym first,
then every word in a name or title, then every word anywhere; within a tier
the list's own order (newest first, undated last). A page is read tier by
tier (api.pagination.page_parts), so a cursor page that crosses from one tier
into the next must hold exactly the rows the whole ordered list has there."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_agreement

D = datetime.date
URL = "/api/v1/agreements/"
DATES = [D(2019, 6, 1), None, D(2020, 1, 1), D(2019, 6, 1), D(2018, 1, 1), None]


@pytest.fixture
def tiers():
    """Rows by tier (best first), each tier with ties and unknown dates; a
    body hit newer than every title hit, an exact one older than them all."""
    exact = [make_agreement(short_title_vi="ZXQ", title_vi="Hiệp định khung", signed_on=D(2001, 1, 1), slug="k-1")]
    exact.append(make_agreement(short_title_en="zxq", title_vi="Hiệp định khác", signed_on=None, slug="k-2"))
    titles = [
        make_agreement(title_vi=f"Bản ghi nhớ ZXQ về đo lường {n}", signed_on=day, slug=f"t-{(n * 7) % 11:02d}")
        for n, day in enumerate(DATES)
    ]
    titles.append(make_agreement(title_vi="Thỏa thuận", title_en="ZXQ cooperation in metrology", slug="t-en"))
    body = [
        make_agreement(title_vi=f"Thỏa thuận {n}", summary_vi="Nhắc đến zxq.", signed_on=day, slug=f"b-{n:02d}")
        for n, day in enumerate([D(2024, 1, 1), *DATES])
    ]
    make_agreement(title_vi="Không liên quan", summary_vi="zxqa", slug="none")  # a longer word: no match
    return [exact, titles, body]


def expected(tiers) -> list[int]:
    """The whole list as the rule says: tier, then newest first (undated last), slug, id."""

    def within(row):
        return (row.signed_on is None, -(row.signed_on or D.min).toordinal(), row.slug, row.pk)

    return [row.pk for tier in tiers for row in sorted(tier, key=within)]


def page_ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


@pytest.mark.parametrize("query", ["zxq", "ZXQ"])
def test_exact_acronym_then_titles_then_body_each_newest_first(api, tiers, query):
    assert page_ids(api.get(URL, q=query, limit=100)) == expected(tiers)


def test_a_title_in_either_language_and_with_or_without_marks_is_the_title_tier(api, tiers):
    titles = tiers[1]
    for query in ("đo lường zxq", "do luong ZXQ"):
        assert page_ids(api.get(URL, q=query, limit=100)) == expected([titles[:-1]])
    found = page_ids(api.get(URL, q="zxq cooperation", limit=100))
    assert found == [titles[-1].pk]


def test_every_cursor_page_equals_the_slice_of_the_whole_list(api, tiers):
    whole = expected(tiers)
    # limit=1 gives a cursor after every row; each then opens a page of 4.
    cursors, response = [], api.get(URL, q="zxq", limit=1)
    while response.json()["next"] and len(cursors) < len(whole):  # a wrong cursor could loop
        cursors.append(response.json()["next"])
        response = api.get(response.json()["next"])
    assert len(cursors) == len(whole) - 1
    for offset, address in enumerate(cursors, start=1):
        page = page_ids(api.get(address.replace("limit=1", "limit=4")))
        assert page == whole[offset : offset + 4], offset


def test_a_page_is_one_query_whatever_its_tiers(api, tiers):
    first = f"{URL}?q=zxq&limit=3"  # the exact tier and the first title
    deep = api.get(first).json()["next"].replace("limit=3", "limit=9")  # titles, then body
    counts, sqls = [], []
    for address in (first, deep):
        with CaptureQueriesContext(connection) as queries:
            api.get(address)
        counts.append(len(queries))
        sqls.append([q["sql"] for q in queries if "UNION ALL" in q["sql"]])
    assert counts[0] == counts[1]
    assert [len(found) for found in sqls] == [1, 1]
    # From the start: every tier, best first, each in the list's order.
    exact, titles, body = sqls[0][0].split("UNION ALL")
    assert "UPPER" in exact.split("WHERE", 1)[1] and "zxq'':A" in titles and "ORDER BY" in body
    assert page_ids(api.get(deep)) == expected(tiers)[3:12]
