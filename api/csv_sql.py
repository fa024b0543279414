"""CSV exports built by PostgreSQL: ``COPY (SELECT …) TO STDOUT WITH (FORMAT csv)``.

The cells are the ones api.renderers writes from the serializer's output
(flattened columns, nested lists as JSON text, formula-like text prefixed
with ``'``), byte for byte, without a model instance or a Python string per
cell. The columns come from the serializer itself (``columns()``): every
field is turned into SQL by its kind (a bilingual text, a date, a link, a
nested record shown only when visible, ...), so a field the SQL cannot
produce is an error, not a missing column (tests/api/test_csv_fast.py).
What the serializer computes (a ``SerializerMethodField``) and the nested
lists' rows are declared by the viewset (``CopyPlan``).

The statement has two levels:

* inside, the selector's queryset (filters, cursor, order, visibility), its
  ``values()`` reduced to the raw values the cells need (``csv_r0``, …):
  columns, joined columns, visibility flags and one correlated subquery per
  nested list that builds its JSON text;
* outside, one expression per cell formatting those raw values as Python's
  csv module and DRF would (dates, time zone, booleans, empty → null).

The inner query keeps its ORDER BY, so PostgreSQL does not merge it into the
outer projection and every raw value (a subquery) is computed once per row.
PostgreSQL ends each CSV line with ``\\n``; a line is one COPY message, so
each gets the ``\\r\\n`` Python writes. The whole COPY is read before the
response starts (``stream``).
"""

import json
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.db import connections
from django.db.models import BooleanField, ExpressionWrapper, F, Func, OuterRef, Q, Subquery, TextField, Value
from django.db.models.expressions import OrderBy
from django.utils import timezone
from rest_framework import serializers

from api.fields import BilingualField, CountryCodeField, DetailLinkField, WebAddressField, link
from api.renderers import FORMULA_PREFIXES, columns
from api.serializers import NestedRecordSerializer
from core.querysets import levels_for, visibility_q

LANGUAGES = ("vi", "en")
CHUNK_BYTES = 1 << 16
SPOOL_IN_MEMORY = 1 << 20


class Sql(Func):
    """SQL written as parts: strings (raw SQL) and expressions, concatenated."""

    def __init__(self, *parts, output_field=None):
        self.layout = [part if isinstance(part, str) else None for part in parts]
        expressions = [part for part in parts if not isinstance(part, str)]
        super().__init__(*expressions, output_field=output_field or TextField())

    def as_sql(self, compiler, connection, **extra_context):
        expressions = iter(self.get_source_expressions())
        sql, params = [], []
        for part in self.layout:
            if part is None:
                part_sql, part_params = compiler.compile(next(expressions))
                sql.append(part_sql)
                params.extend(part_params)
            else:
                sql.append(part.replace("%", "%%"))  # the statement is sent with parameters
        return "".join(sql), params


def literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _char(character: str) -> str:
    return literal(character) if character.isprintable() else f"chr({ord(character)})"


# api.renderers.safe_cell: a cell a spreadsheet would run as a formula.
_FORMULA = ", ".join(_char(prefix) for prefix in FORMULA_PREFIXES)
assert all(len(prefix) == 1 for prefix in FORMULA_PREFIXES)


# --- values as text: a list of parts over ``ref`` (an alias or an expression) ---


def _date(ref) -> list:
    return ["to_char(", ref, ", 'YYYY-MM-DD')"]


def _local_and_offset(ref, zone: str) -> tuple[list, list]:
    """A timestamp's wall-clock time in ``zone`` and its UTC offset in seconds."""
    local = ["(", ref, f" AT TIME ZONE {literal(zone)})"]
    return local, ["extract(epoch FROM ", *local, " - (", ref, " AT TIME ZONE 'UTC'))::int"]


def _datetime(local, offset) -> list:
    """DRF's DateTimeField: Python's isoformat in the current time zone
    (microseconds only when not zero, the offset as ±HH:MM[:SS], +00:00 as Z),
    from ``_local_and_offset``."""
    local, offset = [local] if isinstance(local, str) else local, [offset] if isinstance(offset, str) else offset
    size = ["abs(", *offset, ")"]
    return [
        "to_char(", *local, """, 'YYYY-MM-DD"T"HH24:MI:SS') || CASE to_char(""", *local, ", 'US') WHEN '000000' "
        "THEN '' ELSE '.' || to_char(", *local, ", 'US') END || CASE WHEN ", *offset, " = 0 THEN 'Z' ELSE "
        "CASE WHEN ", *offset, " < 0 THEN '-' ELSE '+' END || to_char(", *size, " / 3600, 'FM00') || ':' || "
        "to_char(mod(", *size, ", 3600) / 60, 'FM00') || CASE mod(", *size, ", 60) WHEN 0 THEN '' "
        "ELSE ':' || to_char(mod(", *size, ", 60), 'FM00') END END",
    ]  # fmt: skip


def _cell_text(ref) -> list:
    """Text as safe_cell writes it: empty for null or empty, formulas quoted."""
    return ["CASE WHEN left(", ref, f", 1) IN ({_FORMULA}) THEN '''' || ", ref, " ELSE NULLIF(", ref, "::text, '') END"]


def _cell_int(ref) -> list:
    return ["CASE WHEN ", ref, " < 0 THEN '''' || ", ref, " ELSE ", ref, "::text END"]


def _cell_bool(ref) -> list:
    return ["CASE WHEN ", ref, " THEN 'true' WHEN NOT ", ref, " THEN 'false' END"]


def _json_or_null(parts) -> list:
    return ["COALESCE(", *parts, ", 'null')"]


def _json_string(parts) -> list:
    return ["to_json((", *parts, ")::text)::text"]


# --- one serializer field's raw value and its cell -----------------------------


@dataclass(frozen=True)
class Kind:
    """How a field's raw value becomes a CSV cell and a JSON value (as text)."""

    cell: Callable[[object], list]
    json: Callable[[object], list]


def _kinds(zone: str) -> list[tuple[type, Kind]]:
    # Subclasses first: WebAddressField is a URLField is a CharField.
    nullable_text = Kind(_cell_text, lambda ref: _json_or_null(_json_string(["NULLIF(", ref, "::text, '')"])))
    return [
        (WebAddressField, nullable_text),
        (CountryCodeField, nullable_text),
        (serializers.BooleanField, Kind(_cell_bool, lambda ref: ["CASE WHEN ", ref, " THEN 'true' WHEN NOT ", ref,
                                                                  " THEN 'false' ELSE 'null' END"])),
        (serializers.DateTimeField, Kind(lambda ref: _datetime(*_local_and_offset(ref, zone)),
                                         lambda ref: _json_or_null(["'\"' || ",
                                                                    *_datetime(*_local_and_offset(ref, zone)),
                                                                    " || '\"'"]))),
        (serializers.DateField, Kind(_date, lambda ref: _json_or_null(["'\"' || ", *_date(ref), " || '\"'"]))),
        (serializers.IntegerField, Kind(_cell_int, lambda ref: _json_or_null([ref, "::text"]))),
        (serializers.ChoiceField, Kind(_cell_text, lambda ref: _json_or_null(_json_string([ref])))),
        (serializers.CharField, Kind(_cell_text, lambda ref: _json_or_null(_json_string([ref])))),
    ]  # fmt: skip


def empty_object_cell(name: str) -> Callable:
    """The cell of a method field returning an object (``standing``): always
    empty, as api.renderers writes it today. columns() gives such a field one
    column (``standing``) while flatten() gives its keys (``standing_state``,
    ``standing_as_of``), which no header names. Filling it would change the
    file (a change of its own)."""
    return lambda context: [(name, ["NULL"])]


@dataclass(frozen=True)
class NestedList:
    """Where a nested list's rows come from: ``model``'s rows the audience
    may see (``visible_to``) whose ``parent`` is the record, in ``order`` (the
    selectors' prefetch order)."""

    model: type
    parent: str
    order: tuple[str, ...]


@dataclass(frozen=True)
class CopyPlan:
    """What a viewset declares for its CSV export by COPY: its nested lists
    (serializer field name → NestedList) and the cells of its computed
    fields (field name → function(Context) → [(column, SQL)])."""

    lists: dict[str, NestedList] = field(default_factory=dict)
    computed: dict[str, Callable] = field(default_factory=dict)


class Context:
    """One export: the caller, and the raw values the inner query selects."""

    def __init__(self, plan: CopyPlan, *, request, audience):
        self.plan = plan
        self.request = request
        self.audience = audience
        self.levels = levels_for(audience)
        self.zone = timezone.get_current_timezone_name()
        self.kinds = _kinds(self.zone)
        self.raws: dict[str, object] = {}

    def raw(self, expression) -> str:
        """Select ``expression`` in the inner query; its reference outside."""
        alias = f"csv_r{len(self.raws)}"
        self.raws[alias] = expression
        return f'csv_rows."{alias}"'

    def kind(self, serializer_field, column: str) -> Kind:
        for field_class, kind in self.kinds:
            if isinstance(serializer_field, field_class):
                return kind
        raise NotImplementedError(f"CSV by COPY: no SQL for the column {column!r} ({type(serializer_field).__name__})")

    def link(self, view_name: str, pk) -> Sql:
        prefix, suffix = link(self.request, view_name, "\x00").split("\x00")
        return Sql(Value(prefix), " || ", pk, " || ", Value(suffix))


def _visible(nested, source: str, context: Context) -> ExpressionWrapper:
    """When a nested object shows: a record the audience may see (else null,
    NestedRecordSerializer), any other (a source) when there is one."""
    if isinstance(nested, NestedRecordSerializer):
        shown = Q(**{f"{source}__visibility__in": context.levels})
    else:
        shown = Q(**{f"{source}__isnull": False})
    return ExpressionWrapper(shown, output_field=BooleanField())


def _only_when(conditions: list[str], parts: list) -> list:
    if not conditions:
        return parts
    return ["CASE WHEN ", " AND ".join(conditions), " THEN ", *parts, " END"]


def cells(serializer, context: Context, *, path: str = "", prefix: str = "", shown=()) -> list[tuple[str, str]]:
    """(column, SQL of its cell) for each column of ``serializer``'s flattened rows."""
    out = []
    for name, serializer_field in serializer.fields.items():
        column = f"{prefix}{name}"
        if not path and name in context.plan.computed:
            out += context.plan.computed[name](context)
        elif isinstance(serializer_field, BilingualField):
            for language in LANGUAGES:
                ref = context.raw(F(f"{path}{name}_{language}"))
                out.append((f"{column}_{language}", _only_when(list(shown), _cell_text(ref))))
        elif isinstance(serializer_field, (serializers.ListSerializer, serializers.ListField)):
            ref = context.raw(_list(serializer_field, context, path=path, name=name, column=column))
            out.append((column, _only_when(list(shown), [ref])))
        elif isinstance(serializer_field, serializers.BaseSerializer):
            source = f"{path}{serializer_field.source}"
            visible = context.raw(_visible(serializer_field, source, context))
            out += cells(serializer_field, context, path=f"{source}__", prefix=f"{column}_", shown=(*shown, visible))
        elif isinstance(serializer_field, DetailLinkField):
            ref = context.raw(context.link(serializer_field.view_name, F(f"{path}pk")))
            out.append((column, _only_when(list(shown), [ref])))
        elif isinstance(serializer_field, serializers.DateTimeField):
            # The time zone's two conversions once per cell, inside (the format uses each six times).
            local, offset = _local_and_offset(F(f"{path}{serializer_field.source}"), context.zone)
            cell = _datetime(context.raw(Sql(*local)), context.raw(Sql(*offset)))
            out.append((column, _only_when(list(shown), cell)))
        else:
            kind = context.kind(serializer_field, column)
            ref = context.raw(F(f"{path}{serializer_field.source}"))
            out.append((column, _only_when(list(shown), kind.cell(ref))))
    return [(column, "".join(parts)) for column, parts in out]


def _list(serializer_field, context: Context, *, path: str, name: str, column: str):
    """A nested list's cell: its JSON text (json.dumps' separators), null when empty."""
    if isinstance(serializer_field, serializers.ListField):
        if isinstance(serializer_field.child, CountryCodeField):
            # A CountryField(multiple=True): codes stored comma-separated.
            codes = F(f"{path}{serializer_field.source}")
            return Sql(
                "(SELECT '[' || string_agg(to_json(code)::text, ', ' ORDER BY position) || ']' FROM "
                "unnest(string_to_array(NULLIF(", codes, ", ''), ',')) WITH ORDINALITY AS codes(code, position))",
            )  # fmt: skip
        raise NotImplementedError(f"CSV by COPY: no SQL for the column {column!r}")
    if path or name not in context.plan.lists:
        raise NotImplementedError(f"CSV by COPY: declare where the rows of {column!r} come from (CopyPlan.lists)")
    nested = context.plan.lists[name]
    # The record is visible (the selector's rows): its children need not join it again.
    visible = visibility_q(nested.model, context.audience, seen=(nested.parent,))
    rows = nested.model.objects.filter(visible, **{nested.parent: OuterRef("pk")}).order_by()
    order = []
    for key in nested.order:
        order += [", " if order else "", OrderBy(F(key.lstrip("-")), descending=key.startswith("-"))]
    text = Sql("'[' || string_agg(", _json_object(serializer_field.child, context, ""), ", ', ' ORDER BY ", *order,
               ") || ']'")  # fmt: skip
    return Subquery(rows.annotate(csv_json=text).values("csv_json"), output_field=TextField())


def _json_object(serializer, context: Context, path: str) -> Sql:
    """A serializer's output for one row as JSON text (``json.dumps``: ``": "`` and ``", "``)."""
    parts = []
    for name, serializer_field in serializer.fields.items():
        parts.append(literal(("{" if not parts else ", ") + json.dumps(name) + ": "))
        parts.append(_json_value(serializer_field, context, path, name))
    parts.append("'}'")
    return Sql(*_joined(parts))


def _joined(parts) -> list:
    out = []
    for part in parts:
        out += [" || "] if out else []
        out.append(part)
    return out


def _json_value(serializer_field, context: Context, path: str, name: str) -> Sql:
    if isinstance(serializer_field, BilingualField):
        vi, en = (
            _json_or_null(_json_string(["NULLIF(", F(f"{path}{name}_{language}"), ", '')"])) for language in LANGUAGES
        )
        return Sql("""'{"vi": ' || """, *vi, """ || ', "en": ' || """, *en, " || '}'")
    if isinstance(serializer_field, serializers.ListSerializer):
        raise NotImplementedError(f"CSV by COPY: no SQL for a list within a list ({name!r})")
    if isinstance(serializer_field, serializers.BaseSerializer):
        source = f"{path}{serializer_field.source}"
        visible = _visible(serializer_field, source, context)
        inner = _json_object(serializer_field, context, f"{source}__")
        return Sql("CASE WHEN ", visible, " THEN ", inner, " ELSE 'null' END")
    if isinstance(serializer_field, DetailLinkField):
        return Sql(*_json_string([context.link(serializer_field.view_name, F(f"{path}pk"))]))
    kind = context.kind(serializer_field, name)
    return Sql(*kind.json(F(f"{path}{serializer_field.source}")))


# --- the statement and its stream ----------------------------------------------


def statement(queryset, serializer, plan: CopyPlan, *, request, audience) -> tuple[str, list, list[str]]:
    """The COPY statement of ``queryset``'s CSV rows, its parameters and its columns."""
    context = Context(plan, request=request, audience=audience)
    selected = cells(serializer, context)
    inner = queryset.select_related(None).prefetch_related(None).annotate(**context.raws).values(*context.raws)
    sql, params = inner.query.sql_with_params()
    outer = ", ".join(cell for _, cell in selected)
    copy = f"COPY (SELECT {outer} FROM ({sql}) AS csv_rows) TO STDOUT WITH (FORMAT csv)"
    return copy, list(params), [column for column, _ in selected]


def stream(queryset, serializer, plan: CopyPlan, *, request, audience) -> Iterator[bytes] | None:
    """The CSV lines of ``queryset`` (no header) in chunks; None where the
    database is not PostgreSQL.

    The COPY runs to its end here, into a spooled file (memory, then a
    temporary file past SPOOL_IN_MEMORY), and the response streams that file:
    a database error is raised before any 200 (a 503, not a cut download),
    the app's statement time-out bounds the query and not the client's
    download, and the connection is free again once the view returns. A COPY
    left half-read would hold the connection (and psycopg's lock on it) while
    the rest of the request, or the next one, queries it."""
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return None
    copy, params, names = statement(queryset, serializer, plan, request=request, audience=audience)
    if names != columns(serializer):
        raise NotImplementedError(f"CSV by COPY: the columns differ from the serializer's: {names}")
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY)  # noqa: SIM115 (closed by _read)
    try:
        _copy_into(spool, connection, copy, params)
    except BaseException:
        spool.close()
        raise
    spool.seek(0)
    return _read(spool)


def _copy_into(spool, connection, copy: str, params) -> None:
    with connection.cursor() as cursor:
        began = time.monotonic()
        with cursor.cursor.copy(copy, params) as rows:
            for chunk in _crlf_chunks(rows):
                spool.write(chunk)
        if connection.queries_logged:  # as Django logs its own queries (DEBUG, the tests' query counts)
            connection.queries_log.append({"sql": copy, "time": f"{time.monotonic() - began:.3f}"})


def _read(spool) -> Iterator[bytes]:
    with spool:
        while chunk := spool.read(CHUNK_BYTES):
            yield chunk


def _crlf_chunks(rows) -> Iterator[bytes]:
    """Each COPY message is one row ending in ``\\n``; Python's csv ends rows
    with ``\\r\\n`` (a newline inside a quoted cell stays as it is)."""
    chunk, size = [], 0
    for row in rows:
        chunk += (row[:-1], b"\r\n")
        size += len(row) + 1
        if size >= CHUNK_BYTES:
            yield b"".join(chunk)
            chunk, size = [], 0
    if chunk:
        yield b"".join(chunk)
