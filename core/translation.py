import simple_history
from modeltranslation.translator import TranslationOptions, register

from core.models import ReportedFigure, Source


@register(Source)
class SourceTranslation(TranslationOptions):
    fields = ("title", "note")
    required_languages = {"vi": ("title",)}


@register(ReportedFigure)
class ReportedFigureTranslation(TranslationOptions):
    fields = ("label", "quote")
    required_languages = {"vi": ("label",)}


# History is registered after translation so the historical models get the
# per-language columns (docs/architecture.md, "Known pitfalls").
for model in (Source, ReportedFigure):
    simple_history.register(model)
