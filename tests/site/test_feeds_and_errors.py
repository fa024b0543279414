"""The iCal feed, the sitemap's shape, robots-facing metadata and the error pages."""

import datetime

import pytest
from django.conf.urls.i18n import i18n_patterns
from django.test import override_settings
from django.urls import path
from icalendar import Calendar

from tests.site.test_pages import url


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_ical_feed_parses_and_has_every_public_event(client, world, lang):
    response = client.get(url("events:ical", lang=lang))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {
        f"event-{slug}@testserver" for slug in ("apo-governing-body", "accsq-online", "moscow-visit")
    }
    meeting = events["event-apo-governing-body@testserver"]
    assert meeting.decoded("dtstart") == datetime.date(2019, 11, 28)
    assert meeting.decoded("dtend") == datetime.date(2019, 12, 1)  # exclusive end of an all-day event
    assert str(meeting["summary"]) == ("Hội nghị thường niên APO" if lang == "vi" else "APO annual meeting")
    assert str(meeting["url"]) == f"http://testserver/{lang}/events/apo-governing-body/"
    assert "Hà Nội" in str(meeting["location"])


def test_sitemap_is_xml_with_alternates(client, world):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    body = response.content.decode()
    assert "<loc>http://testserver/vi/agreements/mou-rosstandart/</loc>" in body
    assert "<loc>http://testserver/en/agreements/mou-rosstandart/</loc>" in body
    assert "http://testserver/vi/events/apo-governing-body/" in body


def test_each_page_has_its_own_title_and_description(client, world):
    pages = [url("public:home"), url("agreements:detail", "evfta"), url("events:detail", "apo-governing-body")]
    titles = set()
    for address in pages:
        html = client.get(address).content.decode()
        titles.add(html.split("<title>")[1].split("</title>")[0])
        assert '<meta name="description" content="' in html
    assert len(titles) == 3


@override_settings(DEBUG=False)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_404_page_is_the_sites_own(client, lang):
    response = client.get(f"/{lang}/agreements/nope/")
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert 'id="site-search"' in html  # the visitor can search from there
    assert ("Page not found" in html) == (lang == "en")


def _boom(request):
    raise RuntimeError("boom")


urlpatterns = i18n_patterns(path("boom/", _boom))
handler500 = "core.errors.server_error"


@override_settings(DEBUG=False, ROOT_URLCONF=__name__)
def test_500_page_is_the_sites_own_and_needs_no_database(client, django_assert_num_queries):
    client.raise_request_exception = False
    with django_assert_num_queries(0):
        response = client.get("/en/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong" in html
    assert "boom" not in html  # no internals shown
