"""How CoopDB reads what staff type: dates and numbers, the same rule for every
entry point (admin forms and inlines, list filters, imports, commands).

Dates: the per-language format modules (coopdb/formats/<lang>/formats.py)
hold the one list of input formats, day first, never month first.
Numbers: a decimal comma and a decimal point are both read; a number that
could be read two ways ("5.200", "1,234") is refused, never guessed.
"""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.db import models
from django.utils import formats
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

# Plausible dates for this registry: a year 1 or 9999 is a typing slip.
EARLIEST_DATE = datetime.date(1900, 1, 1)
LATEST_DATE = datetime.date(2100, 12, 31)
# Bodies founded before 1900 are real (BIPM 1875, ITU 1865): founding dates
# reach back as far as Organization.founded_year (1800).
# Organizations and their names go back further than the registry's events.
EARLIER_DATES = {
    "organizations.organization.founded_on": datetime.date(1800, 1, 1),
    "organizations.organizationname.valid_from": datetime.date(1800, 1, 1),
    "organizations.organizationname.valid_until": datetime.date(1800, 1, 1),
}


def earliest_date(db_field) -> datetime.date:
    label = f"{db_field.model._meta.label_lower}.{db_field.name}"
    return EARLIER_DATES.get(label, EARLIEST_DATE)


def date_input_formats() -> list[str]:
    """The active language's input formats (the same, day first, in every language)."""
    return list(formats.get_format("DATE_INPUT_FORMATS"))


def parse_date(text: str) -> datetime.date | None:
    """``text`` read with the format module's input formats, or None."""
    text = str(text).strip()
    for fmt in date_input_formats():
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def implausible_date_message(earliest=EARLIEST_DATE):
    # Lazy: the constraints are built at import time, shown in the request's language.
    return format_lazy(
        _("Enter a date between {earliest} and {latest}; check the year."),
        earliest=earliest.year,
        latest=LATEST_DATE.year,
    )


def plausible_date_constraints(prefix: str, *fields: str, earliest=EARLIEST_DATE) -> list[models.CheckConstraint]:
    """One check per date field: empty, or between ``earliest`` and LATEST_DATE."""
    return [
        models.CheckConstraint(
            condition=models.Q(**{f"{field}__isnull": True})
            | models.Q(**{f"{field}__gte": earliest, f"{field}__lte": LATEST_DATE}),
            name=f"{prefix}_{field}_plausible",
            violation_error_message=implausible_date_message(earliest),
        )
        for field in fields
    ]


class AmbiguousNumber(ValueError):
    """A number that reads differently with a decimal comma and a decimal point."""


_GROUPED = {
    ".": re.compile(r"^\d{1,3}(\.\d{3})+$"),
    ",": re.compile(r"^\d{1,3}(,\d{3})+$"),
}


def _plain(integer_part: str, grouping: str) -> str:
    """``integer_part`` without its thousands separators, or ValueError if they
    are not in threes."""
    if grouping in integer_part:
        if not _GROUPED[grouping].match(integer_part):
            raise ValueError(integer_part)
        return integer_part.replace(grouping, "")
    return integer_part


def parse_decimal(text: str) -> Decimal:
    """Read a number written the Vietnamese or the English way.

    "5200,50", "5200.50", "5.200,50" and "5,200.50" are all 5200.50; the last
    of two different marks is the decimal one. One mark followed by exactly
    three digits ("5.200", "1,234") could be a thousands separator or a
    decimal mark: AmbiguousNumber. Several equal marks in threes ("1.234.567")
    can only be thousands separators. Anything else: ValueError.
    """
    compact = re.sub(r"[\s\u00a0\u202f]", "", str(text))
    sign = ""
    if compact[:1] in "+-":
        sign, compact = compact[0].replace("+", ""), compact[1:]
    if not re.fullmatch(r"[\d.,]*\d[\d.,]*", compact):
        raise ValueError(text)
    marks = [ch for ch in compact if ch in ".,"]
    if not marks:
        plain = compact
    elif len(set(marks)) == 2:
        decimal_mark = marks[-1]
        grouping = "," if decimal_mark == "." else "."
        if marks.count(decimal_mark) != 1:
            raise ValueError(text)
        integer_part, fraction = compact.split(decimal_mark)
        plain = f"{_plain(integer_part, grouping)}.{fraction}"
    elif len(marks) > 1:
        plain = _plain(compact, marks[0])  # 1.234.567: only thousands separators repeat
    else:
        integer_part, fraction = compact.split(marks[0])
        if len(fraction) == 3 and integer_part not in ("", "0"):
            raise AmbiguousNumber(text)
        plain = f"{integer_part or '0'}.{fraction}"
    try:
        return Decimal(sign + plain)
    except InvalidOperation:
        raise ValueError(text) from None


# Reminder lead times typed per record ("60, 14, 1"): how many days before a
# deadline someone is reminded. A year ahead is the furthest a reminder goes.
LEAD_DAYS_MAX = 366
LEAD_DAYS_COUNT = 6
LEAD_DAYS_SEPARATORS = re.compile(r"[\s,;]+")


def parse_lead_days(text: str) -> tuple[int, ...]:
    """``"60, 14, 1"`` as (60, 14, 1), largest first; () for an empty text.
    Raises ValidationError with a message staff can act on."""
    from django.core.exceptions import ValidationError

    parts = [part for part in LEAD_DAYS_SEPARATORS.split(str(text or "").strip()) if part]
    if not all(part.isdigit() for part in parts):
        raise ValidationError(
            _("Type whole numbers of days separated by commas, e.g. 60, 14, 1."), code="lead_days_format"
        )
    days = sorted({int(part) for part in parts}, reverse=True)
    if any(day > LEAD_DAYS_MAX for day in days):
        raise ValidationError(
            _("A reminder can be at most %(max)d days before the deadline."),
            code="lead_days_range",
            params={"max": LEAD_DAYS_MAX},
        )
    if len(days) > LEAD_DAYS_COUNT:
        raise ValidationError(
            _("At most %(count)d reminders per record."), code="lead_days_count", params={"count": LEAD_DAYS_COUNT}
        )
    return tuple(days)


def stored_lead_days(value: str) -> tuple[int, ...]:
    """A ``LeadDaysField``'s stored text ("60,14,1") as days, largest first."""
    return tuple(int(day) for day in value.split(",") if day)


class LeadDaysField(models.CharField):
    """Days before the deadline to remind, stored normalised ("60,14,1");
    empty: the defaults (COOPDB_RADAR_HORIZONS). Text, not an array, so the
    same column works on SQLite for ``make run``."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return ",".join(str(day) for day in parse_lead_days(value))
