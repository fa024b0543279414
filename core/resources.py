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
import functools
import logging
from decimal import Decimal

from django.core.exceptions import FieldDoesNotExist
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext
from import_export import fields, resources, widgets

from core.models import ChildRecord, ReportedFigure, Source
from core.spreadsheet_files import SheetError
from core.widgets import BooleanWidget, ChoiceWidget, DateWidget, DecimalWidget, IntegerWidget, KeyWidget, TextWidget

logger = logging.getLogger(__name__)


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


# --- Column labels: what a person reads in an export, and what an import
# accepts besides the column names (an export imports back as it is). ---

KEY_ATTRIBUTES = {"slug", "key", "code"}
# Callables ``gate(instance, is_create, user, save)`` around the save of each
# imported row (filled by the workflow's publication review in its
# AppConfig.ready(), so core does not import it). A chain: ``save()`` is the
# next gate, the last one saves; a gate may raise ValidationError to refuse
# the row. ``user`` is whoever imports (None for code).
IMPORT_ROW_GATES: list = []
IGNORED = object()  # a header an import knows and skips (the labels beside codes)


def _language_name(code: str) -> str:
    names = {"vi": pgettext("language of a column", "Vietnamese"), "en": pgettext("language of a column", "English")}
    return names.get(code, code)


def model_field_of(model, field):
    """The model field a column stands for: the attribute it writes, or the
    relation a path such as ``membership__member__slug`` names; for a column
    named after a field of the related record (a dues row's ``organization``
    column writes its membership), that field. None for computed columns."""
    found, current = [], model
    for name in (field.attribute or "").split("__"):
        try:
            django_field = current._meta.get_field(name)
        except FieldDoesNotExist:
            break
        found.append(django_field)
        current = django_field.related_model
        if current is None:
            break
    if not found:
        return None
    last = found[-1]
    if len(found) > 1 and not last.is_relation and found[-2].is_relation and last.name in KEY_ATTRIBUTES:
        return found[-2]
    if last.is_relation and last.related_model is not None and field.column_name != last.name:
        try:
            return last.related_model._meta.get_field(field.column_name)
        except FieldDoesNotExist:
            pass
    return last


def field_label(model, field) -> str:
    """A column's label in the active language: the field's verbose name,
    "Title (Vietnamese)" for a translated field."""
    django_field = model_field_of(model, field)
    if django_field is None:
        return field.column_name
    translated = getattr(django_field, "translated_field", None)  # a modeltranslation field
    if translated is not None:
        return f"{capfirst(translated.verbose_name)} ({_language_name(django_field.language)})"
    if not django_field.concrete:  # a reverse relation, e.g. an agreement's parties
        return capfirst(django_field.related_model._meta.verbose_name_plural)
    return capfirst(django_field.verbose_name)


def _header_key(text) -> str:
    return " ".join(str(text).split()).casefold()


def _quoted(names) -> str:
    return ", ".join(f"“{name}”" for name in names)


def sheet_title(model) -> str:
    """An export's sheet is named after its model (Excel allows 31 characters)."""
    return str(capfirst(model._meta.verbose_name_plural))[:31]


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
        # A header row this sheet cannot read stops the import before any
        # row: the problems are named, nothing is written.
        problems = self.prepare_headers(dataset)
        if problems:
            return self._file_problems_result(problems)
        # Rows are numbered as the spreadsheet numbers them (header = line 1).
        self._sheet_lines = getattr(dataset, "sheet_lines", None) or list(range(2, len(dataset) + 2))
        # All or nothing: a row that fails validation rolls back the whole
        # file, also on the confirm step (the library only does this when the
        # confirm step is skipped).
        kwargs["rollback_on_validation_errors"] = True
        kwargs.setdefault("use_transactions", True)
        result = super().import_data(dataset, **kwargs)
        self._number_as_the_sheet(result)
        return result

    def import_row(self, row, instance_loader, **kwargs):
        row_result = super().import_row(row, instance_loader, **kwargs)
        row_result.sheet_line = self._sheet_line(kwargs["row_number"])
        for error in row_result.errors:
            # Not a validation error: a bug or a database refusal. The page
            # says so in words; the details go to the server log, never to it.
            logger.error(
                "Import of %s line %s failed", self._meta.model.__name__, row_result.sheet_line, exc_info=error.error
            )
        return row_result

    def save_instance(self, instance, is_create, row, **kwargs):
        def save():
            super(KeyedResource, self).save_instance(instance, is_create, row, **kwargs)

        step = save
        for gate in reversed(IMPORT_ROW_GATES):
            step = functools.partial(gate, instance, is_create, kwargs.get("user"), step)
        step()

    def handle_import_error(self, result, error, raise_errors=False):
        if not isinstance(error, SheetError):
            logger.error("Import of %s failed", self._meta.model.__name__, exc_info=error)
        super().handle_import_error(result, error, raise_errors)

    def _sheet_line(self, row_number: int) -> int:
        return self._sheet_lines[row_number - 1]

    def _number_as_the_sheet(self, result):
        for row in (*result.invalid_rows, *result.error_rows):
            row.number = self._sheet_line(row.number)
        for row in result.invalid_rows:
            row.labelled_errors = self._labelled_errors(row)
        for row_result in result.rows:
            for error in row_result.errors:
                error.number = row_result.sheet_line

    def _labelled_errors(self, invalid_row) -> list[tuple[str, str, list]]:
        """(column, label, messages) per field of a row's errors; the row's
        own errors (not about one column) come last with no column."""
        by_name = {name: field for name, field in self.fields.items()}
        by_attribute = {field.attribute: field for field in self.fields.values() if field.attribute}
        labelled = []
        for name, messages in invalid_row.field_specific_errors.items():
            field = by_name.get(name) or by_attribute.get(name)
            if field is not None:
                labelled.append((field.column_name, field_label(self._meta.model, field), messages))
            else:
                labelled.append((name, self._model_label(name), messages))
        if invalid_row.non_field_specific_errors:
            labelled.append(("", "", invalid_row.non_field_specific_errors))
        return labelled

    def _model_label(self, name) -> str:
        try:
            return capfirst(self._meta.model._meta.get_field(name).verbose_name)
        except FieldDoesNotExist:
            return name

    def _file_problems_result(self, problems):
        result = self.get_result_class()()
        result.diff_headers = self.get_diff_headers()
        for problem in problems:
            result.append_base_error(self.get_error_result_class()(SheetError(problem)))
        return result

    # --- Headers ---

    def key_columns(self) -> list[str]:
        return [self.fields[name].column_name for name in self.get_import_id_fields()]

    def is_required_column(self, field) -> bool:
        """Whether an import must have this column (the templates' notes say
        the same): the key columns and the fields a record cannot be without.
        Vietnamese text is required, English optional."""
        if field.column_name in self.key_columns():
            return True
        if field.readonly:
            return False
        django_field = model_field_of(self._meta.model, field)
        if django_field is None or not django_field.concrete or "__" in (field.attribute or ""):
            return False
        if django_field.name == "source" and issubclass(self._meta.model, ChildRecord):
            return False  # taken from the record the row belongs to
        return not django_field.blank and not django_field.has_default()

    def column_labels(self) -> dict[str, str]:
        """column name -> label in the active language, unique within the sheet."""
        labels = {field.column_name: str(field_label(self._meta.model, field)) for field in self.fields.values()}
        taken = [_header_key(label) for label in labels.values()]
        return {
            column: label if taken.count(_header_key(label)) == 1 else f"{label} ({column})"
            for column, label in labels.items()
        }

    @staticmethod
    def is_choice(field) -> bool:
        return isinstance(field.widget, ChoiceWidget)

    def export_labels(self, field, labels) -> list[str]:
        """The header(s) an export writes for a field: a choice has its code
        and, beside it, what the code means."""
        label = labels[field.column_name]
        if not self.is_choice(field):
            return [label]
        return [_("%(label)s (code)") % {"label": label}, _("%(label)s (meaning)") % {"label": label}]

    def header_aliases(self) -> dict:
        """Every header an import accepts (column names, and the export's
        labels in both languages) -> the column it is, or IGNORED."""
        aliases = {}
        for language in ("en", "vi"):
            with translation.override(language):
                labels = self.column_labels()
                for field in self.fields.values():
                    headers = self.export_labels(field, labels)
                    aliases[_header_key(labels[field.column_name])] = field.column_name
                    aliases[_header_key(headers[0])] = field.column_name
                    for meaning in headers[1:]:
                        aliases[_header_key(meaning)] = IGNORED
        aliases.update({_header_key(field.column_name): field.column_name for field in self.fields.values()})
        return aliases

    def column_for_header(self, header) -> str | None:
        """The column a header names (a column name or a label), if any."""
        column = self.header_aliases().get(_header_key(header))
        return None if column is IGNORED else column

    def prepare_headers(self, dataset) -> list[str]:
        """Renames the headers to column names (and drops the label columns an
        export writes); returns what is wrong with the header row, if anything."""
        headers = [str(header) for header in (dataset.headers or [])]
        aliases = self.header_aliases()
        columns = [aliases.get(_header_key(header)) for header in headers]
        unknown = [header for header, column in zip(headers, columns, strict=True) if column is None]
        named = [column for column in columns if column not in (None, IGNORED)]
        repeated = sorted({column for column in named if named.count(column) > 1})
        missing_keys = [column for column in self.key_columns() if column not in named]
        missing = [
            field.column_name
            for field in self.get_import_fields()
            if field.column_name not in (*named, *missing_keys) and self.is_required_column(field)
        ]
        problems = []
        if missing_keys:
            problems.append(
                _("Key columns missing: %(columns)s. Rows are matched on them; add them to the header row (line 1).")
                % {"columns": _quoted(missing_keys)}
            )
        if missing:
            problems.append(_("Required columns missing: %(columns)s.") % {"columns": _quoted(missing)})
        if unknown:
            problems.append(
                _("Unknown columns: %(columns)s. This sheet reads the columns: %(expected)s.")
                % {"columns": _quoted(unknown), "expected": _quoted(f.column_name for f in self.get_import_fields())}
            )
        if repeated:
            problems.append(_("Columns given more than once: %(columns)s.") % {"columns": _quoted(repeated)})
        if not problems:
            for header, column in zip(headers, columns, strict=True):
                if column is IGNORED:
                    del dataset[header]
            dataset.headers = [column for column in columns if column is not IGNORED]
        return problems

    # --- Export: labels as headers, what codes mean, dates as date cells ---

    def get_export_headers(self, selected_fields=None):
        labels = self.column_labels()
        fields_ = self.get_export_fields(selected_fields)
        return [header for field in fields_ for header in self.export_labels(field, labels)]

    def export_resource(self, instance, selected_fields=None, **kwargs):
        row = []
        for field in self.get_export_fields(selected_fields):
            value = self.export_field(field, instance, **kwargs)
            row.append(value)
            if self.is_choice(field):
                row.append(self._meaning(field, value))
        return row

    def _meaning(self, field, code) -> str:
        # One lookup table per column and export (the country list has 250 entries).
        meanings = self.__dict__.setdefault("_meanings", {})
        if field.column_name not in meanings:
            meanings[field.column_name] = {str(key): str(label) for key, label in field.widget.choices}
        return meanings[field.column_name].get(str(code), "")

    def export_field(self, field, instance, **kwargs):
        value = super().export_field(field, instance, **kwargs)
        if not kwargs.get("force_native_type"):
            return value
        # A workbook gets real dates and numbers (Excel sorts and sums them).
        raw = field.get_value(instance)
        if isinstance(raw, datetime.date) and not isinstance(raw, datetime.datetime):
            return raw
        if isinstance(raw, int | Decimal) and not isinstance(raw, bool) and not self.is_choice(field):
            return raw
        return value

    def after_export(self, queryset, dataset, **kwargs):
        dataset.title = sheet_title(self._meta.model)

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
