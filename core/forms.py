"""Form fields that read what staff type by the rules of core.inputs (dates day
first, a decimal comma or point, ISO 4217 currencies), used by every admin
form and inline through core.admin.CoopAdminMixin."""

from django import forms
from django.contrib.admin.widgets import AdminDateWidget
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.forms.models import BaseInlineFormSet
from django.utils.html import format_html
from django.utils.text import get_text_list
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.currencies import currency_choices, normalise_currency
from core.inputs import EARLIEST_DATE, LATEST_DATE, AmbiguousNumber, implausible_date_message, parse_decimal

DATE_FORMAT_HINT = _("day/month/year, e.g. 01/07/2019")


def plausible_date_validators(earliest=EARLIEST_DATE) -> list:
    message = implausible_date_message(earliest)
    return [
        MinValueValidator(earliest, message=message),
        MaxValueValidator(LATEST_DATE, message=message),
    ]


class HintedDateWidget(AdminDateWidget):
    """The admin's date box and calendar (which writes DATE_INPUT_FORMATS[0],
    day first), with the format written next to it."""

    def __init__(self, attrs=None, format=None):
        super().__init__(attrs={"placeholder": _("dd/mm/yyyy"), **(attrs or {})}, format=format)

    def render(self, name, value, attrs=None, renderer=None):
        box = super().render(name, value, attrs, renderer)
        return format_html('{}<span class="date-format-hint help">{}</span>', box, DATE_FORMAT_HINT)


class LocalDecimalField(forms.DecimalField):
    """A number typed with a decimal comma or point (core.inputs.parse_decimal),
    shown in the active language's writing. A text box, not type=number:
    browsers drop or reinterpret a comma in a number box."""

    widget = forms.TextInput(attrs={"inputmode": "decimal"})
    default_error_messages = {
        "ambiguous": _(
            "“%(value)s” can be read two ways. Write the decimals with a comma (5200,50) "
            "or leave out the thousands separator (5200)."
        ),
    }

    def __init__(self, **kwargs):
        kwargs["localize"] = True  # shown as the list shows it: 5200,50 in Vietnamese
        kwargs.pop("widget", None)  # never the browser's number box
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values or (isinstance(value, str) and not value.strip()):
            return None
        try:
            return parse_decimal(value)
        except AmbiguousNumber:
            raise ValidationError(self.error_messages["ambiguous"], code="ambiguous", params={"value": value}) from None
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


class CurrencyChoiceField(forms.TypedChoiceField):
    """An ISO 4217 code, picked by code or by its name in the active language;
    a posted "usd" is read as USD."""

    def __init__(self, **kwargs):
        for unused in ("max_length", "min_length", "empty_value"):
            kwargs.pop(unused, None)
        kwargs["choices"] = currency_choices
        super().__init__(empty_value="", **kwargs)

    def to_python(self, value):
        return normalise_currency(super().to_python(value))


class LabelledInlineFormSet(BaseInlineFormSet):
    """Duplicate rows are named by the fields' labels ("trạng thái"), not by
    their code names ("status")."""

    def get_unique_error_message(self, unique_check):
        labels = [str(self.model._meta.get_field(name).verbose_name) for name in unique_check]
        if len(labels) == 1:
            return gettext("Please correct the duplicate data for %(field)s.") % {"field": labels[0]}
        return gettext("Please correct the duplicate data for %(field)s, which must be unique.") % {
            "field": get_text_list(labels, gettext("and")),
        }
