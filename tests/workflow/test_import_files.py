"""Spreadsheets as they really arrive, through the admin's import page in
Vietnamese: every encoding and separator Excel writes imports the Vietnamese
text exactly; files that are not right get one Vietnamese sentence each,
never a traceback or a server path, and nothing is written. Rows are numbered
as the spreadsheet numbers them; exports are labelled workbooks."""

import codecs
import datetime
import html
import io
import re
import unicodedata

import pytest
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook, load_workbook

from agreements.choices import AgreementKind
from agreements.models import Agreement
from organizations.models import Organization
from tests.factories import make_agreement
from tests.workflow.sheets import GOOD, as_xlsx
from tests.workflow.test_admin_spreadsheets import FORMATS, confirm, export, import_url

HEADER = GOOD["organization"][0]
VIETNAMESE_NAMES = [row[2] for row in GOOD["organization"][1:]]
# What a page must never show: a traceback, a server path, an exception's name.
LEAKS = ("Traceback", 'File "', "/work/", "site-packages", str(settings.BASE_DIR), "BadZipFile", "encountered")


@pytest.fixture(autouse=True)
def _english():
    """Overrides the package's English default: these pages are read in
    Vietnamese (the admin's default language)."""
    with translation.override("vi"):
        yield


def rows_as_text(rows=GOOD["organization"]):
    return [[value.isoformat() if isinstance(value, datetime.date) else value for value in row] for row in rows]


def delimited(rows, delimiter=",") -> str:
    return "\r\n".join(delimiter.join(row) for row in rows_as_text(rows)) + "\r\n"


TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def windows_1258(text: str) -> bytes:
    """As Windows writes Vietnamese in code page 1258: letters it has as
    such, others as a base letter followed by a combining tone mark."""
    out = b""
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONE_MARKS))
            out += (base + "".join(c for c in parts if c in TONE_MARKS)).encode("cp1258")
    return out


def upload(client, model, name, content, file_format="csv", **headers):
    upload_file = SimpleUploadedFile(name, content)
    data = {"resource": "0", "format": FORMATS[file_format], "import_file": upload_file}
    return client.post(import_url(model), data, **headers)


def page_text(response) -> str:
    assert response.status_code == 200
    body = html.unescape(response.content.decode())
    for leak in LEAKS:
        assert leak not in body, leak
    return body


def assert_nothing_written():
    assert Organization.objects.count() == 0
    assert Organization.history.count() == 0


# --- Encodings and separators: the Vietnamese text arrives exactly ---

CSV_FILES = {
    "utf-8": lambda: delimited(GOOD["organization"]).encode("utf-8"),
    "utf-8 with BOM, semicolons (Excel, Vietnamese settings)": lambda: (
        codecs.BOM_UTF8 + delimited(GOOD["organization"], ";").encode("utf-8")
    ),
    "UTF-16 Unicode Text (tabs)": lambda: (
        codecs.BOM_UTF16_LE + delimited(GOOD["organization"], "\t").encode("utf-16-le")
    ),
    "Windows-1258, semicolons": lambda: windows_1258(delimited(GOOD["organization"], ";")),
    "utf-8, tabs": lambda: delimited(GOOD["organization"], "\t").encode("utf-8"),
}


@pytest.mark.parametrize("kind", list(CSV_FILES))
def test_every_csv_excel_writes_imports_the_vietnamese_text_exactly(editor_client, vietq, kind):
    content = CSV_FILES[kind]()

    page = upload(editor_client, Organization, "to-chuc.csv", content)

    body = page_text(page)
    assert page.context["confirm_form"] is not None, body
    assert body.count('<tr class="new">') == 3
    assert_nothing_written()  # a preview writes nothing
    done = confirm(editor_client, Organization, page)
    assert done.status_code == 302
    stored = sorted(Organization.objects.values_list("name_vi", flat=True))
    assert stored == sorted(VIETNAMESE_NAMES)
    assert all(unicodedata.is_normalized("NFC", name) for name in stored)
    assert Organization.objects.get(slug="apo").founded_on == datetime.date(1961, 5, 11)


def test_a_windows_1258_file_is_not_taken_for_windows_1252(editor_client, vietq):
    # A short file: the detector alone cannot tell the two code pages apart.
    rows = [HEADER, ["iso", "ISO", "Tổ chức Tiêu chuẩn hóa Quốc tế", "", "international", "", "", "", "", "vietq"]]
    confirm(editor_client, Organization, upload(editor_client, Organization, "iso.csv", windows_1258(delimited(rows))))

    assert Organization.objects.get().name_vi == "Tổ chức Tiêu chuẩn hóa Quốc tế"


def test_a_windows_1252_file_keeps_its_accents(editor_client, vietq):
    rows = [
        HEADER,
        ["afnor", "AFNOR", "Association française", "Société française", "national_body", "", "FR", "", "", "vietq"],
    ]
    page = upload(editor_client, Organization, "afnor.csv", delimited(rows, ";").encode("cp1252"))
    confirm(editor_client, Organization, page)

    afnor = Organization.objects.get()
    assert (afnor.name_vi, afnor.name_en) == ("Association française", "Société française")


def test_the_success_message_is_vietnamese(editor_client, vietq):
    done = confirm(editor_client, Organization, upload(editor_client, Organization, "a.csv", CSV_FILES["utf-8"]()))

    followed = page_text(editor_client.get(done.url))
    assert "Đã nhập xong: 3 mới, 0 thay đổi, 0 không đổi (tổ chức)." in followed
    assert "Import finished" not in followed
    apo = Organization.objects.get(slug="apo")
    assert LogEntry.objects.get(object_id=str(apo.pk)).change_message == "Thêm bằng cách nhập bảng tính."


# --- Files that cannot be imported: one Vietnamese sentence, nothing written ---


def pdf_bytes() -> bytes:
    return b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def header_only_xlsx() -> bytes:
    return as_xlsx([HEADER])


BAD_FILES = {
    "PDF renamed .xlsx": (
        "bang.xlsx",
        pdf_bytes,
        "xlsx",
        "Tệp này là tệp PDF, không phải bảng tính: hãy lưu từ Excel thành .xlsx hoặc .csv.",
    ),
    "damaged .xlsx": (
        "bang.xlsx",
        lambda: b"PK\x03\x04 not really a zip",
        "xlsx",
        "Tệp này không phải là bảng tính Excel (.xlsx)",
    ),
    "empty .csv": ("trong.csv", lambda: b"", "csv", "Tệp trống: không có dòng tiêu đề và không có dữ liệu."),
    "empty .xlsx": ("trong.xlsx", lambda: b"", "xlsx", "Tệp trống: không có dòng tiêu đề và không có dữ liệu."),
    "empty workbook": ("trong.xlsx", lambda: as_xlsx([]), "xlsx", "Tệp trống"),
    "header-only .csv": (
        "tieu-de.csv",
        lambda: delimited([HEADER], ";").encode("utf-8-sig"),
        "csv",
        "Tệp chỉ có dòng tiêu đề, không có dòng dữ liệu nào để nhập.",
    ),
    "header-only .xlsx": (
        "tieu-de.xlsx",
        header_only_xlsx,
        "xlsx",
        "Tệp chỉ có dòng tiêu đề, không có dòng dữ liệu nào để nhập.",
    ),
    "missing key column (semicolon CSV)": (
        "thieu-khoa.csv",
        lambda: delimited([row[1:] for row in GOOD["organization"]], ";").encode("utf-8-sig"),
        "csv",
        "Thiếu cột khóa: “slug”. Các dòng được đối chiếu theo những cột này; hãy thêm chúng vào dòng tiêu đề (dòng 1).",
    ),
    "missing required column": (
        "thieu.xlsx",
        lambda: as_xlsx([[v for i, v in enumerate(row) if i != 2] for row in GOOD["organization"]]),
        "xlsx",
        "Thiếu cột bắt buộc: “name_vi”.",
    ),
    "unknown column": (
        "la.csv",
        lambda: delimited([HEADER[:3] + ["ten_tieng_anh"] + HEADER[4:], *GOOD["organization"][1:]]).encode(),
        "csv",
        "Cột không xác định: “ten_tieng_anh”. Bảng này đọc các cột: “slug”",
    ),
    "xlsx chosen as csv": ("bang.csv", lambda: as_xlsx(GOOD["organization"]), "csv", "Tệp này là bảng tính Excel"),
    "a column with data but no header": (
        "cot.csv",
        lambda: delimited([[*HEADER, ""], [*rows_as_text()[1], "?"]]).encode(),
        "csv",
        "Cột K có giá trị ở dòng 2 nhưng không có tiêu đề",
    ),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_a_file_that_cannot_be_imported_gets_one_vietnamese_sentence(editor_client, vietq, case):
    name, content, file_format, message = BAD_FILES[case]

    body = page_text(upload(editor_client, Organization, name, content(), file_format))

    assert message in body
    assert "Xác nhận nhập" not in body and 'name="confirm"' not in body  # nothing to confirm
    assert_nothing_written()


def test_the_same_problem_is_said_in_english_in_the_english_admin(editor_client, vietq):
    content = delimited([HEADER]).encode()

    editor_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the admin's language switcher

    body = page_text(upload(editor_client, Organization, "h.csv", content))

    assert "The file has a header row but no data rows to import." in body
    assert_nothing_written()


# --- Row errors: numbered as the spreadsheet, shown on the page, empty cells empty ---


def row_errors(body: str, line: int) -> str:
    match = re.search(rf'<td class="line">{line}</td>\s*<td class="errors">(.*?)</td>', body, re.S)
    assert match, f"no errors shown for line {line}"
    return match.group(1)


def test_an_error_on_spreadsheet_line_n_is_reported_on_line_n_in_xlsx(editor_client, vietq):
    good = GOOD["organization"]
    bad = ["bad", "BAD", "Tổ chức sai", None, "planet", None, None, None, None, "vietq"]
    workbook = Workbook()
    sheet = workbook.active
    for row in [good[0], good[1], [], good[2], [], [], bad]:  # the bad row is Excel's line 7
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)

    body = page_text(upload(editor_client, Organization, "dong.xlsx", buffer.getvalue(), "xlsx"))

    errors = row_errors(body, 7)
    assert "planet" in errors and "<code>kind</code>" in errors
    assert "<strong>Loại</strong>" in errors  # the column's label, in Vietnamese
    assert "validation-error-container" not in body  # not hidden behind a hover badge
    invalid_row = body[body.index('<td class="line">7</td>') :].split("</tr>")[0]
    assert "None" not in invalid_row
    assert "<td></td>" in invalid_row  # an empty cell is shown empty
    assert_nothing_written()


def test_an_error_on_spreadsheet_line_n_is_reported_on_line_n_in_csv(editor_client, vietq):
    text = delimited(GOOD["organization"][:3]) + "\r\n" + "bad,BAD,Sai,,national_body,,ZZ,30/02/2020,,vietq\r\n"

    body = page_text(upload(editor_client, Organization, "dong.csv", text.encode()))

    errors = row_errors(body, 5)  # header, two rows, a blank line, then the bad one
    assert "30/02/2020" in errors and "ZZ" in errors
    assert '<td class="line">4</td>' not in body
    assert_nothing_written()


def test_the_preview_numbers_rows_as_the_spreadsheet_and_shows_empty_cells_empty(editor_client, vietq):
    body = page_text(upload(editor_client, Organization, "a.xlsx", as_xlsx(GOOD["organization"]), "xlsx"))

    assert [int(n) for n in re.findall(r'<td class="line">(\d+)</td>', body)] == [2, 3, 4]
    preview = body[body.index('<table class="import-preview">') :]
    assert "None" not in preview


# --- Exports: a labelled workbook with date cells, the codes explained ---


def test_an_xlsx_export_is_a_labelled_workbook_with_date_cells(editor_client, vietq):
    make_agreement(kind="mou", short_title_vi="MoU Nga", signed_on=datetime.date(2019, 7, 1), source=vietq)

    response = export(editor_client, Agreement, file_format="xlsx")

    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "Thỏa thuận"
    headers = [cell.value for cell in sheet[1]]
    row = dict(zip(headers, [cell for cell in sheet[2]], strict=True))
    assert row["Tên viết tắt (Tiếng Việt)"].value == "MoU Nga"
    assert "Short Title Vi" not in headers and "short_title_vi" not in headers
    signed = row["Ngày ký"]
    assert signed.is_date and signed.value.date() == datetime.date(2019, 7, 1)
    assert row["Loại (mã)"].value == "mou"
    assert headers.index("Loại (diễn giải)") == headers.index("Loại (mã)") + 1
    with translation.override("vi"):
        assert row["Loại (diễn giải)"].value == str(AgreementKind("mou").label)


def test_the_export_page_names_columns_by_their_labels(editor_client):
    url = reverse("admin:agreements_agreement_export")

    body = page_text(editor_client.get(url))

    assert "Tên viết tắt (Tiếng Việt) — short_title_vi" in body
    assert "Short Title Vi" not in body


def test_a_labelled_export_imports_back_unchanged(editor_client, vietq):
    confirm(editor_client, Organization, upload(editor_client, Organization, "a.csv", CSV_FILES["utf-8"]()))
    exported = export(editor_client, Organization, file_format="xlsx").content
    assert "Tên (Tiếng Việt)" in [cell.value for cell in load_workbook(io.BytesIO(exported)).active[1]]

    body = page_text(upload(editor_client, Organization, "export.xlsx", exported, "xlsx"))

    assert body.count('<tr class="skip">') == 3


# --- Templates: notes in Vietnamese, required marks right ---


def test_the_template_notes_are_vietnamese_and_mark_title_vi_required(editor_client):
    response = editor_client.get(reverse("workflow:import-template", args=["agreement"]))

    notes = {row[0]: row for row in load_workbook(io.BytesIO(response.content))["notes"].iter_rows(values_only=True)}
    assert notes["title_vi"][1] == "có" and notes["title_en"][1] == "không"
    assert "Một trong các giá trị: mou = " in notes["kind"][2]
    assert "One of" not in notes["kind"][2]
    assert notes["title_vi"][2].startswith("Tiêu đề (Tiếng Việt)")


# --- The import and export pages speak Vietnamese ---

ENGLISH_UI = (
    "File to import",
    "Submit",
    "This importer will import",
    "This exporter will export",
    "Select all",
    "Resource",
    "Format",
    "Preview",
    "Confirm import",
    "Below is a preview",
    "New",
    "Skipped",
    "Line number",
    "Errors",
    "Some rows failed",
    "Import finished",
    "Short Title",
)


def visible_text(body: str) -> str:
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    return re.sub(r"<[^>]+>", " ", body)


@pytest.mark.parametrize(
    "page",
    ["import form", "export form", "preview", "row errors", "file error"],
)
def test_the_import_and_export_pages_show_no_english(editor_client, vietq, page):
    bad_row = ["bad", "BAD", "Sai", "", "planet", "", "", "", "", "vietq"]
    responses = {
        "import form": lambda: editor_client.get(import_url(Organization)),
        "export form": lambda: editor_client.get(reverse("admin:agreements_agreement_export")),
        "preview": lambda: upload(editor_client, Organization, "a.csv", CSV_FILES["utf-8"]()),
        "row errors": lambda: upload(editor_client, Organization, "b.csv", delimited([HEADER, bad_row]).encode()),
        "file error": lambda: upload(editor_client, Organization, "c.xlsx", pdf_bytes(), "xlsx"),
    }

    text = visible_text(page_text(responses[page]()))

    found = [phrase for phrase in ENGLISH_UI if re.search(rf"\b{re.escape(phrase)}\b", text)]
    assert not found, found
