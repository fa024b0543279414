"""Accent- and case-insensitive search for Vietnamese, on PostgreSQL and SQLite.

``coopdb_unaccent`` is an IMMUTABLE SQL wrapper around PostgreSQL's
``unaccent`` (created by a migration, so it can back an index), and a Python
function registered on each SQLite connection. Both map đ→d and strip tone
marks, so "hop tac" finds "hợp tác" and "do luong" finds "đo lường".
"""

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.backends.signals import connection_created
from django.db.models import CharField, Q, TextField, Transform
from django.dispatch import receiver


def fold(text: str) -> str:
    """The Python twin of the SQL folding: strip diacritics, map đ, lower."""
    text = str(text).replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


class Folded(Transform):
    """``field__folded__contains="hop tac"``: compares diacritic-free lower case."""

    lookup_name = "folded"
    output_field = TextField()

    def as_sql(self, compiler, connection):
        sql, params = compiler.compile(self.lhs)
        return f"LOWER(coopdb_unaccent({sql}))", params


CharField.register_lookup(Folded)
TextField.register_lookup(Folded)


def search_q(query: str, fields) -> Q:
    """Every word of ``query`` must occur, folded, in one of ``fields``."""
    words = fold(query).split()
    if not words:
        return Q()
    per_word = [reduce(or_, (Q(**{f"{field}__folded__contains": word}) for field in fields)) for word in words]
    return reduce(lambda a, b: a & b, per_word)


@dataclass(frozen=True)
class SearchIndex:
    """What the site-wide search reads of one model, declared by its app in
    ``<app>/search.py`` and registered in ``core.registry.search_indexes`` (as
    NetBox's per-app ``search.py``): the fields searched, where the model's list
    lives, and any other way a row matches (an organization by a former name)."""

    key: str
    label: str
    list_url_name: str
    model: type
    fields: tuple[str, ...]
    select_related: tuple[str, ...] = ()
    also: Callable | None = None  # (query, audience) -> Q

    def matches(self, query: str, audience):
        """The rows ``audience`` may see that match every word of ``query``."""
        condition = search_q(query, self.fields)
        if self.also:
            condition |= self.also(query, audience)
        rows = self.model.objects.visible_to(audience)
        if self.select_related:
            rows = rows.select_related(*self.select_related)
        return rows.filter(condition)


@receiver(connection_created)
def _register_sqlite_unaccent(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "coopdb_unaccent", 1, lambda value: None if value is None else fold(value), deterministic=True
        )
