"""What every spreadsheet import/export shares (django-import-export 4.x).

The department's spreadsheets become rows through ``RecordResource``:

* related records are named by their slug (or key, or acronym), never by id;
* every row goes through the model's ``full_clean`` (choices, constraints,
  uniqueness), and one bad row rolls the whole file back;
* every row is saved with ``save()`` so django-simple-history records it
  (``bulk_create`` would leave no history);
* a row that would change nothing is skipped, so importing the same file twice
  writes nothing the second time.
"""

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import MultipleObjectsReturned, ObjectDoesNotExist
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources, widgets

from core.inputs import parse_date
from core.models import ChildRecord, ReportedFigure, Source
from core.search import fold

TRUE_WORDS = {"1", "true", "yes", "y", "x", "co", "dung"}
FALSE_WORDS = {"0", "false", "no", "n", "khong", "sai"}


def _is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class TextWidget(widgets.CharWidget):
    """Text, stripped; an empty cell is None for nullable columns (the English
    translations) and "" otherwise, so a re-import compares equal."""

    def __init__(self, null=False, **kwargs):
        self.null = null
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        if _is_blank(value):
            return None if self.null else ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)  # a spreadsheet stores "2020" typed in a text column as 2020.0
        return str(value).strip()

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class DateWidget(widgets.Widget):
    """A date from a spreadsheet date cell or from text (ISO or day-first)."""

    def clean(self, value, row=None, **kwargs):
        if _is_blank(value):
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        text = str(value).strip()
        # The admin forms' rule, from the same format module: day first or ISO,
        # never month first (01/02/2020 is 1 February).
        day = parse_date(text)
        if day is not None:
            return day
        raise ValueError(_("“%(value)s” is not a date; write it as YYYY-MM-DD or DD/MM/YYYY.") % {"value": text})

    def render(self, value, obj=None, **kwargs):
        return value.isoformat() if value else ""


class IntegerWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        if _is_blank(value):
            return None
        try:
            number = Decimal(str(value).strip().replace(" ", ""))
        except InvalidOperation:
            raise ValueError(_("“%(value)s” is not a whole number.") % {"value": value}) from None
        if number != number.to_integral_value():
            raise ValueError(_("“%(value)s” is not a whole number.") % {"value": value})
        return int(number)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class DecimalWidget(widgets.Widget):
    """Plain digits with a dot or a comma as decimal mark, never a thousands
    separator (1.500 would be ambiguous between the two conventions)."""

    def clean(self, value, row=None, **kwargs):
        if _is_blank(value):
            return None
        if isinstance(value, int | float | Decimal):
            return Decimal(str(value))
        text = str(value).strip().replace(" ", "").replace(",", ".")
        try:
            return Decimal(text)
        except InvalidOperation:
            raise ValueError(_("“%(value)s” is not a number.") % {"value": value}) from None

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class BooleanWidget(widgets.Widget):
    """Yes/no in English or Vietnamese (có/không), 1/0 or x; anything else is an
    error rather than a silent "no"."""

    def __init__(self, null=False, **kwargs):
        self.null = null
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        if _is_blank(value):
            return None
        if isinstance(value, bool):
            return value
        word = fold(str(value).strip())
        if word.endswith(".0"):
            word = word[:-2]
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise ValueError(_("“%(value)s” is not yes or no (write 1 or 0).") % {"value": value})

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else ("1" if value else "0")


class ChoiceWidget(widgets.Widget):
    """A choice by its code (exported) or by its label in either language,
    accents and case ignored; anything else is left for ``full_clean`` to
    reject with the list of valid choices."""

    def __init__(self, choices, **kwargs):
        self._choices = choices  # may be lazy (the country list)
        super().__init__(**kwargs)

    @property
    def choices(self) -> list[tuple]:
        return list(self._choices)

    def clean(self, value, row=None, **kwargs):
        if _is_blank(value):
            return ""
        text = str(value).strip()
        choices = self.choices
        if text in {str(code) for code, _label in choices}:
            return text
        wanted = fold(text)
        for code, label in choices:
            if wanted in (fold(code), *_label_forms(label)):
                return str(code)
        return text

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


def _label_forms(label) -> set[str]:
    from django.utils import translation

    forms = set()
    for language in ("vi", "en"):
        with translation.override(language):
            forms.add(fold(str(label)))
    return forms


class KeyWidget(widgets.ForeignKeyWidget):
    """A related record named by a stable key (slug, source key); for
    organizations an unambiguous acronym works too ("ISO", "APO").

    Records found are remembered for the rest of the file (each resource
    instance, hence each import, deep-copies its widgets): a sheet naming the
    same source on every row looks it up once."""

    def __init__(self, model, field="slug", also=(), **kwargs):
        self.also = tuple(also)
        self.found = {}
        super().__init__(model, field, **kwargs)

    def clean(self, value, row=None, **kwargs):
        if _is_blank(value):
            return None
        key = str(value).strip()
        if key.endswith(".0") and key[:-2].isdigit():
            key = key[:-2]
        if key not in self.found:
            self.found[key] = self._lookup(key)
        return self.found[key]

    def _lookup(self, key):
        for lookup in (self.field, *self.also):
            try:
                return self.model.objects.get(**{lookup: key})
            except ObjectDoesNotExist:
                continue
            except MultipleObjectsReturned:
                raise ValueError(
                    _("“%(key)s” names several %(things)s; use the slug.")
                    % {"key": key, "things": self.model._meta.verbose_name_plural}
                ) from None
        raise ValueError(_("There is no %(thing)s “%(key)s”.") % {"thing": self.model._meta.verbose_name, "key": key})

    def render(self, value, obj=None, **kwargs):
        for part in self.field.split("__"):
            value = getattr(value, part, None)
        return "" if value is None else str(value)


def organization_widget():
    return KeyWidget(_organization_model(), "slug", also=("acronym__iexact",))


def _organization_model():
    from organizations.models import Organization

    return Organization


def key_field(column, model=None, widget=None, attribute=None):
    """A column naming a related record by its key."""
    return fields.Field(attribute=attribute or column, column_name=column, widget=widget or KeyWidget(model))


def _same(a, b) -> bool:
    """Equal for the purpose of "did this row change anything": an empty cell
    and NULL are the same, and so are a country object and its code."""
    a = None if a == "" else a
    b = None if b == "" else b
    if hasattr(a, "code") or hasattr(b, "code"):
        a, b = getattr(a, "code", a) or None, getattr(b, "code", b) or None
    return a == b


def _source_from_parent(instance):
    """A child row (dues, a commitment) with no source of its own takes the
    source of the record it belongs to, as the admin's inline forms do."""
    if not isinstance(instance, ChildRecord) or instance.source_id is not None:
        return
    parent = getattr(instance, instance.visibility_parents[0], None)
    if parent is not None:
        instance.source_id = parent.source_id


class KeyedResource(resources.ModelResource):
    """Base resource: rows matched on natural keys, full validation, history,
    all or nothing, unchanged rows skipped (see the module's docstring)."""

    class Meta:
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_transactions = True
        use_bulk = False  # history is written by save(), never by bulk_create
        skip_html_diff = False

    # Map model fields to our widgets (dates day-first, strict numbers and booleans).
    @classmethod
    def widget_from_django_field(cls, f, default=widgets.Widget):
        if f.choices:
            return lambda **kw: ChoiceWidget(f.choices)
        internal = f.get_internal_type()
        if internal == "DateField":
            return DateWidget
        if internal in {"PositiveSmallIntegerField", "PositiveIntegerField", "IntegerField", "SmallIntegerField"}:
            return IntegerWidget
        if internal == "DecimalField":
            return DecimalWidget
        if internal == "BooleanField":
            return lambda **kw: BooleanWidget(null=f.null)
        if internal in {"CharField", "TextField", "SlugField", "URLField", "EmailField"}:
            return lambda **kw: TextWidget(null=f.null)
        return super().widget_from_django_field(f, default)

    def import_data(self, dataset, **kwargs):
        # All or nothing: a row that fails validation rolls back the whole
        # file, also on the confirm step (the library only does this when the
        # confirm step is skipped).
        kwargs["rollback_on_validation_errors"] = True
        kwargs.setdefault("use_transactions", True)
        return super().import_data(dataset, **kwargs)

    def import_instance(self, instance, row, **kwargs):
        try:
            super().import_instance(instance, row, **kwargs)
        finally:
            _source_from_parent(instance)

    def get_instance(self, instance_loader, row):
        try:
            return super().get_instance(instance_loader, row)
        except ValueError:
            # An unknown key in an identifying column: the row is treated as
            # new, and import_instance reports the column's error.
            return None

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if not self._meta.skip_unchanged or import_validation_errors or original is None or original.pk is None:
            return False
        # Read-only columns (an agreement's parties, a dues row's member) are
        # never written by the row: comparing them would only re-read the same
        # related rows twice. Child columns are checked by children_unchanged.
        written = [f for f in self.get_import_fields() if not f.readonly]
        if not all(_same(f.get_value(instance), f.get_value(original)) for f in written):
            return False
        return self.children_unchanged(instance, row)

    def children_unchanged(self, instance, row) -> bool:
        """Resources with child columns (parties, members) say whether the row
        would add any."""
        return True


class RecordResource(KeyedResource):
    """Base resource for every registry record: visibility, source (by key)
    and the staff-only note are columns of every sheet."""

    source = fields.Field(attribute="source", column_name="source", widget=KeyWidget(Source, "key"))

    RECORD_COLUMNS = ("visibility", "source", "internal_note")

    class Meta(KeyedResource.Meta):
        pass


class SourceResource(KeyedResource):
    class Meta(KeyedResource.Meta):
        model = Source
        import_id_fields = ["key"]
        fields = (
            "key",
            "title_vi",
            "title_en",
            "publisher",
            "author",
            "published_on",
            "url",
            "note_vi",
            "note_en",
        )


class ReportedFigureResource(RecordResource):
    class Meta(RecordResource.Meta):
        model = ReportedFigure
        import_id_fields = ["key"]
        fields = (
            "key",
            "label_vi",
            "label_en",
            "qualifier",
            "value",
            "as_of",
            "period_start",
            "period_end",
            "quote_vi",
            "quote_en",
            *RecordResource.RECORD_COLUMNS,
        )
