"""How a spreadsheet cell becomes a value and back (django-import-export
widgets): text, dates, numbers, yes/no, choices by code or label, related
records by key. The import bases that use them are core.resources."""

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import MultipleObjectsReturned, ObjectDoesNotExist
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from import_export import widgets

from core.inputs import parse_date
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
