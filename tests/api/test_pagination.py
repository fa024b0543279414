"""Keyset pagination: every row exactly once, in order, nulls included."""

import datetime

import pytest

from tests.api.conftest import all_pages
from tests.factories import make_agreement, make_commitment

D = datetime.date
SIGNED = [None, D(2018, 1, 1), D(2018, 1, 1), None, D(2020, 5, 5), D(2019, 1, 1), D(2018, 1, 1), None]


@pytest.fixture
def agreements():
    return [make_agreement(signed_on=day, title_vi=f"Hiệp định {n % 3}") for n, day in enumerate(SIGNED)]


@pytest.mark.parametrize("ordering", [None, "signed_on", "-signed_on", "title_vi,-signed_on", "-title_vi,signed_on"])
@pytest.mark.parametrize("limit", [1, 2, 3])
def test_pages_cover_every_row_once_in_order(api, agreements, ordering, limit):
    params = {"ordering": ordering} if ordering else {}
    whole = [row["id"] for row in api.get("/api/v1/agreements/", limit=500, **params).json()["results"]]
    paged = [row["id"] for row in all_pages(api, "/api/v1/agreements/", limit=limit, **params)]
    assert paged == whole
    assert sorted(whole) == sorted(agreement.pk for agreement in agreements)


def test_nulls_sort_last_in_both_directions_as_on_the_pages(api, agreements):
    ascending = all_pages(api, "/api/v1/agreements/", limit=2, ordering="signed_on")
    assert [row["signed_on"] for row in ascending][-3:] == [None, None, None]
    descending = all_pages(api, "/api/v1/agreements/", limit=2, ordering="-signed_on")
    assert [row["signed_on"] for row in descending][0] == "2020-05-05"
    assert [row["signed_on"] for row in descending][-3:] == [None, None, None]


def test_api_and_page_list_undated_agreements_in_the_same_place(api, client, agreements):
    from django.urls import reverse
    from django.utils import translation

    api_order = [row["slug"] for row in all_pages(api, "/api/v1/agreements/", limit=3, ordering="-signed_on")]
    with translation.override("en"):
        page = client.get(reverse("agreements:list"), {"sort": "-signed"})
    page_order = [agreement.slug for agreement in page.context["page_obj"]]
    undated = {a.slug for a in agreements if a.signed_on is None}
    assert set(api_order[-3:]) == undated and set(page_order[-3:]) == undated


def test_a_cursor_belongs_to_its_ordering(api, agreements):
    next_link = api.get("/api/v1/agreements/", limit=1, ordering="signed_on").json()["next"]
    cursor = next_link.split("cursor=")[1].split("&")[0]
    response = api.get("/api/v1/agreements/", limit=1, ordering="-signed_on", cursor=cursor)
    assert response.status_code == 400 and "cursor" in response.json()["errors"]


def test_the_last_page_has_no_next_link(api):
    make_commitment()
    body = api.get("/api/v1/commitments/", limit=1).json()
    assert len(body["results"]) == 1 and body["next"] is None
