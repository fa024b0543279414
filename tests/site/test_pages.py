"""Every public page answers in both languages and shows what it promises."""

import datetime

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

LANGUAGES = ["vi", "en"]


def url(name, *args, lang="vi", **query):
    with translation.override(lang):
        address = reverse(name, args=args)
    if query:
        from urllib.parse import urlencode

        address += "?" + urlencode(query, doseq=True)
    return address


def get_ok(client, address):
    response = client.get(address)
    assert response.status_code == 200, (address, response.status_code)
    return response.content.decode()


@pytest.mark.parametrize(
    "accept, expected",
    [
        ("en", "/en/"),
        ("en-US,en;q=0.9", "/en/"),
        ("vi", "/vi/"),
        ("vi-VN,vi;q=0.9,en;q=0.8", "/vi/"),
        ("fr", "/vi/"),
        ("fr-FR,en;q=0.5", "/en/"),
        ("vi;q=0.4,en;q=0.9", "/en/"),
        (None, "/vi/"),
        ("*", "/vi/"),
    ],
)
def test_root_chooses_the_language_from_accept_language(client, accept, expected):
    """``/`` follows the browser's first language the site speaks; Vietnamese when unsure."""
    headers = {"HTTP_ACCEPT_LANGUAGE": accept} if accept is not None else {}
    response = client.get("/", **headers)
    assert response.status_code == 302
    assert response["Location"] == expected
    assert "Accept-Language" in response["Vary"]


def test_unprefixed_page_redirects_to_a_language(client, world):
    response = client.get("/agreements/")
    assert response.status_code == 302
    assert response["Location"] == "/vi/agreements/"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_shows_figures_events_and_agreements(client, world, lang):
    html = get_ok(client, url("public:home", lang=lang))
    assert f'<html lang="{lang}">' in html
    assert "plan-rosstandart-2018-2021" in html  # latest agreements
    figures = client.get(url("public:home", lang=lang)).context["figures"]
    # 3 memberships active today; MoU in force; 1 FTA; APO chair held now.
    assert [figure.value for figure in figures][:4] == [3, 2, 1, 1]


def test_home_counts_events_this_year_and_lists_upcoming(client, world):
    from tests.factories import make_event

    today = datetime.date.today()
    make_event(slug="next-week", title_vi="Hội nghị sắp tới", start_on=today + datetime.timedelta(days=7))
    make_event(slug="last-year", title_vi="Hội nghị năm ngoái", start_on=today.replace(year=today.year - 1))
    response = client.get(url("public:home"))
    assert response.context["figures"][4].value == (1 if (today + datetime.timedelta(days=7)).year == today.year else 0)
    assert [event.slug for event in response.context["upcoming_events"]] == ["next-week"]
    assert "last-year" in [event.slug for event in response.context["recent_events"]]
    assert "Hội nghị sắp tới" in response.content.decode()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_language_switcher_keeps_the_page(client, world, lang):
    other = "en" if lang == "vi" else "vi"
    html = get_ok(client, url("agreements:detail", "evfta", lang=lang) + "?x=1")
    assert f'href="/{other}/agreements/evfta/?x=1" hreflang="{other}"' in html


def test_english_pages_use_english_titles_and_dates(client, world):
    html = get_ok(client, url("agreements:detail", "evfta", lang="en"))
    assert "EU–Vietnam Free Trade Agreement" in html
    assert "30 Jun 2019" in html
    html_vi = get_ok(client, url("agreements:detail", "evfta", lang="vi"))
    assert "Hiệp định Thương mại tự do Việt Nam – Liên minh châu Âu" in html_vi
    assert "30/06/2019" in html_vi


def test_numbers_follow_the_language():
    """Grouping: 1.234 in Vietnamese, 1,234 in English (the ``number`` filter)."""
    template = Template("{% load site_tags %}{{ value|number }}")
    with translation.override("vi"):
        assert template.render(Context({"value": 1234})) == "1.234"
    with translation.override("en"):
        assert template.render(Context({"value": 1234})) == "1,234"


PAGES = [
    ("organizations:list", (), "ISO/TC 176"),
    ("organizations:tree", (), "ISO/TC 176"),
    ("organizations:detail", ("iso",), "ISO/TC 176"),
    ("organizations:memberships", (), "ISO/TC 176"),
    ("organizations:offices", (), "APO"),
    ("agreements:list", (), "plan-rosstandart-2018-2021"),
    ("agreements:detail", ("mou-rosstandart",), "plan-rosstandart-2018-2021"),
    ("agreements:ftas", (), "EVFTA"),
    ("agreements:commitments", (), "commitment-tbt"),
    ("events:list", (), "apo-governing-body"),
    ("events:detail", ("apo-governing-body",), "Hà Nội"),
    ("events:calendar-month", (2019, 11), "apo-governing-body"),
    ("events:delegations", (), "delegation-moscow"),
    ("events:delegation", ("delegation-moscow",), "Vũ Tú Quyên"),
    ("events:initiatives", (), "apec-smart-cities"),
    ("events:initiative", ("apec-smart-cities",), "STAMEQ"),
    ("public:partners", (), "/partners/country/RU/"),
    ("public:partner-organization", ("rosstandart",), "plan-rosstandart-2018-2021"),
    ("public:partner-country", ("RU",), "delegation-moscow"),
]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_answers_and_shows_its_records(client, world, lang):
    # One test per language over every page: the world is built once.
    for name, args, expected in PAGES:
        address = url(name, *args, lang=lang)
        html = get_ok(client, address)
        assert expected in html, address
        assert "<title>" in html and '<meta name="description"' in html, address
        assert '<a class="skip-link" href="#content">' in html, address


def test_agreement_detail_shows_parties_history_children_and_commitments(client, world):
    html = get_ok(client, url("agreements:detail", "mou-rosstandart", lang="en"))
    assert "Rosstandart" in html and "/en/partners/rosstandart/" in html
    assert "/en/agreements/plan-rosstandart-2018-2021/" in html  # the plan under its MoU
    plan = get_ok(client, url("agreements:detail", "plan-rosstandart-2018-2021", lang="en"))
    assert 'href="/en/agreements/mou-rosstandart/" rel="up"' in plan  # back to the parent MoU
    assert "commitment-exchange" in plan and "31 Dec 2021" in plan


def test_fta_page_puts_stages_on_a_time_line(client, world):
    response = client.get(url("agreements:ftas", lang="en"))
    (fta, stages) = response.context["ftas"][0]
    reached = [(stage.status, stage.change and (stage.change.changed_on or stage.change.year)) for stage in stages]
    assert reached == [
        ("negotiating", 2012),
        ("concluded", None),
        ("signed", datetime.date(2019, 6, 30)),
        ("ratified", datetime.date(2020, 6, 8)),
        ("in_force", datetime.date(2020, 8, 1)),
    ]
    html = response.content.decode()
    assert "Technical barriers to trade" in html and "Chương 5" in html


def test_offices_show_current_and_past_terms(client, world):
    from tests.factories import make_office

    make_office(
        slug="past-chair",
        role="co_chair",
        body=world.apo,
        term_start=datetime.date(2010, 1, 1),
        term_end=datetime.date(2012, 12, 31),
    )
    html = get_ok(client, url("organizations:offices", lang="en"))
    assert "1 Jul 2019 – present" in html
    assert "1 Jan 2010 – 31 Dec 2012" in html
    assert 'class="badge current"' in html and 'class="badge past"' in html


def test_tree_nests_committee_under_its_parent_with_our_class(client, world):
    response = client.get(url("organizations:tree", lang="en"))
    tree = response.context["tree"]
    iso_node = next(node for node in tree if node[0].slug == "iso")
    assert [child.slug for child, _children in iso_node[1]] == ["iso-tc-176"]
    html = response.content.decode()
    assert "P-member (participating)" in html and "since 2000" in html


def test_partner_timeline_lists_everything_by_date(client, world):
    response = client.get(url("public:partner-country", "RU", lang="en"))
    years = [year for year, _entries in response.context["timeline"].by_year()]
    assert years == sorted(years)
    kinds = {str(entry.kind) for _year, entries in response.context["timeline"].by_year() for entry in entries}
    assert {"Agreement", "Event", "Delegation"} <= kinds
    org = client.get(url("public:partner-organization", "apo", lang="en")).context["timeline"]
    kinds = {str(entry.kind) for entry in org.entries}
    assert {"Membership", "Office", "Event"} <= kinds
    # We are not our own partner: our organization has no partner timeline.
    assert client.get(url("public:partner-organization", "stameq", lang="en")).status_code == 404


def test_calendar_places_multi_day_events_on_each_day(client, world):
    response = client.get(url("events:calendar-month", 2019, 11))
    days = {cell.day: cell.events for week in response.context["calendar"].weeks for cell in week}
    for day in (28, 29, 30):
        assert [event.slug for event in days[datetime.date(2019, 11, day)]] == ["apo-governing-body"]
    assert days[datetime.date(2019, 11, 27)] == []


@pytest.mark.parametrize("address", ["/vi/events/calendar/2019/13/", "/vi/events/calendar/0/1/"])
def test_calendar_rejects_impossible_months(client, address):
    assert client.get(address).status_code == 404


@pytest.mark.parametrize("lang", LANGUAGES)
def test_current_month_calendar_answers(client, world, lang):
    html = get_ok(client, url("events:calendar", lang=lang))
    assert "/events/calendar/2020/6/" in html  # jump to the latest month with events


@pytest.mark.parametrize(
    "name,args",
    [
        ("organizations:detail", ("nope",)),
        ("agreements:detail", ("nope",)),
        ("events:detail", ("nope",)),
        ("events:delegation", ("nope",)),
        ("events:initiative", ("nope",)),
        ("public:partner-organization", ("nope",)),
        ("public:partner-country", ("XX",)),
    ],
)
def test_unknown_records_answer_404(client, world, name, args):
    assert client.get(url(name, *args)).status_code == 404
