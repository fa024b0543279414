"""Filter, sort and paginate a public list page.

Every list page of the site goes through :func:`list_context`: the app's
filterset (shared with the API) narrows the queryset, a whitelisted ``sort``
parameter orders it, and Django's paginator cuts a page.

The page never passes the whole list off as the answer to a question it could
not read: an invalid filter value, an unknown sort key or a page that is not a
number gives the form with its errors, no rows and status 400 (as the API
answers 400); a page number past the last page is a 404. Never a 500.
"""

from dataclasses import dataclass
from functools import lru_cache

from django import forms
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db.models import F, Func, TextField, Value
from django.db.models.functions import Coalesce, NullIf
from django.http import Http404, QueryDict
from django.shortcuts import render
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.choices import Audience
from core.counts import CachedCountPaginator
from core.filtersets import InvalidFilters
from core.querysets import nulls_last
from core.search import Folded
from core.text import vi_sort_key

PER_PAGE = 20


class VietnameseOrder(Func):
    """Vietnamese alphabetical order: PostgreSQL's ICU collation ``vi-x-icu``
    (a ă â b c d đ e ê ...); elsewhere (SQLite for ``make run``) the search's
    folding, case- and diacritic-free."""

    output_field = TextField()

    def as_sql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"LOWER(coopdb_unaccent({sql}))", params

    def as_postgresql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        return f'({sql}) COLLATE "vi-x-icu"', params


def translated(field: str):
    """Order by a translated field in the visitor's language, falling back to
    Vietnamese like the pages do: Vietnamese in Vietnamese alphabetical order,
    English ignoring case and diacritics (the search's folding, core.search)."""
    language = (get_language() or "vi").split("-")[0]
    if language == "vi":
        return VietnameseOrder(F(f"{field}_vi"))
    return Folded(Coalesce(NullIf(f"{field}_{language}", Value("")), f"{field}_vi"))


@dataclass(frozen=True)
class Sort:
    """One sortable column: the URL key and what it orders by."""

    key: str
    fields: tuple

    def order_by(self, descending: bool):
        expressions = []
        for field in self.fields:
            expression = translated(field[2:]) if isinstance(field, str) and field.startswith("t:") else field
            expressions.append(nulls_last(expression, descending=descending))
        return expressions


def parse_sort(value: str, sorts: dict[str, Sort], default: str) -> tuple[Sort, bool, str]:
    """``-signed`` → (the "signed" Sort, descending, "-signed"); empty → default.
    An unknown key raises ``KeyError`` (the page says so, see list_context)."""
    value = value or default
    descending = value.startswith("-")
    key = value.removeprefix("-")
    return sorts[key], descending, value


def _non_empty(query_dict) -> QueryDict:
    """The query string without empty values: a GET form sends every field,
    and an empty choice means "any", not "the value ''"."""
    data = QueryDict(mutable=True)
    for key in query_dict:
        values = [value for value in query_dict.getlist(key) if value.strip()]
        if values:
            data.setlist(key, values)
    return data


class SingleSelect(forms.SelectMultiple):
    """Shows a multiple-choice filter as one drop-down (with "All" first) while
    still handing the filter the list it expects.

    Rendered in Python, the same bytes as Django's select, option and attrs
    templates (tests/site/test_list_filters_render.py compares them): through
    the templates, a country filter's 250 options were an include each, about
    half of a list page's time."""

    allow_multiple_selected = False

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [format_html('<select name="{}"{}>', widget["name"], _attrs(widget["attrs"]))]
        # Each option keeps the final newline of Django's option template.
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(format_html('\n  <optgroup label="{}">', group_name))
            parts.extend(
                format_html('\n  <option value="{}"{}>{}</option>\n', o["value"], _attrs(o["attrs"]), o["label"])
                for o in options
            )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # noqa: S308 - every part is escaped by format_html


def _attrs(attrs: dict):
    """django/forms/widgets/attrs.html: False left out, True as a bare name."""
    return mark_safe(  # noqa: S308 - escaped by format_html
        "".join(
            format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
            for name, value in attrs.items()
            if value is not False
        )
    )


def _countries(allowed):
    """Country names in the visitor's language, in its alphabetical order, only
    those the filter accepts (a partner filter leaves our own country out)."""
    return _sorted_countries(get_language() or "", frozenset(allowed))


@lru_cache(maxsize=64)
def _sorted_countries(language: str, allowed: frozenset) -> tuple:
    # Per language and filter: sorting 250 names by vi_sort_key took about a
    # tenth of a list page. The names are django_countries' translations in
    # the active language (``language`` keys the cache, it is the same one).
    from django_countries import countries

    return tuple(
        sorted(((code, name) for code, name in countries if code in allowed), key=lambda choice: vi_sort_key(choice[1]))
    )


def _display_fields(form, labels: dict):
    """The filter fields a page shows, in order, with plain labels and
    visitor-friendly widgets (drop-downs, date pickers)."""
    for name, label in labels.items():
        field = form.fields[name]
        field.label = label
        if isinstance(field, forms.MultipleChoiceField):
            is_country = name.endswith("country") or name == "represents"
            choices = _countries({code for code, _label in field.choices}) if is_country else list(field.choices)
            field.widget = SingleSelect(choices=[("", _("All")), *choices])
        elif isinstance(field, forms.NullBooleanField):
            field.widget = forms.Select(choices=[("", _("All")), ("true", _("Yes")), ("false", _("No"))])
        elif isinstance(field, forms.DateField):
            field.widget = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
        elif isinstance(field, forms.CharField) and name == "q":
            field.widget = forms.TextInput(attrs={"type": "search"})
    return [form[name] for name in labels]


def _errors(form) -> list[tuple[str, list[str]]]:
    """(label, messages) of each filter the visitor got wrong."""
    return [
        (form.fields[name].label or name if name in form.fields else name, errors)
        for name, errors in form.errors.items()
    ]


def _page_number(value: str | None) -> tuple[int, list[str]]:
    """The requested page number, 1 when absent; (1, [message]) when it is not
    a positive whole number."""
    if value is None or not value.strip():
        return 1, []
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        return 1, [_("“%(value)s” is not a page number: pages are numbered 1, 2, 3…") % {"value": value[:50]}]
    return number, []


def list_context(request, rows, *, filterset_class, filters, sorts, default_sort, per_page=PER_PAGE):
    """The context every list template expects: ``filter_fields`` (the bound
    fields to show), ``filter_errors``, ``page_obj``, ``sort``, ``filtered``
    and ``status`` (200, or 400 when something in the query could not be used).

    ``rows`` is the app's list selector (``agreements.selectors.agreement_list``
    or one built on it), called for the public audience with the query's
    filters; ``filterset_class`` the FilterSet it applies, whose form the page
    shows; ``filters`` maps the filters the page shows to their labels;
    ``sorts`` the sortable columns. Raises Http404 for a page past the last one.
    """
    data = _non_empty(request.GET)
    for key in ("page", "sort", "ordering"):
        data.pop(key, None)
    form = filterset_class(data or None, request=request, audience=Audience.PUBLIC).form
    # Before validation: validating caches the bound fields with their labels.
    filter_fields = _display_fields(form, filters)
    filtered = bool(data)
    errors = []
    try:
        queryset = rows(audience=Audience.PUBLIC, filters=data if filtered else None)
    except InvalidFilters:
        queryset = rows(audience=Audience.PUBLIC)
        errors = _errors(form)  # the same FilterSet's messages, with the page's labels
    requested_sort = request.GET.get("sort", "").strip()
    try:
        sort, descending, sort_value = parse_sort(requested_sort, sorts, default_sort)
    except KeyError:
        sort, descending, sort_value = parse_sort(default_sort, sorts, default_sort)
        message = _("“%(value)s” is not a column this list can be sorted by.") % {"value": requested_sort[:50]}
        errors.append((_("Sort order"), [message]))
    number, page_errors = _page_number(request.GET.get("page"))
    if page_errors:
        errors.append((_("Page"), page_errors))
    if errors:
        # Nothing is shown rather than a list that does not answer the question.
        queryset, number = queryset.none(), 1
    queryset = queryset.order_by(*sort.order_by(descending), "pk")
    try:
        page_obj = CachedCountPaginator(queryset, per_page).page(number)
    except (EmptyPage, PageNotAnInteger) as error:
        raise Http404(_("There is no page %(number)s in this list.") % {"number": number}) from error
    return {
        "filter_fields": filter_fields,
        "filter_errors": errors,
        "page_obj": page_obj,
        "sort": sort_value,
        "filtered": filtered or bool(errors),
        "status": 400 if errors else 200,
    }


def render_list(request, template_name, rows, *, extra=None, **options):
    """A list page: :func:`list_context` plus any ``extra`` context, rendered."""
    context = list_context(request, rows, **options)
    context.update(extra or {})
    return render(request, template_name, context, status=context["status"])
