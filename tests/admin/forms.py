"""Post admin forms the way a browser does: every field the page shows, with
its current value, the inlines' management forms, and the changes a test makes."""

import datetime

from django.db.models import Model


def _as_post_value(value):
    if value is None or value is False:
        return None
    if value is True:
        return "on"
    if isinstance(value, Model):
        return str(value.pk)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return str(value)


def _add_form(data: dict, form) -> None:
    for bound in form:
        value = _as_post_value(bound.value())
        if value is not None:
            data[bound.html_name] = value


def page_form_data(response, **changes) -> dict:
    """The data a browser would post from an admin add or change page, with
    ``changes`` applied (``None`` or ``False`` leaves a field out, as an
    emptied select or an unticked box)."""
    context = response.context
    data = {}
    _add_form(data, context["adminform"].form)
    for inline in context["inline_admin_formsets"]:
        formset = inline.formset
        _add_form(data, formset.management_form)
        for form in formset.initial_forms:
            _add_form(data, form)
    for name, value in changes.items():
        post_value = _as_post_value(value)
        if post_value is None:
            data.pop(name, None)
        else:
            data[name] = post_value
    return data


def inline_rows(prefix: str, rows: list[dict], initial: int = 0) -> dict:
    """Management form and fields for new inline rows under ``prefix``."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(initial + len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows, start=initial):
        for name, value in row.items():
            post_value = _as_post_value(value)
            if post_value is not None:
                data[f"{prefix}-{index}-{name}"] = post_value
    return data
