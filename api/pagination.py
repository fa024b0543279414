"""Keyset ("cursor") pagination: no COUNT, no OFFSET, any whitelisted ordering.

A page is "the next ``limit`` rows after the last row you saw", in the list's
ordering plus the primary key as a tie-breaker. The cursor carries that last
row's sort values, so a deep page costs what the first does. DRF's own
CursorPagination keys on the first ordering column only and breaks on null
values (``signed_on`` is often unknown); this one compares the whole tuple and
places nulls explicitly: last in both directions, as the public pages do
(core.listing.Sort), so an undated row never heads a list.
"""

import base64
import binascii
import datetime
import decimal
import json
from dataclasses import dataclass
from functools import reduce
from operator import and_, or_

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import connections
from django.db.models import F, IntegerField, OrderBy, Q
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from core.querysets import nulls_last
from core.search import RANK_FIELD, SEARCH_RANK, search_tiers

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
# What encode_cursor emits (unpadded URL-safe base64), or empty for the first page.
CURSOR_PATTERN = "^[A-Za-z0-9_-]*$"
CURSOR_DESCRIPTION = (
    "Where the page starts: copy it from the previous page's `next` link, never build one. It holds the "
    "last row's sort values, so it is only valid with the same `ordering` (any other filters may change). "
    "Empty or absent: the first page. With `format=csv`: the rest of the list after that position. "
    "A string of the right characters that is no cursor of this list is a 400."
)


@dataclass(frozen=True)
class SortKey:
    path: str
    descending: bool

    @property
    def term(self) -> str:
        return f"-{self.path}" if self.descending else self.path

    def order_by(self):
        return nulls_last(self.path, descending=self.descending)

    def beyond(self, value) -> Q:
        """Rows strictly after ``value`` in this column's direction (nulls come last)."""
        if value is None:
            return Q(pk__in=[])  # nothing sorts after a null
        lookup = "lt" if self.descending else "gt"
        return Q(**{f"{self.path}__{lookup}": value}) | Q(**{f"{self.path}__isnull": True})

    def equal(self, value) -> Q:
        return Q(**{f"{self.path}__isnull": True}) if value is None else Q(**{self.path: value})


def sort_keys(queryset) -> list[SortKey]:
    """The queryset's ordering as SortKeys, made total with the primary key."""
    keys = [_sort_key(term) for term in queryset.query.order_by]
    if not any(key.path in ("pk", "id") for key in keys):
        keys.append(SortKey("pk", False))
    return keys


def _sort_key(term) -> SortKey:
    """A field name (``-signed_on``) or a selector's nulls-last column
    (core.querysets.nulls_last) as a SortKey; anything else cannot be paged."""
    if isinstance(term, str):
        return SortKey(term.lstrip("-"), term.startswith("-"))
    if isinstance(term, OrderBy) and isinstance(term.expression, F):
        return SortKey(term.expression.name, term.descending)
    raise AssertionError("Keyset pagination needs field-name orderings.")


def order_by_keys(queryset, keys):
    return queryset.order_by(*[key.order_by() for key in keys])


def after(keys, values, model=None) -> Q:
    """Rows after the row whose sort values are ``values`` (lexicographic)."""
    return leading_bound(keys[0], values[0], model) & _terms(keys, values)


def after_parts(keys, values, model=None) -> list[Q]:
    """:func:`after` as conditions to read in turn, each one an index on the
    ordering can start from. After a known value of a nullable first column,
    the rows that follow are the rest of the known values (bounded by
    ``x <= value``, or ``>=`` ascending) and then the null tail (``x IS NULL``):
    two index range reads instead of one OR that no index serves."""
    first, value = keys[0], values[0]
    nullable = model is not None and _model_field(model, first.path).null
    if value is None or not nullable:
        return [after(keys, values, model)]
    direction = "lt" if first.descending else "gt"
    bound = Q(**{f"{first.path}__{direction}e": value})
    beyond = Q(**{f"{first.path}__{direction}": value}) | Q(**{first.path: value}) & _terms(keys[1:], values[1:])
    return [bound & beyond, Q(**{f"{first.path}__isnull": True})]


def page_parts(queryset, keys, values=None) -> tuple[list, list[Q]]:
    """The conditions a page (the first, or the one after ``values``) is read
    from in turn, and the keys each is read in.

    A list ranked by search tiers (core.search.ranked, the rank first and
    descending) is read tier by tier, each in the list's own order: the
    rest of the cursor's tier, then each tier below it from its start. Each
    part is the tier's own condition (an index can serve it: the ``UPPER``
    of the exact columns, the GIN of the document) and the rank equal to
    the tier (a row in no higher tier), ordered by the list's keys alone,
    so for a common term PostgreSQL walks the list's order index and stops
    after a page, and for a selective one it sorts the few GIN candidates."""
    tiers = search_tiers(queryset) if keys[0].path == SEARCH_RANK and keys[0].descending else None
    if tiers is None:
        return keys, [Q()] if values is None else after_parts(keys, values, queryset.model)
    rest, parts = keys[1:], []
    for position, (tier, condition) in enumerate(tiers):
        # In no higher tier, as its own conditions (the rank's CASE compared
        # to the tier is the same rows, but PostgreSQL would estimate it at
        # 0.5 % and sort a common term's tier instead of walking its index).
        within = reduce(and_, [~higher for _tier, higher in tiers[:position]], condition)
        if values is None or tier < values[0]:
            parts.append(within)
        elif tier == values[0]:
            parts += [within & part for part in after_parts(rest, values[1:], queryset.model)]
    return rest, parts or [Q(pk__in=[])]


def _terms(keys, values) -> Q:
    condition = Q(pk__in=[])
    same_so_far = Q()
    for key, value in zip(keys, values, strict=True):
        condition |= same_so_far & key.beyond(value)
        same_so_far &= key.equal(value)
    return condition


def leading_bound(key: SortKey, value, model) -> Q:
    """A condition on the first sort column alone that the rows after the
    cursor all meet. It changes no result, but unlike the OR of terms above,
    an index on the ordering can start from it (a deep page then costs what
    the first does). Nulls come last in both directions."""
    if value is None:
        return Q(**{f"{key.path}__isnull": True})
    bound = Q(**{f"{key.path}__{'lte' if key.descending else 'gte'}": value})
    nullable = model is not None and _model_field(model, key.path).null
    return bound | Q(**{f"{key.path}__isnull": True}) if nullable else bound


def row_values(row, keys) -> list:
    values = []
    for key in keys:
        value = row
        for part in key.path.split("__"):
            value = getattr(value, part) if value is not None else None
        values.append(value)
    return values


def _model_field(model, path: str):
    if path == SEARCH_RANK:
        return RANK_FIELD  # the ``?q=`` rank (core.search), an annotation, exact as a decimal
    field = None
    for part in path.split("__"):
        field = model._meta.pk if part == "pk" else model._meta.get_field(part)
        model = field.related_model
    return field


def _jsonable(value):
    if isinstance(value, datetime.date | datetime.datetime | decimal.Decimal):
        return str(value) if isinstance(value, decimal.Decimal) else value.isoformat()
    return value


def to_cursor(text: str) -> str:
    """``text`` as an opaque cursor: URL-safe base64 without padding (the
    lists' and the change feed's)."""
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def from_cursor(cursor: str) -> bytes:
    """What to_cursor wrapped; ValueError (binascii.Error is one) when ``cursor`` is not base64."""
    return base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))


def encode_cursor(keys, values) -> str:
    payload = {"o": [key.term for key in keys], "v": [_jsonable(value) for value in values]}
    return to_cursor(json.dumps(payload, separators=(",", ":")))


def decode_cursor(cursor: str, keys, model) -> list:
    """The sort values in ``cursor``, checked against the list's ordering and
    the model's field types; anything else is a 400, never a 500."""
    invalid = exceptions.ValidationError({"cursor": [_("This cursor is not valid for this list.")]})
    try:
        payload = json.loads(from_cursor(cursor))
        terms, raw_values = payload["o"], payload["v"]
    except (ValueError, TypeError, KeyError, binascii.Error) as exc:
        raise invalid from exc
    if not isinstance(raw_values, list) or terms != [key.term for key in keys]:
        raise invalid
    try:
        return [_checked(model, key, raw) for key, raw in zip(keys, raw_values, strict=True)]
    except (ValidationError, ValueError, TypeError, FieldDoesNotExist) as exc:
        raise invalid from exc


def _checked(model, key, raw):
    if raw is None:
        return None
    if not isinstance(raw, str | int | float | bool) or (isinstance(raw, str) and "\x00" in raw):
        raise ValueError("not a value PostgreSQL can compare")
    field = _model_field(model, key.path)
    value = field.to_python(raw)
    if isinstance(field, IntegerField):
        field.run_validators(value)  # the column's range: a bigger number would be a database error
    return value


class KeysetPagination(BasePagination):
    limit_query_param = "limit"
    cursor_query_param = "cursor"

    def paginate_queryset(self, queryset, request, view=None):
        keys = sort_keys(queryset)
        return self._page(queryset, keys, request, lambda row: row_values(row, keys))

    def paginate_keys(self, queryset, request) -> list:
        """The page's primary keys alone, in page order (a list built by
        PostgreSQL, api.projection, reads its rows by them): the same page
        and ``next`` as paginate_queryset, from the sort values only."""
        keys = sort_keys(queryset)
        queryset = queryset.select_related(None).prefetch_related(None)
        pk_at = next(index for index, key in enumerate(keys) if key.path in ("pk", "id"))

        def sort_values(rows):
            return rows.values_list(*[key.path for key in keys])

        return [row[pk_at] for row in self._page(queryset, keys, request, list, sort_values)]

    def _page(self, queryset, keys, request, values_of, read=lambda rows: rows) -> list:
        """Up to ``limit`` rows of ``queryset`` after the cursor, each as
        ``read`` gives it; sets the next cursor from the last one's sort values
        (``values_of(row)``)."""
        self.request = request
        limit = self.get_limit(request)
        cursor = request.query_params.get(self.cursor_query_param)
        ordered = order_by_keys(queryset, keys)
        values = decode_cursor(cursor, keys, queryset.model) if cursor else None
        rows = self._rows(ordered, keys, values, limit + 1, read)
        self.next_cursor = encode_cursor(keys, values_of(rows[limit - 1])) if len(rows) > limit else None
        return rows[:limit]

    def after_cursor(self, queryset, request):
        """The queryset in its total order, from the row after the cursor (all
        of it without one, or with an empty one). A CSV export starts there too."""
        keys = sort_keys(queryset)
        cursor = request.query_params.get(self.cursor_query_param)
        queryset = order_by_keys(queryset, keys)
        if cursor:
            queryset = queryset.filter(after(keys, decode_cursor(cursor, keys, queryset.model), queryset.model))
        return queryset

    @staticmethod
    def _rows(queryset, keys, values, count: int, read=lambda rows: rows) -> list:
        """Up to ``count`` rows, from the start or after the cursor's
        ``values``, read in parts (:func:`page_parts`), each as ``read`` gives it."""
        part_keys, parts = page_parts(queryset, keys, values)
        if len(parts) == 1:  # the rows of one tier keep its order: the list's
            return list(read(order_by_keys(queryset, part_keys).filter(parts[0]))[:count])
        if not connections[queryset.db].features.supports_slicing_ordering_in_compound:
            # SQLite (make run) cannot cut the parts of a UNION: one OR, as small data allows.
            return list(read(queryset.filter(reduce(or_, parts)))[:count])
        # One query all the same (a fixed count per page). The parts follow
        # one another in the list's order, each read in index order and cut
        # at ``count``; the LIMIT over their UNION ALL stops PostgreSQL's
        # Append (which runs its parts in turn) once a page is full, so a
        # later part (a lower tier, the null tail) is not read at all when an
        # earlier one fills the page. (No Parallel Append can interleave them:
        # PostgreSQL plans one for a UNION only when every part has a partial
        # path, and a part cut by LIMIT has none.) The outer query orders the page.
        keys_only = order_by_keys(queryset.select_related(None).prefetch_related(None), part_keys).values("pk")
        first, *others = [keys_only.filter(part)[:count] for part in parts]
        return list(read(queryset.filter(pk__in=first.union(*others, all=True)[:count]))[:count])

    def get_limit(self, request) -> int:
        raw = request.query_params.get(self.limit_query_param)
        if raw is None:
            return DEFAULT_LIMIT
        try:
            limit = int(raw)
        except ValueError:
            limit = 0
        if not 1 <= limit <= MAX_LIMIT:
            raise exceptions.ValidationError(
                {self.limit_query_param: [_("Give a whole number from 1 to %(max)d.") % {"max": MAX_LIMIT}]}
            )
        return limit

    def get_next_link(self):
        if self.next_cursor is None:
            return None
        return replace_query_param(self.request.build_absolute_uri(), self.cursor_query_param, self.next_cursor)

    def get_paginated_response(self, data):
        return Response({"next": self.get_next_link(), "results": data})

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["next", "results"],
            "properties": {
                "next": {
                    "type": "string",
                    "format": "uri",
                    "nullable": True,
                    "description": "The next page, or null on the last one.",
                },
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.limit_query_param,
                "required": False,
                "in": "query",
                "description": str(_("Rows per page (default %(default)d).") % {"default": DEFAULT_LIMIT}),
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT},
            },
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": CURSOR_DESCRIPTION,
                "schema": {"type": "string", "pattern": CURSOR_PATTERN},
            },
        ]
