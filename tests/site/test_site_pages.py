"""The pages a government site has (issue #14 point 4): about, contact,
accessibility, privacy and API pages in both languages and linked from every
page's footer; robots.txt and favicon.ico; canonical, hreflang and Open Graph
tags on every public page; schema.org JSON-LD with public fields only; public
documents on their record's page."""

import datetime
import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import make_event, make_organization
from tests.site.test_pages import LANGUAGES, get_ok, url
from tests.urlmap import routes
from workflow.models import Document

SITE_PAGES = ["public:about", "public:contact", "public:accessibility", "public:privacy", "public:api"]
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", SITE_PAGES)
def test_site_pages_answer_in_both_languages_and_are_in_the_footer(client, world, name, lang):
    html = get_ok(client, url(name, lang=lang))
    assert f'<html lang="{lang}">' in html
    footer = html[html.index('<footer class="site-footer">') :]
    for other in SITE_PAGES:
        assert f'href="{url(other, lang=lang)}"' in footer
    # Nothing left untranslated: the Vietnamese page has no English heading.
    heading = re.search(r"<h1>(.*?)</h1>", html).group(1)
    english = get_ok(client, url(name, lang="en"))
    if lang == "vi":
        assert heading != re.search(r"<h1>(.*?)</h1>", english).group(1)


def test_api_page_links_the_docs_the_open_data_and_says_how_to_get_a_key(client, world):
    html = get_ok(client, url("public:api", lang="en"))
    assert 'href="/api/v1/docs/"' in html
    assert 'href="/api/v1/schema/"' in html
    assert 'href="/open-data/"' in html
    assert "Authorization: Api-Key &lt;key&gt;" in html
    assert "120 requests per minute" in html and "1200 requests per minute" in html
    vi = get_ok(client, url("public:api", lang="vi"))
    assert "120 yêu cầu mỗi phút" in vi


def test_about_page_states_the_source_policy(client, world):
    html = get_ok(client, url("public:about", lang="en"))
    assert "Every fact is traced to its source." in html
    assert "Nguyên tắc về nguồn" in get_ok(client, url("public:about", lang="vi"))


def test_contact_page_shows_the_configured_address(client, world, settings):
    settings.COOPDB_CONTACT_EMAIL = "htqt@example.gov.vn"
    html = get_ok(client, url("public:contact", lang="vi"))
    assert 'href="mailto:htqt@example.gov.vn"' in html
    assert "8 Hoàng Quốc Việt" in html


def test_public_pages_set_no_cookie(client, world):
    """The privacy notice promises it."""
    for name in [*SITE_PAGES, "public:home", "agreements:list"]:
        response = client.get(url(name))
        assert not response.cookies, name


def test_robots_txt(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    for line in ("Allow: /", "Disallow: /admin/", "Disallow: /api/", "Allow: /api/v1/docs/", "Disallow: /vi/search/"):
        assert line in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_favicon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/vnd.microsoft.icon"
    body = b"".join(response.streaming_content)
    assert body[:4] == b"\x00\x00\x01\x00"  # an ICO header
    html = get_ok(client, url("public:about"))
    assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in html
    assert '<link rel="icon" href="/favicon.ico" sizes="32x32">' in html


def _head(html):
    return html[: html.index("</head>")]


def _public_page_addresses(lang):
    """One address per public route without arguments, plus the world's records."""
    addresses = [
        route.url()
        for route in routes(lang)
        if route.is_html_page and not route.arguments and route.route.startswith(f"{lang}/")
    ]
    with_args = [
        url("organizations:detail", "apo", lang=lang),
        url("agreements:detail", "mou-rosstandart", lang=lang),
        url("events:detail", "apo-governing-body", lang=lang),
        url("events:delegation", "delegation-moscow", lang=lang),
        url("public:partner-country", "RU", lang=lang),
    ]
    return addresses + with_args


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_public_page_has_canonical_hreflang_and_open_graph(client, world, lang):
    other = "en" if lang == "vi" else "vi"
    for address in _public_page_addresses(lang):
        response = client.get(address + "?sort=&q=")
        assert response.status_code == 200, address
        head = _head(response.content.decode())
        page = f"http://testserver{address}"
        assert f'<link rel="canonical" href="{page}">' in head, address  # without the query string
        assert f'<link rel="alternate" hreflang="{lang}" href="{page}">' in head, address
        other_page = f"http://testserver/{other}/{address[4:]}"
        assert f'<link rel="alternate" hreflang="{other}" href="{other_page}">' in head, address
        vi_page = page if lang == "vi" else other_page
        assert f'<link rel="alternate" hreflang="x-default" href="{vi_page}">' in head, address
        assert f'<meta property="og:url" content="{page}">' in head, address
        assert '<meta property="og:type" content="website">' in head, address
        assert f'<meta property="og:locale" content="{"vi_VN" if lang == "vi" else "en_GB"}">' in head, address
        title = re.search(r'<meta property="og:title" content="([^"]+)">', head).group(1)
        assert re.search(r"<title>(.*) — [^—]*</title>", head).group(1) == title, address
        description = re.search(r'<meta property="og:description" content="([^"]+)">', head).group(1)
        assert f'<meta name="description" content="{description}">' in head, address


def _json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


def test_event_json_ld(client, world):
    event = make_event(
        slug="ld-event",
        title_vi="Hội nghị </script> thử",
        city_vi="Hà Nội",
        country="VN",
        start_on="2024-03-05",
        end_on="2024-03-07",
        forum=world.apo,
        internal_note="SECRET-NOTE",
    )
    html = get_ok(client, url("events:detail", event.slug))
    [data] = _json_ld(html)
    assert data["@context"] == "https://schema.org" and data["@type"] == "Event"
    assert data["name"] == "Hội nghị </script> thử"
    assert data["startDate"] == "2024-03-05" and data["endDate"] == "2024-03-07"
    assert data["location"] == {
        "@type": "Place",
        "name": "Hà Nội, Việt Nam",
        "address": {"@type": "PostalAddress", "addressLocality": "Hà Nội", "addressCountry": "VN"},
    }
    assert data["organizer"]["name"] == world.apo.name_vi
    assert data["url"] == f"http://testserver{url('events:detail', event.slug)}"
    assert "SECRET-NOTE" not in html


def test_online_event_json_ld_has_a_virtual_location_and_no_hidden_forum(client, world):
    hidden = make_organization(slug="hidden-forum", visibility="internal")
    event = make_event(slug="ld-online", mode="online", forum=hidden, url="https://meet.example.org/x")
    [data] = _json_ld(get_ok(client, url("events:detail", event.slug, lang="en")))
    assert data["location"] == {"@type": "VirtualLocation", "url": "https://meet.example.org/x"}
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert "organizer" not in data


def test_organization_json_ld(client, world):
    organization = make_organization(
        slug="ld-org",
        acronym="LDO",
        name_vi="Tổ chức thử",
        name_en="Test organization",
        founded_year=1961,
        website="https://ldo.example.org/",
        internal_note="SECRET-NOTE",
    )
    html = get_ok(client, url("organizations:detail", organization.slug, lang="en"))
    [data] = _json_ld(html)
    assert data == {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": "Test organization",
        "alternateName": "LDO",
        "url": f"http://testserver{url('organizations:detail', organization.slug, lang='en')}",
        "foundingDate": "1961",
        "sameAs": ["https://ldo.example.org/"],
    }
    assert "SECRET-NOTE" not in html


@pytest.fixture
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_agreement_page_lists_its_public_documents_only(client, world, _media):
    agreement = world.mou
    public = Document.objects.create(
        agreement=agreement, title_vi="Bản ký chính thức", visibility="public", file=SimpleUploadedFile("ky.pdf", PDF)
    )
    Document.objects.create(
        agreement=agreement, title_vi="Biên bản nội bộ", visibility="internal", file=SimpleUploadedFile("nb.pdf", PDF)
    )
    Document.objects.create(
        agreement=agreement, title_vi="Bản cho bộ ngành", visibility="government", file=SimpleUploadedFile("g.pdf", PDF)
    )
    html = get_ok(client, url("agreements:detail", agreement.slug))
    assert f'<a href="/documents/{public.pk}/">Bản ký chính thức</a>' in html
    assert "(PDF," in html
    assert "Biên bản nội bộ" not in html and "Bản cho bộ ngành" not in html
    # Another agreement's page does not show it.
    assert "Bản ký chính thức" not in get_ok(client, url("agreements:detail", world.evfta.slug))
    # The link works for the public.
    assert client.get(f"/documents/{public.pk}/").status_code == 200


def test_agreement_page_without_documents_has_no_documents_section(client, world):
    assert 'id="documents-heading"' not in get_ok(client, url("agreements:detail", world.mou.slug))


def test_event_place_is_never_empty(client, world):
    nowhere = make_event(slug="nowhere", mode="in_person", city="", country="")
    online = make_event(slug="online-only", mode="online", city="", country="")
    assert "Place not recorded" in get_ok(client, url("events:detail", nowhere.slug, lang="en"))
    assert "Chưa ghi nhận địa điểm" in get_ok(client, url("events:detail", nowhere.slug, lang="vi"))
    assert ">Online</span>" in get_ok(client, url("events:detail", online.slug, lang="en"))


def test_organizations_without_acronym_have_no_dash_link(client, world):
    make_organization(slug="no-acronym", acronym="", name_vi="Vụ Hợp tác quốc tế")
    html = get_ok(client, url("organizations:list", lang="en"))
    assert not re.search(r">\s*—\s*</a>", html)
    assert '<span class="visually-hidden">no acronym</span>' in html


def test_vietnamese_terms(client, world):
    html = get_ok(client, url("events:calendar-month", 2019, 11, lang="vi"))
    assert "<h1>Sự kiện tháng 11/2019</h1>" in html
    html = get_ok(client, url("events:delegations", lang="vi"))
    assert "ta cử đi" not in html and "Đoàn ra" in html
    html = get_ok(client, url("agreements:list", lang="vi"))
    assert ">Điều ước và thỏa thuận</h1>" in html


def test_an_event_we_host_names_our_own_organization_as_organizer(client, world):
    """Before, a hard-coded name stood in for us; now the organization entered
    as ours, linked to its page."""
    event = make_event(slug="ld-hosted", forum=None, hosted_by_us=True)
    [data] = _json_ld(get_ok(client, url("events:detail", event.slug, lang="en")))
    own = world.stameq
    assert data["organizer"]["name"] == own.name_en
    assert data["organizer"]["url"] == f"http://testserver{url('organizations:detail', own.slug, lang='en')}"


def test_a_stated_total_is_compared_by_its_declared_counterpart_not_its_key(client, world):
    """Before, only the rows keyed "member-organizations" and
    "fta-tbt-provisions" were compared, the FTAs counted twice."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from core.models import ReportedFigure
    from public.selectors.home import home_figures, reported_figures
    from tests.factories import make_source

    source = make_source()
    shown = {"as_of": datetime.date(2030, 1, 1), "source": source, "visibility": "public"}  # among the latest six
    ReportedFigure.objects.create(key="any-ftas", label="FTAs", value=99, counterpart="ftas", **shown)
    ReportedFigure.objects.create(key="fta-tbt-provisions", label="FTAs", value=98, **shown)
    figures = home_figures(datetime.date(2020, 6, 1))
    with CaptureQueriesContext(connection) as queries:
        notes = {figure.key: figure.difference_note for figure in reported_figures(figures)}
    assert len(queries) == 1  # the stated totals; the FTA count is the home figure's
    assert "99" in notes["any-ftas"] and notes["fta-tbt-provisions"] == ""
