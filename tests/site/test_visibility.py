"""Only public records and fields reach the public: hidden records and private
fields carry SECRET, which no page, feed, search, sitemap or count may show."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.site.conftest import SECRET
from tests.site.test_pages import LANGUAGES, url

LIST_PAGES = [
    ("public:home", ()),
    ("public:partners", ()),
    ("organizations:list", ()),
    ("organizations:tree", ()),
    ("organizations:memberships", ()),
    ("organizations:offices", ()),
    ("agreements:list", ()),
    ("agreements:ftas", ()),
    ("agreements:commitments", ()),
    ("events:list", ()),
    ("events:calendar", ()),
    ("events:calendar-month", (2019, 11)),
    ("events:delegations", ()),
    ("events:initiatives", ()),
    ("public:coverage", ()),
    ("public:map", ()),
]
DETAIL_PAGES = [
    ("organizations:detail", ("iso",)),
    ("organizations:detail", ("apo",)),
    ("organizations:detail", ("stameq",)),
    ("organizations:detail", ("child-of-hidden",)),
    ("agreements:detail", ("mou-rosstandart",)),
    ("agreements:detail", ("plan-rosstandart-2018-2021",)),
    ("agreements:detail", ("plan-under-hidden",)),
    ("agreements:detail", ("evfta",)),
    ("events:detail", ("event-hidden-forum",)),
    ("events:delegation", ("delegation-moscow",)),
    ("events:delegation", ("delegation-hidden-head",)),
    ("events:initiative", ("apec-smart-cities",)),
    ("public:partner-organization", ("rosstandart",)),
    ("public:partner-organization", ("apo",)),
    ("public:partner-country", ("RU",)),
    ("public:partner-country", ("KR",)),
    ("public:country", ("ru",)),
    ("public:country", ("jp",)),
]


def assert_no_secret(response, where=""):
    assert response.status_code == 200, (where, response)
    body = response.content.decode().lower()
    assert SECRET not in body, where
    assert "987654" not in body and "987.654" not in body, where  # dues amount


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_page_shows_hidden_records_or_private_fields(client, secrets, lang):
    # One test per language over every page: the hidden world is built once.
    for name, args in LIST_PAGES + DETAIL_PAGES:
        address = url(name, *args, lang=lang)
        assert_no_secret(client.get(address), address)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_feed_and_sitemap_show_nothing_hidden(client, secrets, lang):
    response = client.get(url("public:search", lang=lang, q=SECRET))
    assert response.context["total"] == 0
    # The page only echoes the words typed: it is the page of a word found nowhere.
    unknown = client.get(url("public:search", lang=lang, q="qqnowhere"))
    assert response.content.decode().replace(SECRET, "X") == unknown.content.decode().replace("qqnowhere", "X")
    assert_no_secret(client.get(url("public:search", lang=lang, q="hoi nghi")))
    assert_no_secret(client.get(url("events:ical", lang=lang)))
    assert_no_secret(client.get("/sitemap.xml"))


@pytest.mark.parametrize(
    "name,args",
    [
        ("organizations:detail", (f"{SECRET}-org",)),
        ("organizations:detail", (f"{SECRET}-gov",)),
        ("agreements:detail", (f"{SECRET}-agreement",)),
        ("agreements:detail", (f"{SECRET}-fta",)),
        ("events:detail", (f"{SECRET}-event",)),
        ("events:delegation", (f"{SECRET}-delegation",)),
        ("events:initiative", (f"{SECRET}-initiative",)),
        ("public:partner-organization", (f"{SECRET}-org",)),
    ],
)
def test_hidden_records_answer_404_like_missing_ones(client, secrets, name, args):
    hidden = client.get(url(name, *args))
    missing = client.get(url(name, "does-not-exist"))
    assert hidden.status_code == missing.status_code == 404
    # Byte for byte the same page, but for the address the visitor typed.
    assert hidden.content.decode().replace(args[0], "X") == missing.content.decode().replace("does-not-exist", "X")


def test_counts_and_filters_ignore_hidden_records(client, secrets):
    home = client.get(url("public:home"))
    # Still 3 memberships, 2 agreements in force, 1 FTA, 1 chair held now; the
    # hidden event today does not count.
    assert [figure.value for figure in home.context["figures"]][:4] == [3, 2, 1, 1]
    assert home.context["figures"][4].value == 0
    tabs = {value: count for value, _label, count in client.get(url("agreements:list")).context["kind_tabs"]}
    assert tabs["fta"] == 1 and tabs["mou"] == 1
    # A filter naming a hidden partner matches nothing rather than confirming it.
    by_hidden = client.get(url("agreements:list", organization_acronym=f"{SECRET.upper()}ORG"))
    assert list(by_hidden.context["page_obj"]) == []
    # EVFTA has a hidden party seated in Russia: the country filter must not say so.
    by_country = client.get(url("agreements:list", country="RU"))
    assert "evfta" not in [agreement.slug for agreement in by_country.context["page_obj"]]
    # The Russian partners list does not grow from a hidden government body.
    partners = client.get(url("public:partners")).context["organizations"]
    assert f"{SECRET}-gov" not in [org.slug for org in partners]


def test_hidden_parent_renders_as_absent(client, secrets):
    plan = client.get(url("agreements:detail", "plan-under-hidden")).content.decode()
    assert 'rel="up"' not in plan
    child = client.get(url("organizations:detail", "child-of-hidden")).context["path"]
    assert child == []


def test_sitemap_lists_public_records_in_both_languages(client, secrets):
    body = client.get("/sitemap.xml").content.decode()
    for lang in LANGUAGES:
        with translation.override(lang):
            assert reverse("agreements:detail", args=["evfta"]) in body
            assert reverse("public:partner-organization", args=["rosstandart"]) in body
    assert 'hreflang="en"' in body and 'hreflang="vi"' in body


def test_hidden_status_change_is_not_a_reached_stage(client, secrets):
    stages = client.get(url("agreements:detail", "evfta")).context["stages"]
    assert {stage.status: stage.reached for stage in stages}["concluded"] is False


def test_a_country_only_a_hidden_party_covers_is_not_covered(client, secrets, world):
    """A hidden party of a public agreement, or a public party of a hidden one,
    covers nothing on the public site: no row, no matrix line, no map link."""
    from agreements.models import Agreement
    from tests.factories import make_party

    make_party(agreement=world.evfta, country="NO", visibility="internal")
    make_party(agreement=Agreement.objects.get(slug=f"{SECRET}-fta"), country="IS")
    for code in ("no", "is"):
        response = client.get(url("public:country", code, lang="en"))
        assert response.status_code == 200
        assert response.context["rows"] == []
    codes = {code for code, _cells in client.get(url("public:coverage")).context["matrix"].rows}
    assert not codes & {"NO", "IS"}
    html = client.get(url("public:map")).content.decode()
    assert 'data-country="NO"' not in html and 'data-country="IS"' not in html
