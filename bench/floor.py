"""The floor: each API page built as JSON by PostgreSQL in one statement.

The row JSON and its joins are the app's own (``<app>/api/projections.py``,
from api.projection's blocks: the JSON the API's lists send), so the floor
cannot drift from the API; what this adds is the rest of a page in the same
statement: the visibility filter, the list's default order (undated rows last
in both directions, as in api/pagination.py) and the limit, instead of the
API's separate read of the page's keys. Parameters: :func:`parameters` plus
``limit``, or ``pk`` for a detail.
"""

from django.test import RequestFactory

from agreements.api.projections import AGREEMENT, COMMITMENT
from api import projection
from core.choices import Audience
from events.api.projections import EVENT
from organizations.api.projections import ORGANIZATION

# name: (projection, visibility WHERE, ORDER BY) for each list.
LISTS = {
    "agreements": (AGREEMENT, "t.visibility = ANY(%(levels)s)", "t.signed_on DESC NULLS LAST, t.slug, t.id"),
    "commitments": (
        COMMITMENT,
        "t.visibility = ANY(%(levels)s) AND a.visibility = ANY(%(levels)s)",
        "t.deadline ASC NULLS LAST, t.code, t.id",
    ),
    "events": (EVENT, "t.visibility = ANY(%(levels)s)", "t.start_on DESC NULLS LAST, t.slug, t.id"),
    "organizations": (ORGANIZATION, "t.visibility = ANY(%(levels)s)", "t.acronym, t.slug, t.id"),
}


def parameters(request=None, **extra) -> dict:
    """The statements' parameters for an anonymous caller; links on
    ``request``'s host (the test client's, ``testserver``, without one)."""
    request = request or RequestFactory().get("/")
    return {**projection.parameters(request, Audience.PUBLIC), **extra}


def list_sql(name: str) -> str:
    """One page of the list, as the text of ``{"results": [...]}``."""
    rows, where, order = LISTS[name]
    return (
        # json_agg keeps the order of the sorted, limited subquery it reads.
        f"SELECT json_build_object('results', COALESCE(json_agg(page.doc), '[]'))::text FROM ("
        f"SELECT {rows.row} AS doc FROM {rows.source} WHERE {where} ORDER BY {order} LIMIT %(limit)s) page"
    )


def detail_sql(name: str) -> str:
    rows, where, _order = LISTS[name]
    return f"SELECT ({rows.row})::text FROM {rows.source} WHERE {where} AND t.id = %(pk)s"
