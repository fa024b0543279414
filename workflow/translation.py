import simple_history
from modeltranslation.translator import TranslationOptions, register

from workflow.models import Document


@register(Document)
class DocumentTranslation(TranslationOptions):
    fields = ("title",)


# After translation, so history has the per-language columns.
simple_history.register(Document)
