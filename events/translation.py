import simple_history
from modeltranslation.translator import TranslationOptions, register

from core.search import generated_search_columns
from events.models import Delegation, DelegationMember, Event, Initiative


@register(Event)
class EventTranslation(TranslationOptions):
    fields = ("title", "city", "description")
    required_languages = {"vi": ("title",)}


@register(Delegation)
class DelegationTranslation(TranslationOptions):
    fields = ("title", "description")
    required_languages = {"vi": ("title",)}


@register(DelegationMember)
class DelegationMemberTranslation(TranslationOptions):
    fields = ("role",)


@register(Initiative)
class InitiativeTranslation(TranslationOptions):
    fields = ("title", "description", "outcome")
    required_languages = {"vi": ("title",)}


# After translation, so history has the per-language columns.
for model in (Event, Delegation, DelegationMember, Initiative):
    # The stored search columns are derived, not history (core.search).
    simple_history.register(model, excluded_fields=generated_search_columns(model))
