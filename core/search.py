"""Accent- and case-insensitive search for Vietnamese, on PostgreSQL and SQLite.

``coopdb_unaccent`` is an IMMUTABLE SQL wrapper around PostgreSQL's
``unaccent`` (created by a migration, so it can back an index), and a Python
function registered on each SQLite connection. Both map đ→d and strip tone
marks, so "hop tac" finds "hợp tác" and "do luong" finds "đo lường".
"""

import unicodedata
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


@receiver(connection_created)
def _register_sqlite_unaccent(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "coopdb_unaccent", 1, lambda value: None if value is None else fold(value), deterministic=True
        )
