"""Filters, sorting and pagination of every list page, in both languages."""

import datetime

import pytest

from tests.factories import make_agreement, make_event
from tests.site.test_pages import LANGUAGES, url


def rows(response):
    return [getattr(obj, "slug", None) or obj.pk for obj in response.context["page_obj"]]


FILTER_CASES = [
    ("organizations:list", {"kind": "committee"}, ["iso-tc-176"]),
    ("organizations:list", {"country": "RU"}, ["rosstandart"]),
    ("organizations:list", {"q": "nang suat"}, ["apo"]),
    ("agreements:list", {"kind": "plan"}, ["plan-rosstandart-2018-2021"]),
    ("agreements:list", {"status": "in_force"}, ["evfta", "mou-rosstandart"]),
    ("agreements:list", {"country": "RU"}, ["mou-rosstandart", "plan-rosstandart-2018-2021"]),
    ("agreements:list", {"q": "ke hoach thuc hien"}, ["plan-rosstandart-2018-2021"]),
    ("agreements:list", {"signed_after": "2017-01-01", "kind": "mou"}, []),
    ("agreements:ftas", {"q": "lien minh chau au"}, ["evfta"]),
    ("agreements:ftas", {"status": "negotiating"}, []),
    ("events:list", {"hosted_by_us": "true"}, ["apo-governing-body"]),
    ("events:list", {"mode": "online"}, ["accsq-online"]),
    ("events:list", {"starts_after": "2019-01-01", "starts_before": "2019-12-31"}, ["apo-governing-body"]),
    ("events:delegations", {"q": "lien bang nga"}, ["delegation-moscow"]),
    ("events:delegations", {"direction": "incoming"}, []),
    ("events:initiatives", {"year": "2017"}, ["apec-smart-cities"]),
    ("events:initiatives", {"status": "proposed"}, []),
]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_list_filters(client, world, lang):
    for name, query, expected in FILTER_CASES:
        response = client.get(url(name, lang=lang, **query))
        assert response.status_code == 200, (name, query)
        assert sorted(rows(response)) == sorted(expected), (name, query)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_membership_and_office_and_commitment_filters(client, world, lang):
    memberships = client.get(url("organizations:memberships", lang=lang, member_class="p_member"))
    assert [m.organization.slug for m in memberships.context["page_obj"]] == ["iso-tc-176"]
    offices = client.get(url("organizations:offices", lang=lang, held_on="2018-01-01"))
    assert list(offices.context["page_obj"]) == []
    offices = client.get(url("organizations:offices", lang=lang, held_on="2020-01-01"))
    assert [o.slug for o in offices.context["page_obj"]] == ["apo-chair"]
    commitments = client.get(url("agreements:commitments", lang=lang, agreement_kind="fta"))
    assert [c.code for c in commitments.context["page_obj"]] == ["tbt"]
    commitments = client.get(url("agreements:commitments", lang=lang, deadline_before="2022-01-01"))
    assert [c.code for c in commitments.context["page_obj"]] == ["exchange"]


def test_empty_form_fields_mean_any(client, world):
    """A GET form sends every field; empty ones must not filter."""
    response = client.get(url("agreements:list", q="", kind="", status="", signed_after=""))
    assert response.context["filtered"] is False
    assert len(rows(response)) == 3


@pytest.mark.parametrize("query", [{"signed_after": "not-a-date"}, {"kind": "nonsense"}, {"country": "ZZZ"}])
def test_bad_filter_values_show_an_error_not_a_500(client, world, query):
    response = client.get(url("agreements:list", **query))
    assert response.status_code == 400
    assert response.context["filter_errors"]
    assert rows(response) == []
    assert 'class="error-summary"' in response.content.decode()


def test_sorting_by_each_column_and_back(client, world):
    asc = rows(client.get(url("agreements:list", sort="signed")))
    desc = rows(client.get(url("agreements:list", sort="-signed")))
    assert asc[:2] == ["mou-rosstandart", "plan-rosstandart-2018-2021"]
    # The EVFTA's signing date comes from its signed stage (2019-06-30).
    assert desc[:2] == ["evfta", "plan-rosstandart-2018-2021"]
    html = client.get(url("agreements:list", sort="signed")).content.decode()
    assert 'aria-sort="ascending"' in html and "sort=-signed" in html
    # An unknown key is refused (see test_invalid_list_queries), not silently the default order.
    assert client.get(url("agreements:list", sort="internal_note")).status_code == 400


def test_sorting_by_title_follows_the_language(client, world):
    make_agreement(slug="zeta", title_vi="Ă hiệp định", title_en="Zeta agreement")
    vi = rows(client.get(url("agreements:list", lang="vi", sort="title")))
    en = rows(client.get(url("agreements:list", lang="en", sort="title")))
    assert vi.index("zeta") < vi.index("evfta")
    assert en.index("zeta") > en.index("evfta")


def test_pagination_keeps_filters(client, world):
    for n in range(45):
        make_event(slug=f"bulk-{n:02}", title_vi=f"Hội thảo {n}", start_on=datetime.date(2015, 1, 1), kind="workshop")
    first = client.get(url("events:list", kind="workshop"))
    assert first.context["page_obj"].paginator.count == 45
    assert len(rows(first)) == 20
    html = first.content.decode()
    assert "?kind=workshop&amp;page=2" in html
    third = client.get(url("events:list", kind="workshop", page=3))
    assert len(rows(third)) == 5
    # A page past the last one is not there: 404, not the last page again.
    assert client.get(url("events:list", kind="workshop", page=4)).status_code == 404
    assert client.get(url("events:list", kind="workshop", page=99)).status_code == 404


def test_agreement_kind_tabs_count_public_agreements(client, world):
    response = client.get(url("agreements:list", lang="en", kind="mou"))
    tabs = {value: count for value, _label, count in response.context["kind_tabs"]}
    assert tabs["mou"] == 1 and tabs["plan"] == 1 and tabs["fta"] == 1
    assert response.context["kind_total"] == 3
    assert 'href="?kind=mou" aria-current="page"' in response.content.decode()


def test_filter_form_has_plain_labels_in_the_visitors_language(client, world):
    html = client.get(url("agreements:list", lang="en", kind="mou")).content.decode()
    for label in ("Words", "Kind", "Status", "Partner country", "Signed from", "Signed until"):
        assert f">{label}</label>" in html
    assert "[invalid name]" not in html and "greater than" not in html
    assert '<option value="RU">Russia</option>' in html
    assert '<option value="mou" selected>' in html
