"""Workbooks the staff download: an import template per importable model and
the period report. Written with openpyxl (already required by
django-import-export's .xlsx support)."""

from io import BytesIO

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _
from import_export.widgets import ForeignKeyWidget
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from agreements.resources import (
    PARTY_SEPARATOR,
    AgreementPartyResource,
    AgreementResource,
    AgreementStatusChangeResource,
    CommitmentResource,
)
from core.models import ChildRecord
from core.resources import (
    ReportedFigureResource,
    SourceResource,
    field_label,
)
from core.widgets import BooleanWidget, ChoiceWidget, DateWidget, DecimalWidget, IntegerWidget
from events.resources import DelegationMemberResource, DelegationResource, EventResource, InitiativeResource
from organizations.resources import (
    BallotResource,
    DuesResource,
    MembershipResource,
    OfficeResource,
    OrganizationResource,
    PersonResource,
)

# model_name -> resource: what the admin imports, in the order a new registry
# is filled (a sheet may only name records of the sheets before it).
IMPORTABLE = {
    resource._meta.model._meta.model_name: resource
    for resource in (
        SourceResource,
        OrganizationResource,
        PersonResource,
        MembershipResource,
        DuesResource,
        OfficeResource,
        BallotResource,
        AgreementResource,
        AgreementPartyResource,
        AgreementStatusChangeResource,
        CommitmentResource,
        EventResource,
        DelegationResource,
        DelegationMemberResource,
        InitiativeResource,
        ReportedFigureResource,
    )
}
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="417690")  # the admin's blue


def workbook_bytes(workbook: Workbook) -> bytes:
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def import_template(resource_class) -> Workbook:
    """An empty "data" sheet with the import headers (the sheet the import
    reads) and a "notes" sheet explaining each column with an example."""
    resource = resource_class()
    model = resource._meta.model
    columns = resource.get_import_fields()
    workbook = Workbook()
    data = workbook.active
    data.title = "data"
    data.append([field.column_name for field in columns])
    _style_header_row(data, 1)
    data.freeze_panes = "A2"
    notes = workbook.create_sheet("notes")
    notes.append([_("Column"), _("Required"), _("What to write"), _("Example")])
    _style_header_row(notes, 1)
    for field in columns:
        notes.append(
            [
                field.column_name,
                _("yes") if resource.is_required_column(field) else _("no"),
                _explain(model, field),
                _example(field),
            ]
        )
    notes.append([])
    notes.append(
        [
            _("Rows are matched on: %(columns)s. Importing the same file again changes nothing.")
            % {"columns": ", ".join(resource.key_columns())}
        ]
    )
    for sheet in (data, notes):
        for index in range(1, sheet.max_column + 1):
            sheet.column_dimensions[get_column_letter(index)].width = 22
    notes.column_dimensions["C"].width = 70
    for row in notes.iter_rows(min_row=2):
        row[2].alignment = Alignment(wrap_text=True, vertical="top")
    return workbook


def _model_field(model, field):
    """The model field a column writes, or None for a computed column (parties)."""
    name = (field.attribute or "").split("__")[0]
    try:
        django_field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return django_field if django_field.concrete else None


def _explain(model, field) -> str:
    widget = field.widget
    django_field = _model_field(model, field)
    text = str(field_label(model, field)) if django_field is not None else ""
    if django_field is not None and django_field.help_text:
        text += f". {django_field.help_text}"
    if field.column_name == "parties":
        return _(
            "Parties: organization slugs or acronyms and ISO country codes, separated by “%(sep)s”. "
            "Missing parties are added; none is removed."
        ) % {"sep": PARTY_SEPARATOR}
    if field.column_name in {"member", "member_class"} and field.readonly:
        return _("The membership these dues belong to (member slug, and its class if it holds several).")
    if isinstance(widget, ChoiceWidget) and len(widget.choices) <= 30:
        codes = "; ".join(f"{code} = {label}" for code, label in widget.choices)
        return f"{text}. " + _("One of: %(choices)s") % {"choices": codes}
    if isinstance(widget, ForeignKeyWidget):
        related = widget.model._meta.verbose_name
        text = f"{text}. " + _("The slug (or key) of an existing %(thing)s.") % {"thing": related}
        if field.column_name == "source" and issubclass(model, ChildRecord):
            text += " " + _("Empty: the source of the record it belongs to.")
        return text
    if isinstance(widget, DateWidget):
        return f"{text}. " + _("A date: YYYY-MM-DD or DD/MM/YYYY, or a date cell.")
    if isinstance(widget, BooleanWidget):
        return f"{text}. " + _("1 (yes) or 0 (no).")
    if isinstance(widget, IntegerWidget | DecimalWidget):
        return f"{text}. " + _("A number, without thousands separators.")
    return text


def _example(field) -> str:
    widget = field.widget
    if field.column_name == "parties":
        return "stameq; rosstandart"
    if isinstance(widget, ChoiceWidget):
        return str(widget.choices[0][0]) if widget.choices else ""
    if isinstance(widget, ForeignKeyWidget):
        key = widget.field.split("__")[0]
        model = widget.model
        if key == "organization":  # dues name the organization of their membership
            model, key = model._meta.get_field("organization").related_model, "slug"
        return str(model.objects.order_by("pk").values_list(key, flat=True).first() or "")
    if isinstance(widget, DateWidget):
        return "2020-07-26"
    if isinstance(widget, BooleanWidget):
        return "1"
    if isinstance(widget, IntegerWidget):
        return "2020"
    return ""


def report_workbook(report) -> Workbook:
    """The period report as a workbook: a summary sheet with every figure (and
    the totals stated by sources, labelled as such), then one sheet per section."""
    workbook = Workbook()
    summary = workbook.active
    summary.title = "summary"
    summary.append([_("Period report"), report.start.isoformat(), report.end.isoformat()])
    summary["A1"].font = Font(bold=True, size=14)
    summary.append([])
    summary.append([_("Section"), _("Figure"), _("Value")])
    _style_header_row(summary, summary.max_row)
    for section in report.sections:
        for figure in section.figures:
            value = f"≥ {figure.value}" if figure.approximate else figure.value
            _append(summary, [str(section.title), str(figure.label), value])
        for stated in section.reported:
            _append(summary, [str(section.title), _stated_label(stated), _stated_value(stated)])
    summary.column_dimensions["A"].width = 40
    summary.column_dimensions["B"].width = 70
    summary.column_dimensions["C"].width = 12
    for section in report.sections:
        sheet = workbook.create_sheet(section.key)
        sheet.append([str(section.title)])
        sheet["A1"].font = Font(bold=True, size=13)
        for table in section.tables:
            sheet.append([])
            sheet.append([str(column) for column in table.columns])
            _style_header_row(sheet, sheet.max_row)
            for row in table.rows:
                _append(sheet, [value if isinstance(value, int) else str(value) for value in row])
        for index in range(1, sheet.max_column + 1):
            sheet.column_dimensions[get_column_letter(index)].width = 30 if index == 1 else 16
    _date_unknown_sheet(workbook, report)
    return workbook


def _date_unknown_sheet(workbook, report):
    """Records and stated totals of unknown date: listed, never counted."""
    if not (report.date_unknown or report.stated_date_unknown):
        return
    sheet = workbook.create_sheet("date-unknown")
    sheet.append([_("Date unknown: listed, not counted")])
    sheet["A1"].font = Font(bold=True, size=13)
    for group in report.date_unknown:
        sheet.append([])
        sheet.append([str(group.title)])
        sheet.append([str(column) for column in group.columns])
        _style_header_row(sheet, sheet.max_row)
        for row in group.rows:
            _append(sheet, [str(value) for value in row])
        if group.more:
            sheet.append([group.more_text])
    if report.stated_date_unknown:
        sheet.append([])
        sheet.append([_("Totals stated by sources of unknown date")])
        for stated in report.stated_date_unknown:
            _append(sheet, [_stated_label(stated), _stated_value(stated)])
    for index in range(1, 4):
        sheet.column_dimensions[get_column_letter(index)].width = 50 if index == 1 else 30


def _append(sheet, values):
    """Append a row of text from the database as text: a title starting with
    "=" must never become a formula."""
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        if cell.data_type == "f":
            cell.data_type = "s"


def _style_header_row(sheet, row_number: int):
    for cell in sheet[row_number]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL


def _stated_label(stated) -> str:
    return _("%(label)s — stated by the source (%(source)s)") % {"label": stated.label, "source": stated.source.key}


def _stated_value(stated) -> str:
    return f"{stated.get_qualifier_display()} {stated.value}"
