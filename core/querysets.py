"""Visibility filtering shared by every model.

A record is visible to an audience when its own level is one the audience may
read *and* every related record it displays (``visibility_parents``) is too:
a public membership of an internal organization must not reveal that
organization, so it is hidden as a whole.
"""

from functools import cache

from django.db import models
from django.db.models import F, Q

from core.choices import LEVELS_FOR_AUDIENCE, Audience
from core.search import generated_search_columns


def nulls_last(expression, *, descending: bool = False):
    """The one sorting rule of lists, pages and API alike: rows without a
    value come last, whichever the direction (PostgreSQL would put them first
    when descending)."""
    if isinstance(expression, str):
        expression = F(expression)
    return expression.desc(nulls_last=True) if descending else expression.asc(nulls_last=True)


def prefetched(obj, relation: str) -> list | None:
    """The rows of ``obj.<relation>`` a selector's Prefetch already read (the
    audience's only), or None when they were not read: never a query."""
    rows = getattr(obj, "_prefetched_objects_cache", {}).get(relation)
    return None if rows is None else list(rows)


@cache
def levels_for(audience) -> tuple[str, ...]:
    return tuple(str(level) for level in LEVELS_FOR_AUDIENCE[Audience(audience)])


def visibility_q(model, audience, prefix: str = "", *, seen: tuple[str, ...] = ()) -> Q:
    """The Q that keeps only rows of ``model`` the audience may see.

    ``prefix`` lets a caller apply the rule through a relation
    (``visibility_q(Agreement, "public", "agreement__")``); ``seen`` names
    visibility parents the caller has already kept visible (the agreement of
    its nested parties): no join to check them again.
    """
    levels = levels_for(audience)
    condition = Q(**{f"{prefix}visibility__in": levels})
    for path in getattr(model, "visibility_parents", ()):
        if path in seen:
            continue
        field = _resolve_field(model, path)
        parent_q = Q(**{f"{prefix}{path}__visibility__in": levels})
        if field.null:
            parent_q |= Q(**{f"{prefix}{path}__isnull": True})
        condition &= parent_q
    return condition


def _resolve_field(model, path: str):
    field = None
    for part in path.split("__"):
        field = model._meta.get_field(part)
        model = field.related_model
    return field


class VisibleQuerySet(models.QuerySet):
    def visible_to(self, audience):
        rows = self.filter(visibility_q(self.model, audience))
        # The stored search columns (core.search) are read by the database
        # only: never worth carrying to Python (a tsvector per row).
        searched = generated_search_columns(self.model)
        return rows.defer(*searched) if searched else rows

    def public(self):
        return self.visible_to(Audience.PUBLIC)


class NaturalKeyQuerySet(VisibleQuerySet):
    """Queryset whose manager resolves the model's ``natural_key_fields``."""

    def get_by_natural_key(self, *key):
        return self.get(**dict(zip(self.model.natural_key_fields, key, strict=True)))


def visible_or_none(obj, audience):
    """``obj`` if the audience may see it, else None: for optional references
    (a person heading a delegation, a parent agreement) that must not leak."""
    if obj is None:
        return None
    return obj if obj.visibility in levels_for(audience) else None
