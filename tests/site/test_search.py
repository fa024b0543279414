"""The site-wide search page and the API's ``q`` on the shipped seed data: whole
words, ranking, facets, snippets (issue 14, point 1)."""

import re

import pytest

from core.search import fold
from tests.site.test_pages import url

pytestmark = pytest.mark.usefixtures("seed_data_module")


def search(client, query, **params):
    response = client.get(url("public:search", q=query, **params))
    assert response.status_code == 200
    return response, response.context["results"]


def keys(results):
    return [(hit.kind.key, hit.record.pk) for hit in results.hits]


def slugs(results, kind):
    return [hit.record.slug for hit in results.hits if hit.kind.key == kind]


def searched_text(record) -> str:
    return fold(" ".join(str(getattr(record, c) or "") for c in _columns(record)))


def _columns(record):
    from core.search import declared_columns

    return declared_columns(type(record))


def test_nga_finds_russias_records_and_not_ngay(client):
    _response, results = search(client, "Nga")
    assert "rosstandart" in slugs(results, "organizations")
    assert "stameq-rosstandart-mou" in slugs(results, "agreements")
    assert results.mode == "words"
    for hit in results.hits:  # the word itself, never "ngày" (RCEP, AIFTA … matched before)
        assert re.search(r"\bnga\b", searched_text(hit.record)), hit.record
    assert not {"rcep", "aifta", "acfta", "ajcep"} & set(slugs(results, "agreements"))


def test_hop_tac_with_and_without_diacritics_gives_the_same_results(client):
    _response, plain = search(client, "hop tac")
    _response, marked = search(client, "hợp tác")
    assert keys(plain) and keys(plain) == keys(marked)
    assert [f.count for f in plain.facets] == [f.count for f in marked.facets]


def test_apo_puts_apo_first(client):
    _response, results = search(client, "APO")
    first = results.hits[0]
    assert (first.kind.key, first.record.slug) == ("organizations", "apo")
    # Then names and titles holding the word, above body text.
    ranks = [hit.rank for hit in results.hits]
    assert ranks == sorted(ranks, reverse=True)


def test_han_quoc_finds_koreas_records_first(client):
    _response, results = search(client, "Hàn Quốc")
    first_two = [(hit.kind.key, hit.record.slug) for hit in results.hits[:2]]
    assert set(first_two) == {("agreements", "vkfta"), ("agreements", "akfta")}
    assert not any(getattr(hit.record, "slug", "") in ("iso", "iec") for hit in results.hits[:5])


def test_a_former_name_finds_the_organization(client):
    _response, results = search(client, "Rostekhregulirovaniye")
    assert [(hit.kind.key, hit.record.slug) for hit in results.hits] == [("organizations", "rosstandart")]
    api = client.get("/api/v1/organizations/", {"q": "rostekhregulirovaniye"}).json()["results"]
    assert [row["slug"] for row in api] == ["rosstandart"]


def test_snippets_mark_the_words_on_the_text_as_written(client):
    response, results = search(client, "lien bang nga")
    html = response.content.decode()
    assert "<mark>Liên</mark> <mark>bang</mark> <mark>Nga</mark>" in html
    assert all("<mark>" in hit.title + hit.snippet for hit in results.hits)


def test_the_last_word_is_read_as_a_start_when_no_whole_word_matches(client):
    _response, results = search(client, "Rosstand")
    assert results.mode == "prefix"
    assert "rosstandart" in slugs(results, "organizations")
    assert "<mark>Rosstandart</mark>" in results.hits[0].title


def test_a_typo_finds_names_spelt_closely(client):
    _response, results = search(client, "Rosstandrat")
    assert results.mode == "typo"
    assert "rosstandart" in slugs(results, "organizations")


def test_a_kind_keeps_its_results_and_every_facet(client):
    _response, everything = search(client, "APO")
    _response, events = search(client, "APO", kind="events")
    assert {hit.kind.key for hit in events.hits} == {"events"}
    assert [f.count for f in events.facets] == [f.count for f in everything.facets]
    assert [f.key for f in events.facets if f.selected] == ["events"]


def test_an_unknown_kind_is_a_404(client):
    assert client.get(url("public:search", q="APO", kind="nothing")).status_code == 404


def test_one_search_box_on_the_search_page(client):
    response, _results = search(client, "APO")
    html = response.content.decode()
    assert html.count('role="search"') == 1
    assert html.count('type="search"') == 1


def test_the_api_orders_by_rank_unless_told_otherwise(client):
    ranked = client.get("/api/v1/organizations/", {"q": "apo"}).json()["results"]
    assert ranked[0]["slug"] == "apo"
    by_acronym = client.get("/api/v1/organizations/", {"q": "apo", "ordering": "-acronym"}).json()["results"]
    acronyms = [row["acronym"] for row in by_acronym]
    assert acronyms == sorted(acronyms, reverse=True)


def test_ranked_api_pages_walk_every_match_once(client):
    everything = client.get("/api/v1/organizations/", {"q": "apo", "limit": 500}).json()["results"]
    seen, address = [], "/api/v1/organizations/?q=apo&limit=2"
    while address:
        page = client.get(address).json()
        seen += [row["id"] for row in page["results"]]
        address = page["next"]
    assert seen == [row["id"] for row in everything]
    assert len(seen) == len(set(seen)) >= 3
