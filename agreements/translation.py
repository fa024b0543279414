import simple_history
from modeltranslation.translator import TranslationOptions, register

from agreements.models import Agreement, AgreementParty, AgreementStatusChange, Commitment


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
    simple_history.register(model)
