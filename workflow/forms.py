import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from workflow.selectors import horizons

MAX_REPORT_YEARS = 50


class RadarForm(forms.Form):
    days = forms.TypedChoiceField(label=_("Horizon"), coerce=int, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        steps = horizons()
        self.fields["days"].choices = [(step, _("%(days)s days") % {"days": step}) for step in steps]
        self.default_days = steps[len(steps) // 2]

    def horizon(self) -> int:
        if self.is_valid() and self.cleaned_data["days"]:
            return self.cleaned_data["days"]
        return self.default_days


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))

    @staticmethod
    def default_period() -> dict:
        today = timezone.localdate()
        return {"start": datetime.date(today.year, 1, 1), "end": today}

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end:
            if start > end:
                raise forms.ValidationError(_("The period must not end before it starts."))
            if end.year - start.year > MAX_REPORT_YEARS:
                raise forms.ValidationError(
                    _("Choose a period of at most %(years)s years.") % {"years": MAX_REPORT_YEARS}
                )
        return cleaned
