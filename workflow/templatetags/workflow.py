import datetime

from django import template
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext

from core.spreadsheet_files import SheetError
from workflow.spreadsheets import IMPORTABLE

register = template.Library()


@register.simple_tag
def import_template_url(opts) -> str:
    """The spreadsheet template of an importable model, or ""."""
    if opts is None or opts.model_name not in IMPORTABLE:
        return ""
    return reverse("workflow:import-template", args=[opts.model_name])


@register.filter
def file_problem(error) -> str:
    """A whole-file import error as the page says it: our own sentence, or
    (for anything unexpected, logged by the resource) a plain one. Never the
    exception's text or traceback, which may hold server paths."""
    if isinstance(error.error, SheetError):
        return str(error.error)
    return gettext("The file could not be imported because of an unexpected error (recorded for the administrators).")


@register.filter
def sheet_cell(value) -> str:
    """A cell of the uploaded file as the person typed it: empty stays empty
    (never "None"), a date cell is a date, 2020.0 is 2020."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        value = value.date()
    if isinstance(value, datetime.date):
        return date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@register.simple_tag(takes_context=True)
def staff_dashboard(context):
    """The admin index's dashboard for the signed-in staff member."""
    from django.utils import timezone

    from workflow.dashboard import staff_dashboard as build

    return build(user=context["request"].user, today=timezone.localdate())
