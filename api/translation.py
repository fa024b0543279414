import simple_history
from modeltranslation.translator import TranslationOptions, register

from api.models import Ministry, MinistryAPIKey


@register(Ministry)
class MinistryTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = {"vi": ("name",)}


# Who created or revoked which key, and when (registered after translation, so
# the historical models get the per-language columns).
for model in (Ministry, MinistryAPIKey):
    simple_history.register(model)
