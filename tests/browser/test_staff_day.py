"""Issue #15's "done when", walked in Debian's Chromium as the department's
staff would, in the Vietnamese admin, with two-factor log-in on (as in
production) and the clock frozen on Friday 6 March 2026:

1. an Editor logs in and starts the day on the dashboard (overdue, due soon,
   waiting for review, my assignments, each one click from its record);
2. types a dues amount and due date the Vietnamese way, then marks the year
   2026's dues paid in one bulk action with a typed day-first date;
3. makes an internal agreement public: it waits for review, invisible to the
   public site and the API, until a Publisher approves it with a comment
   (and the year's public dues, one request per row, in one action);
4. reads the agreement's full history (labels, its parts, the approval);
5. downloads the 2015–2020 report as .docx and prints it to an A4 PDF.

Screenshots of each step land in test-artifacts/screenshots/day-*.png."""

import datetime
import re
import time
from decimal import Decimal
from io import BytesIO

import pytest
import time_machine
from django.contrib.auth.models import Group, User
from django.utils import translation
from django_otp.plugins.otp_totp.models import TOTPDevice
from docx import Document

from agreements.models import Agreement
from organizations.models import Dues, Membership, Organization
from tests.conftest import SCREENSHOT_DIR
from tests.factories import make_agreement, make_commitment, make_organization, make_party, make_person
from tests.security.test_otp import token
from workflow.dashboard import split_radar
from workflow.models import PublicationRequest
from workflow.report import period_report, selectors
from workflow.report.docx import BAR_CELLS
from workflow.selectors import radar_items

pytestmark = pytest.mark.browser

# Friday 6 March 2026, 09:00 in Hà Nội.
NOW = datetime.datetime(2026, 3, 6, 2, 0, tzinfo=datetime.UTC)
TODAY = datetime.date(2026, 3, 6)
PASSWORD = "a-long-test-password-15"
REPORT_START, REPORT_END = datetime.date(2015, 1, 1), datetime.date(2020, 12, 31)
A4_WIDTH_PX = 794  # 210 mm at 96 px per inch


@pytest.fixture
def frozen_clock():
    # tick: the live server and Chromium's waits still see time pass.
    with time_machine.travel(NOW, tick=True):
        yield


@pytest.fixture
def two_factor(settings):
    settings.COOPDB_STAFF_OTP_REQUIRED = True


def staff_member(username: str, group: str, email: str) -> TOTPDevice:
    user = User.objects.create_user(username, email=email, password=PASSWORD, is_staff=True, first_name="Lan")
    user.groups.add(Group.objects.get(name=group))
    return TOTPDevice.objects.create(user=user, name="điện thoại", confirmed=True)


def log_in(page, base: str, device: TOTPDevice):
    """The real log-in form: password and the six-digit code of the phone app."""
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", device.user.username)
    page.fill("#id_password", PASSWORD)
    page.fill("#id_otp_token", token(device))
    page.click("input[type=submit]")
    page.wait_for_url(f"{base}/admin/")


def shot(page, name: str):
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT_DIR / f"day-{name}.png"), full_page=True)


def type_into(page, selector: str, text: str):
    """Typed key by key, as a person does (not pasted into the field)."""
    field = page.locator(selector)
    field.fill("")
    field.press_sequentially(text)


# --- the registry on the morning of 6 March 2026 --------------------------------------------


def morning_records(stameq: Organization, editor_email: str) -> dict:
    """The seed data plus this year's work: 2026 dues (three public, overdue
    since 28 February; one internal, due end of March), a commitment assigned
    to the Editor, overdue, and an internal MoU not yet published."""
    public_dues = [
        Dues.objects.create(membership=m, year=2026, due_on=datetime.date(2026, 2, 28), source=m.source)
        for m in Membership.objects.filter(member=stameq, organization__acronym__in=["APO", "ISO", "IEC"])
    ]
    accsq = Membership.objects.get(member=stameq, organization__acronym="ACCSQ")
    internal_dues = Dues.objects.create(
        membership=accsq, year=2026, due_on=datetime.date(2026, 3, 31), visibility="internal", source=accsq.source
    )
    me = make_person(full_name="Nguyễn Thị Lan", email=editor_email.upper(), unit=None)
    partner = make_organization(acronym="DSM", name_vi="Cục Tiêu chuẩn và Đo lường Lào", kind="national_body")
    mou = make_agreement(
        slug="stameq-dsm-mou-2026",
        kind="mou",
        title_vi="Bản ghi nhớ hợp tác về tiêu chuẩn và đo lường giữa STAMEQ và DSM",
        visibility="internal",
    )
    make_party(agreement=mou, organization=stameq)
    make_party(agreement=mou, organization=partner)
    assignment = make_commitment(
        title_vi="Gửi báo cáo thực hiện cam kết TBT", deadline=datetime.date(2026, 3, 4), responsible_person=me
    )
    return {"public_dues": public_dues, "internal_dues": internal_dues, "mou": mou, "assignment": assignment}


# --- 1. the dashboard ---------------------------------------------------------------------


def start_the_day(page, base: str, records: dict, facts: dict):
    overdue, within_7, within_30 = split_radar(items=radar_items(today=TODAY, days=30), today=TODAY)
    counts = {"overdue": len(overdue), "within-7": len(within_7), "within-30": len(within_30)}
    assert page.locator("html").get_attribute("lang") == "vi"
    for section, count in counts.items():
        caption = page.locator(f"#dashboard-{section} caption").inner_text()
        assert caption.endswith(f"({count})"), (section, caption)
    overdue_table = page.locator("#dashboard-overdue")
    for dues in records["public_dues"]:
        assert overdue_table.locator(f"a[href$='/organizations/dues/{dues.pk}/change/']").count() == 1
    assert "Nothing waits" not in page.locator("#dashboard-review").inner_text()  # Vietnamese, not English
    assignments = page.locator("#dashboard-assignments")
    assert "Gửi báo cáo thực hiện cam kết TBT" in assignments.inner_text()
    assert words_kept_whole(page, "#dashboard a, #workflow-module a, #dashboard-figures td") == []
    shot(page, "01-dashboard")
    # One click from the dashboard to the record.
    assignments.get_by_role("link", name=re.compile("Gửi báo cáo")).click()
    page.wait_for_url(re.compile(rf"/admin/agreements/commitment/{records['assignment'].pk}/change/$"))
    assert page.locator("#id_title_vi").input_value() == "Gửi báo cáo thực hiện cam kết TBT"
    facts["dashboard"] = counts


def words_kept_whole(page, selector: str) -> list[str]:
    """Texts squeezed to a few letters a line ("Th / eo / dõi", "1 / 4"):
    those drawn on more lines than they have words."""
    return page.evaluate(
        """(selector) => [...document.querySelectorAll(selector)].filter(el => {
             const range = document.createRange();
             range.selectNodeContents(el);
             return range.getClientRects().length > el.textContent.trim().split(/\\s+/).length;
           }).map(el => el.textContent.trim())""",
        selector,
    )


# --- 2. dues -----------------------------------------------------------------------------------


def type_dues_the_vietnamese_way(page, base: str, dues: Dues):
    """Amount with dots between thousands, due date day first; then a number
    that could be read two ways and an impossible date are refused."""
    url = f"{base}/admin/organizations/dues/{dues.pk}/change/"
    page.goto(url)
    type_into(page, "#id_amount", "1.234.567")
    page.select_option("#id_currency", "VND")
    type_into(page, "#id_due_on", "10/03/2026")
    page.click("input[name=_continue]")
    page.wait_for_url(url)
    dues.refresh_from_db()
    assert (dues.amount, dues.currency, dues.due_on) == (Decimal("1234567"), "VND", datetime.date(2026, 3, 10))
    assert page.locator("#id_amount").input_value() == "1234567,00"  # read back the Vietnamese way
    assert page.locator("#id_due_on").input_value() == "10/03/2026"
    shot(page, "02-dues-typed")

    stored = dues.history.count()
    type_into(page, "#id_amount", "1.234")  # 1234 or 1,234? refused, not guessed
    type_into(page, "#id_due_on", "31/02/2026")
    page.click("input[name=_continue]")
    page.wait_for_selector(".errornote")
    assert page.locator(".field-amount .errorlist").count() == 1
    assert page.locator(".field-due_on .errorlist").count() == 1
    shot(page, "03-dues-refused")
    dues.refresh_from_db()
    assert (dues.amount, dues.due_on, dues.history.count()) == (Decimal("1234567"), datetime.date(2026, 3, 10), stored)


def mark_the_years_dues_paid(page, base: str, records: dict, facts: dict):
    page.goto(f"{base}/admin/organizations/dues/")
    page.locator("#changelist-filter").get_by_role("link", name="2026", exact=True).click()
    page.wait_for_url(re.compile(r"year=2026"))
    rows = page.locator("#result_list tbody tr")
    assert rows.count() == 4
    page.check("#action-toggle")
    page.select_option("select[name=action]", "mark_dues_paid")
    page.click("button[name=index]")
    page.wait_for_selector("#id_paid_on")
    assert page.locator("#bulk-rows li").count() == 4
    assert page.locator(".datetimeshortcuts .date-icon").bounding_box()["width"] > 0  # the calendar, drawn
    type_into(page, "#id_paid_on", "05/03/2026")  # 5 March, day first (3 May would be in the future)
    shot(page, "04-dues-confirm")
    page.locator(".bulk-confirm input[type=submit], input[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/admin/organizations/dues/"))
    messages = page.locator("ul.messagelist").inner_text()
    shot(page, "05-dues-marked")

    internal = records["internal_dues"]
    internal.refresh_from_db()
    assert internal.paid_on == datetime.date(2026, 3, 5)
    latest = internal.history.latest("history_date")
    assert (latest.history_user.username, latest.paid_on) == ("bien.tap", datetime.date(2026, 3, 5))
    assert "hàng loạt" in latest.history_change_reason.lower() or "bulk" in latest.history_change_reason.lower()
    held = PublicationRequest.objects.filter(status="pending", kind="values")
    assert held.count() == 3
    assert {r.submission["values"]["paid_on"] for r in held} == {"2026-03-05"}
    for dues in records["public_dues"]:
        dues.refresh_from_db()
        assert dues.paid_on is None  # the public sees the payment once a publisher approves it
    facts["dues"] = {"selected": 4, "applied": 1, "held": 3, "messages": messages}


# --- 3. publication review ------------------------------------------------------------------


def submit_the_agreement(page, base: str, mou: Agreement):
    url = f"{base}/admin/agreements/agreement/{mou.pk}/change/"
    page.goto(url)
    # Its signature: a status step, saved at once (the public cannot see the record yet).
    page.locator("#status_changes-group .add-row a").click()
    row = page.locator("#status_changes-group tr.form-row.dynamic-status_changes").last
    row.locator("select[name$='-status']").select_option("signed")
    row.locator("input[name$='-changed_on']").press_sequentially("20/02/2026")
    page.click("input[name=_continue]")
    page.wait_for_url(url)
    assert mou.status_changes.get().changed_on == datetime.date(2026, 2, 20)
    # Now public: this waits for a publisher.
    page.select_option("#id_visibility", "public")
    page.click("input[name=_continue]")
    page.wait_for_url(url)
    assert "chờ" in page.locator("ul.messagelist").inner_text()  # "waits for a publisher's review"
    shot(page, "06-agreement-submitted")
    mou.refresh_from_db()
    assert mou.visibility == "internal"
    page.goto(f"{base}/admin/")
    review = page.locator("#dashboard-review")
    assert mou.title_vi in review.inner_text()


def public_sees(chromium, base: str, mou: Agreement) -> tuple[int, int]:
    """(public page status, API status) for an anonymous visitor (a browser
    context with no session)."""
    anonymous = chromium.new_context(locale="vi-VN")
    try:
        page_status = anonymous.new_page().goto(f"{base}/vi/agreements/{mou.slug}/").status
        api_status = anonymous.request.get(f"{base}/api/v1/agreements/{mou.pk}/").status
    finally:
        anonymous.close()
    return page_status, api_status


def approve_as_publisher(chromium, base: str, device: TOTPDevice, mou: Agreement, records: dict, facts: dict):
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    try:
        log_in(page, base, device)
        review = page.locator("#dashboard-review")
        assert review.locator("tr").count() == 4  # the MoU and the three dues
        shot(page, "07-publisher-dashboard")
        review.get_by_role("link", name=mou.title_vi).click()
        page.wait_for_selector("#proposed-changes")
        proposal = page.locator("#proposed-changes tbody tr", has_text="Phạm vi công khai")
        assert proposal.locator("td").all_inner_texts() == ["Nội bộ", "Công khai"]  # now, then proposed
        page.fill("#id_decision_comment", "Đã đối chiếu với bản ký ngày 20/02/2026")
        shot(page, "08-publisher-request")
        page.get_by_role("button", name=re.compile("Duyệt|Approve")).click()
        page.wait_for_selector("ul.messagelist")
        facts["approval_message"] = page.locator("ul.messagelist").inner_text()
        approve_the_dues_together(page, base, facts)
    finally:
        context.close()


def approve_the_dues_together(page, base: str, facts: dict):
    """The year's dues: one request per row, approved in one action."""
    page.goto(f"{base}/admin/workflow/publicationrequest/?status__exact=pending")
    assert page.locator("#result_list tbody tr").count() == 3
    page.check("#action-toggle")
    page.select_option("select[name=action]", "approve_requests")
    page.click("button[name=index]")
    type_into(page, "#id_comment", "Đã nhận giấy báo có của ngân hàng")
    shot(page, "09-publisher-approves-dues")
    page.locator("#content-main input[type=submit]").click()
    page.wait_for_selector("ul.messagelist li.success")
    facts["dues_approval_message"] = page.locator("ul.messagelist").inner_text()
    assert "Đã duyệt 3 đề nghị" in facts["dues_approval_message"]


# --- 4. history ----------------------------------------------------------------------------


def read_the_history(page, base: str, mou: Agreement, facts: dict):
    page.goto(f"{base}/admin/agreements/agreement/{mou.pk}/history/")
    own = page.locator("#change-history").inner_text()
    parts = page.locator("#child-history").inner_text()
    shot(page, "10-history")
    assert "None" not in own + parts
    assert "internal" not in own and "public" not in own  # codes
    assert "Nội bộ" in own and "Công khai" in own  # visibility labels
    assert "bien.tap" in parts and "Đã ký" in parts  # the editor's signature step
    assert not re.search(r":\s*—\s*→\s*—\s*$", own + parts, re.MULTILINE)  # "— → —" is no change
    approval = PublicationRequest.objects.get(record_id=mou.pk, status="approved")
    approved_row = page.locator("#change-history tbody tr", has_text=f"Đã duyệt công bố (đề nghị số {approval.pk})")
    assert approved_row.count() == 1 and "xuat.ban" in approved_row.inner_text()
    assert "Nội bộ" in approved_row.inner_text() and "Công khai" in approved_row.inner_text()
    facts["history"] = {"own_rows": page.locator("#change-history tbody tr").count(), "part_rows": 0}
    facts["history"]["part_rows"] = page.locator("#child-history tbody tr").count()


# --- 5. the report ----------------------------------------------------------------------------


def figure_cells(document) -> dict[str, str]:
    """label → value of every figure table (two columns, no header row)."""
    cells = {}
    for table in document.tables:
        if len(table.columns) == 2 and not table._tbl.xpath(".//w:tblHeader"):
            for row in table.rows:
                cells[row.cells[0].text] = row.cells[1].text
    return cells


def download_the_report(page, base: str, facts: dict):
    page.goto(f"{base}/admin/")
    page.locator("#workflow-module").get_by_role("link", name=re.compile("Báo cáo")).click()
    page.get_by_role("link", name="2015–2020").click()
    page.wait_for_selector("#section-ftas")
    shot(page, "11-report")
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile(r"\.docx")).click()
    assert download.value.suggested_filename == "coopdb-report-2015-01-01-2020-12-31-vi.docx"
    document = Document(BytesIO(download.value.path().read_bytes()))
    cells = figure_cells(document)
    with translation.override("vi"):
        report = period_report(start=REPORT_START, end=REPORT_END)
        for section in report.sections:
            for figure in section.figures:
                expected = f"≥ {figure.value}" if figure.approximate else str(figure.value)
                assert cells[str(figure.label)] == expected, figure.label
        in_force = selectors.fta_counts(start=REPORT_START, end=REPORT_END)["in_force"]
        assert cells[str(report.section("ftas").figures[0].label)] == str(in_force)
    text = "\n".join(p.text for p in document.paragraphs)
    assert "01/01/2015 – 31/12/2020" in text and "06/03/2026" in text
    # The charts: a grid of BAR_CELLS + 2 columns each, its title under it (an all-zero chart has no shading).
    charts = [section.chart for section in report.sections if section.chart is not None]
    grids = [table for table in document.tables if len(table.columns) == BAR_CELLS + 2]
    captions = [p.text for p in document.paragraphs if p.runs and p.runs[0].italic]
    assert len(grids) == len(charts) and all(any(c.startswith(chart.title) for c in captions) for chart in charts)
    charts = len(grids)
    facts["docx"] = {
        "tables": len(document.tables),
        "charts": charts,
        "figures": sum(len(section.figures) for section in report.sections),
        "headings": sum(p.style.name.startswith("Heading") for p in document.paragraphs),
        "fta_in_force": in_force,
    }


def print_the_report(page, facts: dict):
    page.emulate_media(media="print")
    page.set_viewport_size({"width": A4_WIDTH_PX, "height": 1123})
    truncated = page.evaluate(
        """() => [...document.querySelectorAll(`.report-document th, .report-document td,
                   .report-document .label, .report-document text`)]
             .filter(el => el.scrollWidth > el.clientWidth + 1 || getComputedStyle(el).textOverflow === 'ellipsis')
             .map(el => el.textContent.trim())"""
    )
    assert truncated == []
    # The charts' labels and values lie inside their drawing (an SVG clips what
    # does not): whole across; up and down, within the font's line box slack.
    clipped = page.evaluate(
        """() => [...document.querySelectorAll('.report-document svg text')].filter(text => {
             const box = text.getBBox(), view = text.ownerSVGElement.viewBox.baseVal, slack = 3;
             return box.x < 0 || box.x + box.width > view.width
               || box.y < -slack || box.y + box.height > view.height + slack;
           }).map(text => text.textContent.trim())"""
    )
    assert clipped == []
    assert not page.locator(".report-actions").is_visible()
    shot(page, "12-report-print")
    pdf = page.pdf(format="A4", print_background=True)
    pages = len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))
    # Every page A4 (595.3 × 841.9 points), to Chromium's rounding to whole pixels.
    for box in re.findall(rb"/MediaBox\s*\[([^\]]+)\]", pdf):
        width, height = (float(n) for n in box.split()[2:])
        assert abs(width - 595.3) < 1.5 and abs(height - 841.9) < 1.5, box
    assert 1 <= pages <= 8, pages
    facts["pdf"] = {"pages": pages, "bytes": len(pdf)}
    (SCREENSHOT_DIR / "day-13-report.pdf").write_bytes(pdf)


# --- the day ----------------------------------------------------------------------------------


def test_a_staff_members_day(live_server, seed_data, chromium, page, frozen_clock, two_factor):
    started = time.monotonic()
    base = live_server.url
    page.set_default_timeout(15_000)
    editor = staff_member("bien.tap", "Editors", "lan.nguyen@stameq.gov.vn")
    publisher = staff_member("xuat.ban", "Publishers", "ha.tran@stameq.gov.vn")
    records = morning_records(seed_data, editor.user.email)
    facts: dict = {}

    log_in(page, base, editor)
    start_the_day(page, base, records, facts)
    type_dues_the_vietnamese_way(page, base, records["internal_dues"])
    mark_the_years_dues_paid(page, base, records, facts)

    mou = records["mou"]
    submit_the_agreement(page, base, mou)
    assert public_sees(chromium, base, mou) == (404, 404)
    approve_as_publisher(chromium, base, publisher, mou, records, facts)
    assert public_sees(chromium, base, mou) == (200, 200)
    mou.refresh_from_db()
    assert mou.visibility == "public"
    for dues in records["public_dues"]:
        dues.refresh_from_db()
        assert dues.paid_on == datetime.date(2026, 3, 5)

    read_the_history(page, base, mou, facts)
    download_the_report(page, base, facts)
    print_the_report(page, facts)
    assert page.console_errors == []
    facts["seconds"] = round(time.monotonic() - started, 1)
    print("\nWHAT EACH STEP SHOWS:", facts)
