"""The period report as a Word document (python-docx), the form ministries
expect: letterhead (our organization's name), title, period, generation date,
page numbers in the footer, one heading per section, tables at the full width
of an A4 page, and the charts.

Charts are drawn as Word tables whose cells are shaded in proportion to each
value, not as pictures: python-docx embeds only raster images, and rendering
the SVG charts to PNG would need cairo (a system library) or matplotlib (tens
of megabytes) on every server. Shaded cells need nothing, print sharply,
stay selectable text (labels in Vietnamese with their diacritics, values), and
can be edited in Word like the rest of the document."""

import datetime
from io import BytesIO

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from organizations.us import own_organization
from workflow.charts import Chart
from workflow.report.content import COUNTING_RULES, PeriodReport, Table, period_report

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PAGE_WIDTH, PAGE_HEIGHT, MARGIN = Cm(21), Cm(29.7), Cm(2)
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN  # 17 cm
BAR_CELLS = 20  # a bar's resolution: one shaded cell per 5 % of the largest value
LABEL_WIDTH, VALUE_WIDTH = Cm(5.5), Cm(1.7)
FONT = "Times New Roman"  # what Vietnamese administrative documents use; has every diacritic


def build_report_docx(*, start: datetime.date, end: datetime.date, language: str) -> bytes:
    """The report for [start, end] as a .docx in ``language`` ("vi" or "en")."""
    with translation.override(language):
        return render_docx(period_report(start=start, end=end), generated_at=timezone.localtime())


def report_filename(start: datetime.date, end: datetime.date, language: str) -> str:
    return f"coopdb-report-{start.isoformat()}-{end.isoformat()}-{language}.docx"


def render_docx(report: PeriodReport, *, generated_at: datetime.datetime) -> bytes:
    """The document of a report already built in the active language."""
    document = Document()
    _page_setup(document)
    organization = own_organization()
    name = organization.name if organization else ""
    title = _("International cooperation, %(period)s") % {"period": report.period_text}
    _letterhead(document, name, title)
    _footer(document)

    heading = document.add_heading(title, level=0)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    intro = document.add_paragraph()
    intro.add_run(_("Period: %(period)s") % {"period": report.period_text}).bold = True
    intro.add_run("\n" + _("Generated on %(day)s") % {"day": formats.date_format(generated_at, "DATE_FORMAT")})
    _rules(document)

    for section in report.sections:
        document.add_heading(str(section.title), level=1)
        _figures(document, section)
        if section.chart:
            _chart(document, section.chart)
        for table in section.tables:
            if table.rows:
                _table(document, table)

    if report.reported:
        document.add_heading(_("Totals stated by the sources"), level=1)
        _stated_table(document, report.reported, dated=True)
    if report.date_unknown or report.stated_date_unknown:
        document.add_heading(_("Date unknown: listed, not counted"), level=1)
        document.add_paragraph(
            _(
                "These records may belong to the period, but nobody has recorded when they happened: "
                "they are not counted in any figure above."
            )
        )
        for group in report.date_unknown:
            document.add_heading(str(group.title), level=2)
            _table(document, Table(group.columns, group.rows, group.more))
        if report.stated_date_unknown:
            document.add_heading(_("Totals stated by sources of unknown date"), level=2)
            _stated_table(document, report.stated_date_unknown, dated=False)

    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- page -----------------------------------------------------------------------------


def _page_setup(document):
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = MARGIN
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(12)
    # East-Asian and complex-script slots too, or Word picks another face for them.
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)
    for style_name in ("Title", "Heading 1", "Heading 2"):
        style = document.styles[style_name]
        style.font.name = FONT
        style.font.color.rgb = RGBColor(0, 0, 0)


def _letterhead(document, organization_name: str, title: str):
    header = document.sections[0].header
    paragraph = header.paragraphs[0]
    run = paragraph.add_run(organization_name.upper())
    run.bold = True
    run.font.size = Pt(11)
    paragraph.add_run("\n" + title).font.size = Pt(9)
    _bottom_border(paragraph)


def _footer(document):
    """ "Page N of M", both numbers Word fields that it fills in when it lays out the pages."""
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    text = _("Page %(page)s of %(pages)s")
    before, rest = text.split("%(page)s", 1)
    middle, after = rest.split("%(pages)s", 1)
    paragraph.add_run(before)
    _field(paragraph, "PAGE")
    paragraph.add_run(middle)
    _field(paragraph, "NUMPAGES")
    paragraph.add_run(after)


def _field(paragraph, instruction: str):
    """A complex field (begin, instruction, separate, placeholder, end)."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run._r.append(begin)
    run = paragraph.add_run()
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    run._r.append(code)
    run = paragraph.add_run()
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run._r.append(separate)
    paragraph.add_run("1")  # shown until Word updates the field
    run = paragraph.add_run()
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(end)


def _bottom_border(paragraph):
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def _rules(document):
    document.add_heading(_("How the figures are counted"), level=2)
    for rule in COUNTING_RULES:
        document.add_paragraph(str(rule), style="List Bullet")


# --- tables -----------------------------------------------------------------------------


def _full_width(table):
    """100 % of the text width, rows not split across pages, header repeated."""
    properties = table._tbl.tblPr
    width = properties.find(qn("w:tblW"))
    if width is None:
        width = OxmlElement("w:tblW")
        properties.append(width)
    width.set(qn("w:type"), "pct")
    width.set(qn("w:w"), "5000")
    table.alignment = WD_TABLE_ALIGNMENT.CENTER


def _header_row(row):
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    properties.append(header)
    for cell in row.cells:
        for paragraph in cell.paragraphs:
            for run in paragraph.runs:
                run.bold = True
        _shade(cell, "D9D9D9")


def _shade(cell, colour: str):
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    cell._tc.get_or_add_tcPr().append(shading)


def _table(document, table: Table):
    grid = document.add_table(rows=1, cols=len(table.columns))
    grid.style = "Table Grid"
    for cell, column in zip(grid.rows[0].cells, table.columns, strict=True):
        cell.text = str(column)
    _header_row(grid.rows[0])
    for values in table.rows:
        cells = grid.add_row().cells
        for index, (cell, value) in enumerate(zip(cells, values, strict=True)):
            cell.text = str(value)
            if index and isinstance(value, int):
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _full_width(grid)
    if table.more:
        document.add_paragraph().add_run(table.more_text).italic = True
    document.add_paragraph()


def _figures(document, section):
    grid = document.add_table(rows=0, cols=2)
    grid.style = "Table Grid"
    for figure in section.figures:
        cells = grid.add_row().cells
        cells[0].text = str(figure.label)
        cells[1].text = f"≥ {figure.value}" if figure.approximate else str(figure.value)
        cells[1].paragraphs[0].runs[0].bold = True
        cells[1].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for stated in section.reported:
        cells = grid.add_row().cells
        cells[0].text = f"{stated.label} — {_stated_by(stated)}"
        cells[1].text = f"{stated.get_qualifier_display()} {stated.value}"
        cells[1].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _shade(cells[0], "F2F2F2")
        _shade(cells[1], "F2F2F2")
    for row in grid.rows:
        row.cells[0].width, row.cells[1].width = TEXT_WIDTH - Cm(3.5), Cm(3.5)
    _full_width(grid)
    document.add_paragraph()


def _stated_by(stated) -> str:
    if stated.as_of:
        return _("stated by the source, as of %(day)s: %(source)s") % {
            "day": formats.date_format(stated.as_of, "DATE_FORMAT"),
            "source": stated.source.title,
        }
    return _("stated by the source: %(source)s") % {"source": stated.source.title}


def _stated_table(document, figures, *, dated: bool):
    columns = [_("What"), _("Figure"), _("As of"), _("Source")] if dated else [_("What"), _("Figure"), _("Source")]
    rows = []
    for stated in figures:
        value = f"{stated.get_qualifier_display()} {stated.value}"
        day = stated.as_of or stated.period_end or stated.source.published_on
        source = str(stated.source.title)
        when = formats.date_format(day, "DATE_FORMAT") if day else "—"
        rows.append([str(stated.label), value, when, source] if dated else [str(stated.label), value, source])
    _table(document, Table(columns, rows))


# --- charts -----------------------------------------------------------------------------


def _chart(document, chart: Chart):
    """One row per bar: its label, BAR_CELLS cells of which a share proportional
    to the value is shaded in the series' colour, and the value."""
    largest = max((bar.value for group in chart.groups for bar in group.bars), default=0) or 1
    grid = document.add_table(rows=0, cols=BAR_CELLS + 2)
    grid.autofit = False
    bar_width = int((TEXT_WIDTH - LABEL_WIDTH - VALUE_WIDTH) / BAR_CELLS)
    for group in chart.groups:
        for index, bar in enumerate(group.bars):
            cells = grid.add_row().cells
            cells[0].text = group.label if index == 0 else ""
            cells[0].width = LABEL_WIDTH
            filled = round(BAR_CELLS * bar.value / largest)
            for position in range(BAR_CELLS):
                cells[1 + position].width = bar_width
                if position < filled:
                    _shade(cells[1 + position], bar.colour.lstrip("#"))
            cells[-1].text = str(bar.value)
            cells[-1].width = VALUE_WIDTH
            for cell in cells:
                for paragraph in cell.paragraphs:
                    for run in paragraph.runs:
                        run.font.size = Pt(10)
    _full_width(grid)
    caption = document.add_paragraph()
    caption.add_run(str(chart.title)).italic = True
    if len(chart.series) > 1:
        caption.add_run(" — " + ", ".join(f"{name} ({_colour_name(colour)})" for name, colour in chart.series))
    document.add_paragraph()


def _colour_name(colour: str) -> str:
    names = {"#0072B2": _("blue"), "#E69F00": _("orange"), "#009E73": _("green"), "#CC79A7": _("pink")}
    return str(names.get(colour, colour))
