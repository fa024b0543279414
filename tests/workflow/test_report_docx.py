"""The period report as a Word document: it opens with python-docx and holds
the report's figures (compared with the selectors'), the letterhead, the
period and the generation date in each language's format, a PAGE field in the
footer, full labels and the charts; the download from the report page."""

import datetime
import zipfile
from io import BytesIO

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from docx import Document

from workflow.report import build_report_docx, period_report, selectors

pytestmark = pytest.mark.usefixtures("seed_data_module")
START, END = datetime.date(2015, 1, 1), datetime.date(2020, 12, 31)
GENERATED = datetime.datetime(2026, 11, 30, 9, 0, tzinfo=datetime.UTC)


def _docx(language: str) -> bytes:
    with time_machine.travel(GENERATED, tick=False):
        return build_report_docx(start=START, end=END, language=language)


def _text(document) -> str:
    """Every paragraph, in the body and in table cells."""
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def _figure_cells(document) -> dict[str, str]:
    """label → value of every figure table (two columns, no header row)."""
    cells = {}
    for table in document.tables:
        if len(table.columns) == 2 and not table._tbl.xpath(".//w:tblHeader"):
            for row in table.rows:
                cells[row.cells[0].text] = row.cells[1].text
    return cells


@pytest.mark.parametrize(
    ("language", "period", "generated"),
    [("en", "1 Jan 2015 – 31 Dec 2020", "Generated on 30 Nov 2026"), ("vi", "01/01/2015 – 31/12/2020", "30/11/2026")],
)
def test_the_docx_opens_and_holds_the_period_and_generation_date(language, period, generated):
    document = Document(BytesIO(_docx(language)))
    text = _text(document)

    assert period in text
    assert generated in text
    section = document.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7
    header = "\n".join(paragraph.text for paragraph in section.header.paragraphs)
    with translation.override(language):
        assert selectors_name().upper() in header  # the letterhead: our organization's name
    assert period in header


def selectors_name() -> str:
    from organizations.models import Organization

    return Organization.objects.get(slug=settings.COOPDB_OWN_ORGANIZATION).name


def test_the_footer_numbers_the_pages_with_a_page_field():
    data = _docx("en")
    with zipfile.ZipFile(BytesIO(data)) as package:
        footers = [package.read(name).decode() for name in package.namelist() if name.startswith("word/footer")]
    assert any("PAGE" in footer and 'w:fldCharType="begin"' in footer for footer in footers)
    assert any("NUMPAGES" in footer for footer in footers)


@pytest.mark.parametrize("language", ["en", "vi"])
def test_the_docx_holds_the_figures_the_selectors_count(language):
    document = Document(BytesIO(_docx(language)))
    figures = _figure_cells(document)
    with translation.override(language):
        report = period_report(start=START, end=END)
        agreements = sum(row["n"] for row in selectors.agreements_by_kind(start=START, end=END))
        chairs = sum(row["n"] for row in selectors.chairs_by_role(start=START, end=END))
        ftas = selectors.fta_counts(start=START, end=END)
        for section in report.sections:
            for figure in section.figures:
                expected = f"≥ {figure.value}" if figure.approximate else str(figure.value)
                assert figures[str(figure.label)] == expected, figure.label
        assert figures[str(report.section("agreements").figures[0].label)] == str(agreements)
        assert figures[str(report.section("chairs").figures[0].label)] == str(chairs) == "4"
        assert figures[str(report.section("ftas").figures[0].label)] == str(ftas["in_force"]) == "13"
        headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
        assert [str(section.title) for section in report.sections] == [
            heading for heading in headings if heading in {str(s.title) for s in report.sections}
        ]


def test_full_labels_and_charts_as_shaded_cells():
    data = _docx("en")
    document = Document(BytesIO(data))
    text = _text(document)

    assert "Memorandum of understanding (MoU)" in text  # the undated MoU's kind, in full
    assert not [line for line in text.splitlines() if line.endswith("…")]  # nothing cut short
    assert "Agreements signed by kind" in text  # a chart's caption
    with zipfile.ZipFile(BytesIO(data)) as package:
        body = package.read("word/document.xml").decode()
    assert 'w:fill="0072B2"' in body  # the bars: cells shaded in the charts' first colour


def test_undated_records_are_listed_apart_in_the_docx():
    text = _text(Document(BytesIO(_docx("en"))))

    assert "Date unknown: listed, not counted" in text
    assert "STAMEQ–Rosstandart MoU" in text
    assert "more than 30" in text  # the stated total of unknown date, listed apart


def test_the_report_page_downloads_the_docx_in_its_language(staff_client):
    staff_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"
    page = staff_client.get(reverse("workflow:report"), {"start": "2015-01-01", "end": "2020-12-31"})
    assert f"{reverse('workflow:report-docx')}?start=2015-01-01&amp;end=2020-12-31" in page.content.decode()

    response = staff_client.get(reverse("workflow:report-docx"), {"start": "2015-01-01", "end": "2020-12-31"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert 'filename="coopdb-report-2015-01-01-2020-12-31-vi.docx"' in response["Content-Disposition"]
    assert "01/01/2015 – 31/12/2020" in _text(Document(BytesIO(response.content)))


def test_the_docx_needs_a_valid_period(staff_client):
    assert staff_client.get(reverse("workflow:report-docx")).status_code == 400
    reversed_period = {"start": "2020-01-01", "end": "2019-01-01"}
    assert staff_client.get(reverse("workflow:report-docx"), reversed_period).status_code == 400


def test_the_docx_is_for_staff_only(client):
    response = client.get(reverse("workflow:report-docx"), {"start": "2015-01-01", "end": "2020-12-31"})
    assert response.status_code == 302 and "/login/" in response["Location"]
