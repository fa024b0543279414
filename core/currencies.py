"""ISO 4217 currencies from Babel's CLDR data (codes and their names in
Vietnamese and English), never a list of our own."""

from functools import cache

from babel.numbers import get_currency_name, list_currencies
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


@cache
def currency_codes() -> frozenset[str]:
    return frozenset(list_currencies())


def normalise_currency(value) -> str:
    return "" if value is None else str(value).strip().upper()


@cache
def _choices_in(language: str) -> tuple:
    locale = "vi" if language.startswith("vi") else "en"
    named = ((code, f"{code} — {get_currency_name(code, locale=locale)}") for code in sorted(currency_codes()))
    return (("", "---------"), *named)


def currency_choices() -> tuple:
    """(code, "USD — Đô la Mỹ") in the active language, empty first."""
    return _choices_in(get_language() or "vi")


def validate_currency(value: str) -> None:
    if value and value not in currency_codes():
        raise ValidationError(
            _("“%(value)s” is not an ISO 4217 currency code (e.g. USD, EUR, CHF, VND)."),
            code="invalid_currency",
            params={"value": value},
        )


class CurrencyField(models.CharField):
    """A three-letter ISO 4217 code, upper-cased on the way in (forms and imports)."""

    default_validators = [validate_currency]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 3)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        return normalise_currency(super().to_python(value))

    def formfield(self, **kwargs):
        from core.forms import CurrencyChoiceField

        return super().formfield(**{"form_class": CurrencyChoiceField, "choices_form_class": None, **kwargs})
