from django import forms
from django.utils.translation import gettext_lazy as _

from webhooks.choices import RecordKind
from webhooks.models import Subscription


class SubscriptionForm(forms.ModelForm):
    # The model's validators (schemes, private addresses) still run on save.
    url = forms.URLField(label=_("URL"), max_length=500, assume_scheme="https")
    kinds = forms.MultipleChoiceField(
        label=_("kinds of record"),
        choices=RecordKind.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Changes to these kinds of record are sent."),
    )

    class Meta:
        model = Subscription
        fields = ("ministry", "name", "url", "audience", "kinds", "secret", "active")
