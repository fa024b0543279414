from django import template
from django.urls import reverse

from workflow.spreadsheets import IMPORTABLE

register = template.Library()


@register.simple_tag
def import_template_url(opts) -> str:
    """The spreadsheet template of an importable model, or ""."""
    if opts is None or opts.model_name not in IMPORTABLE:
        return ""
    return reverse("workflow:import-template", args=[opts.model_name])
