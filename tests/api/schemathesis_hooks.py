"""Schemathesis hooks: valid cursors for schema-valid requests.

A cursor is opaque: the schema states its characters (``^[A-Za-z0-9_-]*$``)
but cannot say which strings of them are positions in a list, so a random one
is rightly a 400. Before a schema-valid ("positive") request that carries a
non-empty cursor is sent, this hook replaces the cursor with a real one, read
from the ``next`` link of the same list with the same ordering (a one-row
JSON page), or drops it when that list has no second row. Invalid
("negative") requests keep whatever was generated, and must be refused.

Loaded by the suite (tests/api/test_schema.py) and by a CLI run::

    SCHEMATHESIS_HOOKS=tests.api.schemathesis_hooks .venv/bin/schemathesis run ...
"""

from urllib.parse import parse_qs, urlsplit

import schemathesis
from schemathesis.core.parameters import ParameterLocation

# A list's cursor, and the change feed's position: both opaque, both read
# from the ``next`` link of a one-row page.
CURSORS = ("cursor", "after")
# The parameters a cursor depends on (its sort keys): the ordering, and a
# search, whose rank leads the order. The rest may change between pages.
KEPT = ("ordering", "q")
# How many cursors were replaced by real ones (the suite checks some were).
replaced = []


def is_positive_query(case) -> bool:
    meta = getattr(case, "meta", None)
    return meta is None or not meta.is_negative_at(ParameterLocation.QUERY)


def real_cursor(case, kwargs, name: str) -> str | None:
    """The cursor after the first row of the case's list, in its ordering."""
    query = {name: value for name, value in case.query.items() if name in KEPT}
    probe = case.operation.Case(query={**query, "limit": 1, "format": "json"}, headers=dict(case.headers or {}))
    response = probe.call(**kwargs)
    if response.status_code != 200:
        return None
    link = response.json().get("next")
    return parse_qs(urlsplit(link).query)[name][0] if link else None


@schemathesis.hook
def before_call(context, case, kwargs):
    name = next((name for name in CURSORS if case.query and case.query.get(name)), None)
    if name is None or not is_positive_query(case):
        return
    cursor = real_cursor(case, kwargs, name)
    if cursor:
        case.query[name] = cursor
        replaced.append(case.operation.label)
    else:
        del case.query[name]
