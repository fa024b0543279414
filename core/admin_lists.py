"""Admin lists read their filters by the forms' rules and never answer 500.

Dates typed into a filter (01/07/2019) are read day first like the forms; a
filter Django cannot apply (an unknown lookup, a year beyond any calendar, a
number too big for Python's dates) resets the list with a message instead of
an error page. Mixed into every registered admin (core.admin.RecordAdmin, the
API's and the workflow's admins, users and groups).
"""

from django.contrib import messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import NotRelationField, get_fields_from_path
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _

from core.inputs import parse_date

DATE_LOOKUPS = {"exact", "gt", "gte", "lt", "lte"}


def _filtered_date_field(model, parameter: str):
    """The DateField a list-filter parameter such as ``signed_on__gte`` compares, or None."""
    *path, lookup = parameter.split("__") if "__" in parameter else (parameter, "exact")
    if lookup not in DATE_LOOKUPS:
        path, lookup = [*path, lookup], "exact"
    try:
        field = get_fields_from_path(model, "__".join(path))[-1]
    except (FieldDoesNotExist, NotRelationField):
        return None
    is_date = isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField)
    return field if is_date else None


def dates_in_filters_as_iso(request, model):
    """``request.GET`` with dates typed into list filters (01/07/2019, the same
    rule as the forms) rewritten as ISO; a date that cannot be read is dropped
    with a message instead of ending in an error page."""
    params = request.GET.copy()
    for parameter in list(params):
        if _filtered_date_field(model, parameter) is None:
            continue
        text = params[parameter]
        day = parse_date(text)
        if day is None:
            messages.error(
                request,
                _("“%(value)s” is not a date; write it as DD/MM/YYYY. The filter was left out.") % {"value": text},
            )
            del params[parameter]
        else:
            params[parameter] = day.isoformat()
    return params


# Raised while Django compiles a filter's SQL (before anything reaches the
# database, so no transaction is left broken): e.g. signed_on__year=10**40.
UNUSABLE_FILTER_ERRORS = (IncorrectLookupParameters, ValidationError, ValueError, TypeError, OverflowError)


class ListInputMixin:
    def changelist_view(self, request, extra_context=None):
        request.GET = dates_in_filters_as_iso(request, self.model)
        return super().changelist_view(request, extra_context)

    def get_changelist_instance(self, request):
        try:
            return super().get_changelist_instance(request)
        except UNUSABLE_FILTER_ERRORS as error:
            # Django then shows the unfiltered list: say why the filter went.
            messages.warning(request, _("The list's filter was not understood, so the whole list is shown."))
            raise IncorrectLookupParameters(error) from error

    def export_action(self, request, *args, **kwargs):
        # The export page filters like the list it comes from (the list's
        # filters travel in its address): an unusable one starts it afresh.
        try:
            return super().export_action(request, *args, **kwargs)
        except UNUSABLE_FILTER_ERRORS:
            messages.warning(request, _("The list's filter was not understood, so the whole list is shown."))
            return HttpResponseRedirect(request.path)

    def get_changeform_initial_data(self, request):
        # ?parent=abc on an add page pre-fills nothing rather than failing.
        initial = super().get_changeform_initial_data(request)
        return {name: value for name, value in initial.items() if _usable_initial(self.model, name, value)}


def _usable_initial(model, name: str, value) -> bool:
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return True  # not a model field: the form ignores it
    target = field.target_field if field.many_to_one else field
    if field.many_to_many or not hasattr(target, "clean"):
        return True
    try:
        target.clean(value, None)
    except ValidationError:
        return False
    return True
