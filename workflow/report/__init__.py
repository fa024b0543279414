"""The period report: what the department did between two dates.

* selectors.py — the counting rules, as querysets and database aggregates;
* content.py — the sections (figures, tables, charts), labelled and dated in
  the active language;
* docx.py — the report as a Word document; the HTML page is
  templates/workflow/report.html and the .xlsx workflow/spreadsheets.py.
"""

import datetime

from workflow.report.content import Figure, PeriodReport, Section, Table, period_report

__all__ = ["Figure", "PeriodReport", "Section", "Table", "build_report_docx", "period_report"]


def build_report_docx(*, start: datetime.date, end: datetime.date, language: str) -> bytes:
    """The report for [start, end] as a .docx in ``language`` ("vi" or "en")."""
    from workflow.report.docx import build_report_docx as build  # python-docx only when a document is asked for

    return build(start=start, end=end, language=language)
