"""The search box's suggestions as a visitor types (issue 14, point 1:
"prefix matching for as-you-type"), on the shipped seed data: the first rows
the search page would list, public only, in the page's language; bad input is a
JSON 400, never a 500."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from public.selectors.search import SUGGESTIONS, site_search, suggestions
from tests.factories import make_agreement, make_event, make_organization
from tests.site.test_pages import url
from tests.site.test_search import searched_text

pytestmark = pytest.mark.usefixtures("seed_data_module")


def suggest(client, query, lang="vi", **extra):
    response = client.get(url("public:search-suggest", lang=lang), {"q": query}, **extra)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/json"
    return response.json()["results"]


def test_apo_puts_apo_first(client):
    first = suggest(client, "APO")[0]
    assert first["url"] == "/vi/organizations/apo/"
    assert first["kind"] == "organizations"
    assert first["title"].startswith("APO — ")


@pytest.mark.parametrize("query", ["hop ta", "hợp tá", "HOP TA"])
def test_the_last_word_is_read_as_a_start_without_accents(client, query):
    found = suggest(client, query)
    assert found
    assert any("hợp tác" in item["title"].lower() for item in found)
    assert found == suggest(client, "hop ta")


def test_an_acronym_begun_comes_first(client):
    """"ap": APO and APEC (acronyms so beginning) above titles mentioning APO."""
    found = suggest(client, "ap")
    assert [item["url"] for item in found[:2]] == ["/vi/organizations/apo/", "/vi/organizations/apec/"]
    assert suggest(client, "evf")[0]["url"] == "/vi/agreements/evfta/"


def test_the_words_are_marked_in_the_title_as_written(client):
    for query, lang, words in (("hop ta", "vi", ["Hợp", "tác"]), ("APO", "en", ["APO"])):
        first = suggest(client, query, lang=lang)[0]
        assert [first["title"][start:end] for start, end in first["marks"]] == words, first


def test_every_prefix_suggestion_has_the_words(client):
    records = _records("hop ta")
    assert records
    for record in records:
        text = searched_text(record)
        assert re.search(r"\bhop\b", text) and re.search(r"\bta\w*", text), record


def test_nga_suggests_russia_and_not_ngay(client):
    found = suggest(client, "Nga")
    assert "/vi/organizations/rosstandart/" in {item["url"] for item in found}
    for record in _records("Nga"):
        assert re.search(r"\bnga\b", searched_text(record)), record
    assert not {"rcep", "aifta", "acfta", "ajcep"} & {item["url"].split("/")[-2] for item in found}


def test_suggestions_are_the_first_results_of_the_search_page():
    """One ranking rule: the suggestions are the search page's first hits."""
    for query in ("APO", "Nga", "hop ta", "hoi nghi", "Rosstand", "Rosstandrat", "Hàn Quốc"):
        with translation.override("en"):
            page = site_search(query=query)
            expected = [hit.record.get_absolute_url() for hit in page.hits[:SUGGESTIONS]]
            assert [item.url for item in suggestions(query=query)] == expected, query


def test_only_public_records(client):
    public = make_event(title_vi="Hội thảo zqsuggest công khai")
    make_event(title_vi="Hội thảo zqsuggest nội bộ", visibility="internal")
    make_event(title_vi="Hội thảo zqsuggest chính phủ", visibility="government")
    make_agreement(title_vi="Bản ghi nhớ zqsuggest", visibility="internal")
    make_organization(name_vi="Tổ chức zqsuggest", acronym="ZQSUGGEST", visibility="internal")
    for query in ("zqsuggest", "zqsugg", "ZQSUGGEST"):
        response = client.get(url("public:search-suggest"), {"q": query})
        assert [item["url"] for item in response.json()["results"]] == [public.get_absolute_url()], query
        assert "nội bộ" not in response.content.decode() and "chính phủ" not in response.content.decode()


def test_at_most_eight(client):
    assert len(suggest(client, "ap")) == SUGGESTIONS == 8


def test_titles_kinds_and_addresses_follow_the_language(client):
    vi, en = suggest(client, "APO", lang="vi")[0], suggest(client, "APO", lang="en")[0]
    assert vi["url"] == "/vi/organizations/apo/" and en["url"] == "/en/organizations/apo/"
    assert "Tổ chức Năng suất châu Á" in vi["title"] and "Asian Productivity Organization" in en["title"]
    assert (vi["kind_label"], en["kind_label"]) == ("Tổ chức", "Organizations")


def test_a_commitment_names_its_agreement(client):
    found = [item for item in suggest(client, "hang rao ky thuat") if item["kind"] == "commitments"]
    assert found and all(item["context"] for item in found)


def test_nothing_for_empty_or_one_letter_and_no_query_run(client):
    for query in ("", " ", "a", " h "):
        with CaptureQueriesContext(connection) as queries:
            assert suggest(client, query) == []
        assert len(queries) == 0, query
    response = client.get(url("public:search-suggest"))
    assert response.status_code == 200 and response.json()["results"] == []


def test_one_query_per_kind_of_record(client):
    with CaptureQueriesContext(connection) as queries:
        suggest(client, "APO")
    assert len(queries) == 6  # organizations, agreements, commitments, events, delegations, initiatives


def test_the_search_page_address_is_given(client):
    response = client.get(url("public:search-suggest", lang="en"), {"q": "hop tac"})
    assert response.json()["search_url"] == "/en/search/?q=hop+tac"


def test_cached_briefly_and_publicly_by_language(client):
    response = client.get(url("public:search-suggest"), {"q": "APO"})
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"public", "max-age=60"} <= cache_control
    assert "Accept-Language" in response["Vary"]
    assert not response.cookies


@pytest.mark.parametrize(
    "query_string",
    ["q=" + "a" * 201, "q=APO&q=ISO", "q=%00", "q=AP%00O", "%00=1"],
    ids=["too-long", "repeated", "nul", "nul-inside", "nul-name"],
)
def test_bad_input_is_a_json_400(client, query_string):
    response = client.get(url("public:search-suggest") + "?" + query_string)
    assert response.status_code == 400
    body = response.json()
    assert body["status"] == 400 and body["code"] == "invalid" and body["message"]


def test_the_messages_of_a_400_are_in_the_page_language(client):
    vi = client.get(url("public:search-suggest", lang="vi") + "?q=a&q=b").json()
    en = client.get(url("public:search-suggest", lang="en") + "?q=a&q=b").json()
    assert en["errors"]["q"] == ["Give the search words once (one q parameter)."]
    assert vi["errors"]["q"] != en["errors"]["q"]


def test_only_get_and_head(client):
    assert client.post(url("public:search-suggest"), {"q": "APO"}).status_code == 405
    assert client.head(url("public:search-suggest"), {"q": "APO"}).status_code == 200


def _records(query):
    """The suggested records (the search page's first hits: the test above
    checks that they are the same)."""
    return [hit.record for hit in site_search(query=query).hits[:SUGGESTIONS]]
