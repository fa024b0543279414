"""Reads over every registry model, below the apps that define them: the
models are found through the app registry, never imported."""

from functools import reduce
from operator import or_

from django.apps import apps
from django.db.models import Q

from core.models import Record, Source


def is_registry_model(model, *, sources: bool = True) -> bool:
    """Whether ``model`` holds the registry's data: a ``Record`` (every one
    carries a visibility and a source) or, unless ``sources=False``, a
    ``Source``. The one definition the listeners of registry writes share
    (core.counts, opendata.signals, api.changes through record_models)."""
    return isinstance(model, type) and issubclass(model, (Record, Source) if sources else Record)


def record_models() -> list[type[Record]]:
    """Every concrete registry model (all carry a visibility and a source)."""
    return [model for model in apps.get_models() if is_registry_model(model, sources=False)]


def sources_visible_to(audience):
    """Sources cited by at least one record the audience may see.

    A source has no level of its own; the title of a document cited only by
    internal records would itself reveal something, so it stays hidden too.
    """
    cited = [Q(pk__in=model.objects.visible_to(audience).values("source_id")) for model in record_models()]
    return Source.objects.filter(reduce(or_, cited))
