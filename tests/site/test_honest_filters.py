"""Honest filters (issue #14 point 5): on every public list page, a query the
page cannot answer (an invalid filter value, an unknown sort key, a page that
is not a number) gives the form with a message, no rows and status 400 — never
the unfiltered list passed off as the answer; a page past the last is a 404."""

import pytest

from tests.site.test_pages import LANGUAGES, url

# Every list page with one filter of each kind it has that a visitor can get wrong.
LIST_PAGES = {
    "organizations:list": {"kind": "nope", "country": "ZZZ"},
    "organizations:memberships": {"member_class": "nope", "active_on": "abc"},
    "organizations:offices": {"role": "nope", "held_on": "abc"},
    "agreements:list": {"kind": "nope", "status": "nope", "signed_after": "abc"},
    "agreements:ftas": {"status": "nope", "country": "ZZZ"},
    "agreements:commitments": {"agreement_kind": "nope", "deadline_before": "abc"},
    "events:list": {"kind": "nope", "mode": "nope", "hosted_by_us": "maybe", "starts_after": "abc"},
    "events:delegations": {"direction": "nope", "starts_after": "abc"},
    "events:initiatives": {"status": "nope", "year": "abc"},
}
# What every list page refuses besides its own filters.
COMMON = [("sort", "bogus"), ("sort", "--title"), ("sort", "internal_note"), ("page", "abc"), ("page", "0")]


def _assert_refused(response, case):
    assert response.status_code == 400, case
    assert list(response.context["page_obj"]) == [], case
    assert response.context["filter_errors"], case
    html = response.content.decode()
    assert 'class="error-summary" role="alert"' in html
    assert '<form class="filters"' in html  # the form stays, to correct the query
    assert "<tbody>" not in html and 'class="fta"' not in html  # no rows at all
    return html


@pytest.mark.parametrize("name", list(LIST_PAGES))
def test_invalid_list_queries_say_so_and_show_no_rows(client, world, name):
    for lang in LANGUAGES:
        for key, value in [*LIST_PAGES[name].items(), *COMMON]:
            response = client.get(url(name, lang=lang, **{key: value}))
            _assert_refused(response, (name, lang, key, value))


def test_the_message_names_the_sort_key_and_the_page_in_the_visitors_language(client, world):
    html = client.get(url("agreements:list", lang="en", sort="bogus", page="abc")).content.decode()
    assert "“bogus” is not a column this list can be sorted by." in html
    assert "“abc” is not a page number" in html
    assert "No results are shown: correct the filters above first." in html
    html = client.get(url("agreements:list", lang="vi", sort="bogus")).content.decode()
    assert "Không thể sắp xếp danh sách này theo “bogus”." in html
    assert "Thứ tự sắp xếp" in html


@pytest.mark.parametrize("name", list(LIST_PAGES))
def test_a_page_past_the_last_is_404(client, world, name):
    assert client.get(url(name, page=1)).status_code == 200
    assert client.get(url(name, page=99)).status_code == 404
    assert client.get(url(name, page=2)).status_code == 404  # the test world fits on one page


@pytest.mark.parametrize("name", list(LIST_PAGES))
def test_valid_queries_still_answer_200(client, world, name):
    """An empty value means "any" and a known sort key in either direction is fine."""
    assert client.get(url(name, page="", sort="")).status_code == 200
    assert client.get(url(name, page="1")).status_code == 200


def test_an_empty_list_has_a_page_1(client, world):
    response = client.get(url("agreements:ftas", status="negotiating", page=1))
    assert response.status_code == 200
    assert list(response.context["page_obj"]) == []


def test_unknown_parameters_are_ignored_not_refused(client, world):
    """Tracking tags (utm_source=...) and the like are no filter of the page."""
    response = client.get(url("agreements:list", utm_source="newsletter"))
    assert response.status_code == 200
    assert len(response.context["page_obj"]) == 3
