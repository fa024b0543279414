"""Staff in Debian's Chromium: a spreadsheet import with its preview, and the
period report on the seed data (screenshots in test-artifacts/screenshots)."""

import datetime
import re
from io import BytesIO

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from openpyxl import load_workbook

from agreements.models import Agreement
from agreements.resources import AgreementResource
from workflow.report import period_report

pytestmark = pytest.mark.browser
PASSWORD = "staff-browser-test"


@pytest.fixture
def logged_in(page, live_server, transactional_db):
    get_user_model().objects.create_superuser("staff", "staff@example.org", PASSWORD)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "staff")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    return page


def test_the_period_report_on_the_seed_data(logged_in, live_server, seed_data, screenshot):
    page = logged_in
    screenshot("staff-00-admin-index")
    page.locator("#workflow-module a").nth(1).click()  # the period report, linked from the admin index
    page.fill("#id_start", "2015-01-01")
    page.fill("#id_end", "2020-12-31")
    page.locator("form.workflow-filter input[type=submit]").click()
    page.wait_for_selector("#section-ftas")
    screenshot("staff-03-report")

    counted = page.locator("#section-ftas .figure:not(.stated) .value").all_inner_texts()
    assert counted == ["13", "1"]  # in force in the period; RCEP signed, not yet in force
    assert page.locator("#section-ftas .figure.stated .value").inner_text().endswith(" 13")
    assert page.locator("#section-memberships .figure.stated .value").inner_text().endswith(" 14")
    assert page.locator("#section-chairs .figure .value").inner_text() == "4"
    assert page.locator("svg[role=img]").count() >= 4
    page.emulate_media(media="print")
    assert not page.locator("#header").is_visible()
    assert not page.locator(".report-actions").is_visible()
    screenshot("staff-04-report-print")
    assert page.console_errors == []


def _add_rows(workbook_bytes: bytes, rows: list[dict]) -> bytes:
    """What staff do in a spreadsheet program: rows typed under the exported
    headers (labels such as "Loại (mã)"; ``rows`` name them by column), dates
    as date cells."""
    workbook = load_workbook(BytesIO(workbook_bytes))
    sheet = workbook.active
    resource = AgreementResource()
    columns = [resource.column_for_header(cell.value) for cell in sheet[1]]
    for row in rows:
        sheet.append([row.get(column) for column in columns])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_export_add_three_rows_import_with_preview_then_radar_and_report(logged_in, live_server, seed_data, screenshot):
    page = logged_in
    today = timezone.localdate()
    before = period_report(start=datetime.date(2015, 1, 1), end=datetime.date(2020, 12, 31)).figure("agreements")
    existing = Agreement.objects.count()

    page.goto(f"{live_server.url}/admin/agreements/agreement/export/")
    page.select_option("#id_format", "0")  # .xlsx
    with page.expect_download() as download:
        page.locator("#content form input[type=submit]").click()
    exported = download.value.path().read_bytes()

    new_rows = [
        {"slug": "kr-mra-2019", "kind": "mra", "title_vi": "Thỏa thuận thừa nhận lẫn nhau với KATS", "status": "signed",
         "signed_on": datetime.datetime(2019, 9, 5), "parties": "stameq; KR", "visibility": "public",
         "source": "vietq-2020-07-26-htqt-tcdlcl"},
        {"slug": "ru-mou-2020", "kind": "mou", "title_vi": "Bản ghi nhớ về đo lường", "status": "signed",
         "signed_on": datetime.datetime(2020, 3, 2), "valid_until": datetime.datetime.combine(today, datetime.time())
         + datetime.timedelta(days=20), "parties": "stameq; rosstandart", "visibility": "internal",
         "source": "vietq-2020-07-26-htqt-tcdlcl"},
        {"slug": "jp-plan-2021", "kind": "plan", "title_vi": "Kế hoạch hợp tác 2021", "status": "proposed",
         "parties": "stameq; JP", "visibility": "internal", "source": "vietq-2020-07-26-htqt-tcdlcl"},
    ]  # fmt: skip
    page.goto(f"{live_server.url}/admin/agreements/agreement/import/")
    page.select_option("#id_format", "0")
    page.set_input_files("#id_import_file", {"name": "agreements.xlsx", "mimeType": "application/octet-stream",
                                              "buffer": _add_rows(exported, new_rows)})  # fmt: skip
    page.locator("#content form input[type=submit]").click()
    page.wait_for_selector("table.import-preview")
    screenshot("staff-01-import-preview")

    assert page.locator("table.import-preview tr.new").count() == 3
    assert page.locator("table.import-preview tr.skip").count() == existing
    assert Agreement.objects.count() == existing  # a preview writes nothing

    page.locator("input[name=confirm]").click()
    page.wait_for_url(f"{live_server.url}/admin/agreements/agreement/")
    screenshot("staff-02-import-done")
    assert Agreement.objects.count() == existing + 3
    assert set(Agreement.objects.get(slug="kr-mra-2019").parties.values_list("country", flat=True)) == {"", "KR"}

    page.goto(f"{live_server.url}/admin/workflow/radar/?days=30")
    assert page.locator("#radar tr.radar-agreement", has_text="Bản ghi nhớ về đo lường").count() == 1
    screenshot("staff-05-radar")

    page.goto(f"{live_server.url}/admin/workflow/report/?start=2015-01-01&end=2020-12-31")
    signed = page.locator("#section-agreements .figure:not(.stated) .value").first.inner_text()
    assert int(signed) == before + 2  # the 2019 and 2020 rows; the 2021 plan is outside the period
    assert page.console_errors == []


# A4 less the report's @page margins (15 mm each side), in CSS pixels (96 per inch).
A4_PRINTABLE_PX = round((210 - 2 * 15) / 25.4 * 96)


def test_the_period_report_prints_on_a4_at_full_width(logged_in, live_server, seed_data, screenshot):
    """Printed from Chromium: the tables fill the printable width, no label is
    cut short, the page numbers are in the page's margin, and the 2015–2020
    report takes fewer pages than the 9 it took before (8 in the issue)."""
    page = logged_in
    page.goto(f"{live_server.url}/admin/workflow/report/?start=2015-01-01&end=2020-12-31")
    page.wait_for_selector("#section-ftas")
    page.emulate_media(media="print")
    page.set_viewport_size({"width": A4_PRINTABLE_PX, "height": 1100})
    screenshot("staff-05-report-a4")

    widths = page.evaluate(
        "() => [...document.querySelectorAll('.report-table')].map(t => t.getBoundingClientRect().width)"
    )
    assert widths and min(widths) >= 0.9 * A4_PRINTABLE_PX
    cut = page.evaluate(
        """() => [...document.querySelectorAll('.report-document td, .report-document th, .report-document text')]
            .filter(e => e.textContent.trim().endsWith('…') || e.scrollWidth > e.clientWidth + 1)
            .map(e => e.textContent.trim())"""
    )
    assert cut == []
    labels = page.evaluate("() => [...document.querySelectorAll('svg .chart-label')].map(e => e.textContent)")
    assert labels and not [label for label in labels if "…" in label]  # long labels wrap, never cut
    rules = page.evaluate(
        """() => [...document.styleSheets].flatMap(s => { try { return [...s.cssRules] } catch { return [] } })
            .filter(r => r.cssText.startsWith('@page')).map(r => r.cssText).join(' ')"""
    )
    assert "a4" in rules.lower() and "counter(page)" in rules

    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 <= pages < 9, pages
    assert page.console_errors == []


def test_the_dashboard_uses_the_screen_beside_recent_actions(logged_in, live_server):
    """Django's index is 600 px wide; the dashboard's tables of titles and
    dates get the width of the screen, recent actions still beside them."""
    page = logged_in
    page.set_viewport_size({"width": 1366, "height": 900})
    page.reload()
    dashboard = page.locator("#dashboard").bounding_box()
    related = page.locator("#content-related").bounding_box()
    assert dashboard["width"] > 800
    assert dashboard["x"] + dashboard["width"] <= related["x"] <= 1366 - related["width"]
