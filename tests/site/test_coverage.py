"""Who covers what, the map and the charts, on the shipped seed data: every
expectation is derived from the fixtures' parties (fixtures/50_agreements.json,
unions' member countries from fixtures/10_organizations.json), not typed in."""

import datetime
import json
import re
from collections import Counter
from pathlib import Path

import pytest
import time_machine
from django.conf import settings

from agreements.models import Agreement
from public.selectors import coverage
from tests.site.test_pages import get_ok, url

pytestmark = pytest.mark.usefixtures("seed_data_module")

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
LANGUAGES = ["vi", "en"]
TODAY = datetime.datetime(2026, 12, 1, 10, tzinfo=datetime.UTC)


def _fixture(name):
    return json.loads((FIXTURES / name).read_text())


def _covering_slugs_in_fixtures(code: str) -> set[str]:
    """The public agreements one of whose public parties is ``code``, an
    organization seated there or a union with it among its members."""
    organizations = {
        o["fields"]["slug"]: o["fields"]
        for o in _fixture("10_organizations.json")
        if o["model"].endswith("organization")
    }
    rows = _fixture("50_agreements.json")
    public_agreements = {
        o["fields"]["slug"]
        for o in rows
        if o["model"] == "agreements.agreement" and o["fields"].get("visibility", "public") == "public"
    }
    found = set()
    for row in rows:
        if row["model"] != "agreements.agreementparty" or row["fields"].get("visibility", "public") != "public":
            continue
        fields = row["fields"]
        slug = fields["agreement"][0]
        organization = organizations.get((fields.get("organization") or [None])[0]) or {}
        countries = {fields.get("country") or "", organization.get("country") or ""}
        countries |= set(organization.get("member_countries") or [])
        if code in countries and slug in public_agreements:
            found.add(slug)
    return found


def _linked_slugs(html: str) -> set[str]:
    table = html[html.index('<table class="coverage">') : html.index("</table>")]
    return set(re.findall(r'<th scope="row"><a href="/\w\w/agreements/([\w-]+)/">', table))


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("code", ["JP", "DE", "RU", "CL", "SG"])
def test_country_page_lists_every_agreement_its_parties_cover(client, lang, code):
    expected = _covering_slugs_in_fixtures(code)
    assert expected, code  # the seed covers each of these
    with time_machine.travel(TODAY, tick=False):
        html = get_ok(client, url("public:country", code.lower(), lang=lang))
    assert _linked_slugs(html) == expected
    # The partner timeline is one click away.
    assert f'href="{url("public:partner-country", code, lang=lang)}"' in html


def test_japan_is_covered_by_its_ftas_in_force_with_their_tbt_commitments(client):
    with time_machine.travel(TODAY, tick=False):
        response = client.get(url("public:country", "jp", lang="en"))
    rows = {row.agreement.slug: row for row in response.context["rows"]}
    assert set(rows) == _covering_slugs_in_fixtures("JP")
    in_force_today = set(Agreement.objects.in_force_on(TODAY.date()).values_list("slug", flat=True))
    for slug, row in rows.items():
        assert (row.state == coverage.IN_FORCE) == (slug in in_force_today), slug
    # Japan's own entry into force under CPTPP, from its party row.
    assert rows["cptpp"].in_force_on == datetime.date(2018, 12, 30)
    html = response.content.decode()
    assert "as of 1 Dec 2026" in html or "as of 1 December 2026" in html
    for row in rows.values():
        for commitment in row.agreement.public_commitments:
            assert commitment.get_absolute_url() in html


def test_a_party_not_yet_in_force_for_its_country_is_signed_only(client):
    """CPTPP was in force in mid-2024, but not yet for the United Kingdom (its party: 15 Dec 2024)."""
    with time_machine.travel(datetime.datetime(2024, 6, 1, 10, tzinfo=datetime.UTC), tick=False):
        rows = {row.agreement.slug: row for row in client.get(url("public:country", "gb")).context["rows"]}
    assert rows["cptpp"].state == coverage.SIGNED
    with time_machine.travel(datetime.datetime(2025, 1, 1, 10, tzinfo=datetime.UTC), tick=False):
        rows = {row.agreement.slug: row for row in client.get(url("public:country", "gb")).context["rows"]}
    assert rows["cptpp"].state == coverage.IN_FORCE


def test_a_union_member_is_covered_through_its_union(client):
    rows = client.get(url("public:country", "de", lang="en")).context["rows"]
    assert [row.agreement.slug for row in rows] == ["evfta"]
    assert rows[0].through  # through the EU, named on the page


@pytest.mark.parametrize(
    "address", ["/en/countries/zz/", "/en/countries/xyz/", "/vi/countries/vn/", "/en/countries/1/"]
)
def test_unknown_codes_and_our_own_country_are_404(client, address):
    assert client.get(address).status_code == 404


def test_an_upper_case_code_redirects_to_the_lower_case_address(client):
    response = client.get("/en/countries/JP/")
    assert response.status_code == 301
    assert response["Location"] == "/en/countries/jp/"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_matrix_cells_agree_with_the_country_pages(client, lang):
    with time_machine.travel(TODAY, tick=False):
        response = client.get(url("public:coverage", lang=lang))
        assert response.status_code == 200
        matrix = response.context["matrix"]
        html = response.content.decode()
        ftas = {a.slug for a in matrix.agreements}
        assert ftas == set(Agreement.objects.filter(kind="fta", visibility="public").values_list("slug", flat=True))
        codes = {code for code, _cells in matrix.rows}
        assert settings.COOPDB_OWN_COUNTRY not in codes
        assert {"JP", "DE", "RU", "CL", "GB"} <= codes
        for code, cells in matrix.rows:
            covered = {agreement.slug for agreement, cell in zip(matrix.agreements, cells, strict=True) if cell}
            assert covered == _covering_slugs_in_fixtures(code) & ftas, code
        jp = dict(matrix.rows)["JP"]
        states = {a.slug: cell.state for a, cell in zip(matrix.agreements, jp, strict=True) if cell}
        assert states["rcep"] == coverage.IN_FORCE
    # An accessible table: caption, column and row headers, each country linked.
    assert "<caption" in html and 'scope="col"' in html and 'scope="row"' in html
    assert f'href="{url("public:country", "jp", lang=lang)}"' in html
    assert 'class="scroll-cue"' in html


def _map_links(html: str) -> dict[str, str]:
    svg = html[html.index('<svg class="world-map"') : html.index("</svg>")]
    links = re.findall(
        r'<a href="([^"]+)" class="map-country map-(\w+)" data-country="(\w\w)"><title>([^<]+)</title>(.*?)</a>', svg
    )
    for _href, _kind, _code, _title, body in links:
        assert "<path" in body or "<circle" in body
    return {code: href for href, _kind, code, _title, _body in links}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_map_has_a_linked_shape_per_partner_country(client, lang):
    from public import charts

    html = get_ok(client, url("public:map", lang=lang))
    links = _map_links(html)
    partners = coverage.map_countries()
    assert set(links) == set(partners) & charts.mapped_codes()
    assert set(partners) - charts.mapped_codes() == set()  # every partner can be drawn
    assert links["JP"] == url("public:country", "jp", lang=lang)
    assert links["RU"] == url("public:country", "ru", lang=lang)
    assert settings.COOPDB_OWN_COUNTRY not in links
    # Singapore is too small for the 1:110m shapes: a marker stands for it.
    singapore = re.search(r'data-country="SG">.*?</a>', html).group(0)
    assert "<circle" in singapore
    # A legend and a table for those who do not see the map.
    assert 'class="map-legend"' in html
    for code in links:
        assert f'<th scope="row"><a href="{links[code]}">' in html


def test_the_year_chart_and_its_table_agree_with_the_agreements(client):
    response = client.get(url("public:map", lang="en"))
    per_year = response.context["per_year"]
    signed = Counter(a.signed_on.year for a in Agreement.objects.filter(visibility="public") if a.signed_on)
    for year, signed_count, _entered in per_year.years:
        assert signed_count >= signed.get(year, 0)
    assert sum(s for _y, s, _e in per_year.years) + per_year.undated_signed == per_year.total
    assert per_year.total == Agreement.objects.filter(visibility="public").count()
    html = response.content.decode()
    table = html[html.index('id="years-table-caption"') :]
    for year, signed_count, entered in per_year.years:
        assert f'<tr><th scope="row">{year}</th><td>{signed_count}</td><td>{entered}</td></tr>' in table
    bars = response.context["year_chart"].groups
    assert [(int(g.label), *[bar.value for bar in g.bars]) for g in bars] == [tuple(row) for row in per_year.years]
    assert 'role="img" aria-labelledby="years-chart-title"' in html


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_figures_chart_and_table_equal_the_figures(client, lang):
    response = client.get(url("public:home", lang=lang))
    figures = [figure.value for figure in response.context["figures"]]
    chart = response.context["figures_chart"]
    assert [bar.value for bar in chart.bars] == figures
    html = response.content.decode()
    assert 'aria-labelledby="figures-chart-title"' in html
    assert f'href="{url("public:map", lang=lang)}"' in html


def test_partner_timeline_links_to_the_coverage_page(client):
    html = get_ok(client, url("public:partner-country", "JP", lang="en"))
    assert 'href="/en/countries/jp/"' in html


def test_sitemap_lists_the_coverage_pages(client):
    xml = client.get("/sitemap.xml").content.decode()
    for code in ("jp", "de", "ru"):
        assert f"/en/countries/{code}/" in xml and f"/vi/countries/{code}/" in xml
    assert "/countries/vn/" not in xml
    assert "/en/map/" in xml and "/en/countries/</loc>" in xml


@pytest.mark.django_db
def test_a_list_reads_each_agreements_status_from_its_history(client):
    """core.truth.history_read reads the history when nothing prefetched it;
    the list pages prefetch it. Before, an unprefetched history read as empty
    and the badge showed the recorded status ("in force") after a dated end."""
    from core.truth import history_read
    from tests.factories import make_agreement, make_status_change

    agreement = make_agreement(
        slug="ended-by-history", status="in_force", title_vi="HĐ đã chấm dứt", signed_on=datetime.date(2030, 1, 1)
    )  # signed "latest": first on the list and the home page
    make_status_change(agreement=agreement, status="in_force", changed_on=datetime.date(2015, 1, 1))
    make_status_change(agreement=agreement, status="terminated", changed_on=datetime.date(2021, 1, 1))
    assert {c.status for c in history_read(Agreement.objects.get(pk=agreement.pk))} == {"in_force", "terminated"}
    with time_machine.travel(datetime.datetime(2022, 6, 1, 12), tick=False):
        for address in (url("agreements:list"), url("public:home")):
            response = client.get(address)
            html = response.content.decode()
            assert response.status_code == 200
            row = html[html.index("ended-by-history") :][:900]
            assert "status-ended" in row, address


@pytest.mark.django_db
def test_the_map_reads_whole_tables_once_per_data_version(client):
    """map_countries and agreements_per_year are cached under core.counts'
    data version: a second visit reads nothing, a save shows at once."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import make_party

    make_party(country="FR")
    assert client.get(url("public:map")).status_code == 200
    with CaptureQueriesContext(connection) as again:
        assert client.get(url("public:map")).status_code == 200
    assert len(again) == 0
    assert "TV" not in coverage.map_countries()
    make_party(country="TV")
    assert "TV" in coverage.map_countries()
    assert "TV" in coverage.covered_countries()
