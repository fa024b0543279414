import simple_history
from modeltranslation.translator import TranslationOptions, register

from agreements.models import Agreement, AgreementParty, AgreementStatusChange, Commitment
from core.search import generated_search_columns


@register(Agreement)
class AgreementTranslation(TranslationOptions):
    fields = ("title", "short_title", "summary")
    required_languages = {"vi": ("title",)}


@register(AgreementParty)
class AgreementPartyTranslation(TranslationOptions):
    fields = ("signatory",)


@register(AgreementStatusChange)
class AgreementStatusChangeTranslation(TranslationOptions):
    fields = ("note",)


@register(Commitment)
class CommitmentTranslation(TranslationOptions):
    # The chapter reference too ("Chương 6" / "Chapter 6"): an English page
    # must not show the Vietnamese.
    fields = ("reference", "title", "text", "evidence")
    required_languages = {"vi": ("title",)}


# After translation, so history has the per-language columns.
for model in (Agreement, AgreementParty, AgreementStatusChange, Commitment):
    # The stored search columns are derived, not history (core.search).
    simple_history.register(model, excluded_fields=generated_search_columns(model))
