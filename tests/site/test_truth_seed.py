"""The registry tells the truth today, on the shipped seed data: the questions a
visitor asks on 2026-11-30 (frozen clock), and what was true in 2020."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import formats, translation
from django_countries import countries

from agreements.models import Agreement
from core.choices import Audience
from core.text import vi_sort_key
from events.models import Delegation, Event, Initiative
from organizations.models import Organization

pytestmark = pytest.mark.usefixtures("seed_data_module")

TODAY = datetime.date(2026, 11, 30)
IN_2020 = datetime.date(2020, 8, 1)
PLAN = "stameq-rosstandart-plan-2018-2021"


def page(client, name, *args, lang="en", day=TODAY, **query):
    with translation.override(lang), time_machine.travel(day, tick=False):
        response = client.get(reverse(name, args=args), query)
        return response, response.content.decode()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_rosstandart_plan_reads_ended_after_2021_and_not_before(client, lang):
    with translation.override(lang):
        ended = "Ended on %s" if lang == "en" else "Đã kết thúc ngày %s"
        ended = ended % formats.date_format(datetime.date(2021, 12, 31), "DATE_FORMAT")
    _response, today = page(client, "agreements:detail", PLAN, lang=lang)
    assert ended in today
    _response, on_the_last_day = page(client, "agreements:detail", PLAN, lang=lang, day=datetime.date(2021, 12, 31))
    assert ended not in on_the_last_day
    _response, in_2020 = page(client, "agreements:detail", PLAN, lang=lang, day=IN_2020)
    assert ended not in in_2020 and "status-signed" in in_2020


def test_the_home_page_claims_no_chair_held_now_in_2026(client):
    response, html = page(client, "public:home")
    labels = [str(figure.label) for figure in response.context["figures"]]
    assert not any("held now" in label for label in labels)
    chairs = next(figure for figure in response.context["figures"] if "chair" in str(figure.label))
    assert chairs.value == 4
    assert "last reported" in str(chairs.label)
    with translation.override("en"):
        assert formats.date_format(datetime.date(2020, 7, 26), "SHORT_DATE_FORMAT") in str(chairs.label)
    response, _html = page(client, "public:home", day=IN_2020)
    chairs = next(figure for figure in response.context["figures"] if "chair" in str(figure.label))
    assert (chairs.value, str(chairs.label)) == (4, "chair and co-chair roles held now")


def test_stated_and_counted_figures_are_explained_side_by_side(client):
    response, html = page(client, "public:home")
    stated = {figure.key: figure for figure in response.context["reported_figures"]}
    ftas = Agreement.objects.visible_to(Audience.PUBLIC).filter(kind="fta").count()
    assert f"The registry names {ftas} FTAs one by one" in stated["fta-tbt-provisions"].difference_note
    assert stated["fta-tbt-provisions"].difference_note in html
    assert "The registry names 5 memberships one by one" in stated["member-organizations"].difference_note


def partner_links(html):
    return re.findall(r'href="/en/partners/([^"]+)"', html)


def test_we_are_never_our_own_partner(client):
    _response, html = page(client, "public:partners")
    links = partner_links(html)
    assert "country/VN/" not in links
    assert not any(link.startswith(("stameq/", "stameq-icd/")) for link in links)
    assert page(client, "public:partner-country", "VN")[0].status_code == 404
    assert page(client, "public:partner-organization", "stameq")[0].status_code == 404
    assert page(client, "public:partner-organization", "stameq-icd")[0].status_code == 404
    assert page(client, "public:partner-country", "RU")[0].status_code == 200


def test_our_country_is_no_partner_filter_choice(client):
    response = client.get("/api/v1/agreements/", {"country": "VN"})
    assert response.status_code == 400 and "country" in response.json()["errors"]
    response, html = page(client, "agreements:list")
    assert 'value="VN"' not in html and 'value="KR"' in html


def test_every_public_record_page_cites_its_source(client):
    for model in (Organization, Agreement, Event, Delegation, Initiative):
        for record in model.objects.visible_to(Audience.PUBLIC).select_related("source"):
            for lang in ("vi", "en"):
                with translation.override(lang):
                    response = client.get(record.get_absolute_url())
                    title = str(record.source.title)
                assert response.status_code == 200, record.get_absolute_url()
                html = response.content.decode()
                assert 'class="citation"' in html, record.get_absolute_url()
                assert title.replace("'", "&#x27;").replace('"', "&quot;") in html, (record.get_absolute_url(), title)


def test_agreement_pages_link_to_their_text_when_set(client):
    agreement = Agreement.objects.get(slug="cptpp")
    agreement.text_url = "https://example.org/cptpp-text"
    agreement.save()
    _response, html = page(client, "agreements:detail", "cptpp")
    assert 'href="https://example.org/cptpp-text"' in html


def test_the_partner_list_is_in_vietnamese_alphabetical_order(client):
    response, html = page(client, "public:partners", lang="vi")
    names = [str(country.name) for country in response.context["countries"]]
    assert names == sorted(names, key=vi_sort_key)
    assert "Đài Loan (Trung Quốc)" in names and "Ấn Độ" in names
    assert names.index("Ấn Độ") < names.index("Đài Loan (Trung Quốc)")
    assert "Quốc gia và vùng lãnh thổ" in html


def test_countries_the_vietnamese_way():
    with translation.override("vi"):
        names = [str(name) for _code, name in countries]
        assert len(names) == len(set(names)), sorted(name for name in names if names.count(name) > 1)
        assert [str(countries.name(code)) for code in ("TW", "HK", "MO", "IS", "IE")] == [
            "Đài Loan (Trung Quốc)",
            "Hồng Kông (Trung Quốc)",
            "Ma Cao (Trung Quốc)",
            "Ai-xơ-len",
            "Ai-len",
        ]
    with translation.override("en"):
        assert str(countries.name("VN")) == "Viet Nam"


def test_english_pages_spell_our_country_one_way(client):
    for name in ("public:home", "public:partners", "organizations:memberships", "agreements:ftas"):
        _response, html = page(client, name)
        assert not re.search(r"Vietnam(?!ese)", html), name


def test_english_pages_show_the_english_chapter_reference(client):
    _response, english = page(client, "agreements:detail", "vkfta")
    _response, vietnamese = page(client, "agreements:detail", "vkfta", lang="vi")
    assert "Chapter 6" in english and "Chương 6" not in english
    assert "Chương 6" in vietnamese


def test_rosstandart_former_name_is_recorded_with_its_source(client):
    response = client.get("/api/v1/organizations/", {"acronym": "Rosstandart"})
    names = response.json()["results"][0]["names"]
    assert [(n["acronym"], n["valid_until"]) for n in names] == [("Rostekhregulirovaniye", "2010-06-08")]
    response, _html = page(client, "public:search", q="Rostekhregulirovaniye")
    hits = response.context["results"].hits
    assert [(hit.kind.key, hit.record.slug) for hit in hits] == [("organizations", "rosstandart")]
