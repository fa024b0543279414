"""CSV output: the same rows as the JSON, flattened for a spreadsheet.

- a bilingual field ``name`` becomes the columns ``name_vi`` and ``name_en``;
- a nested object ``organization`` becomes ``organization_id``,
  ``organization_acronym``, ... (the columns are the same on every row, taken
  from the serializer, so an absent reference leaves empty cells);
- a nested list (an agreement's parties) is one cell holding its JSON;
- a cell that a spreadsheet would run as a formula (starting with ``=``, ``+``,
  ``-``, ``@``, tab or carriage return) is prefixed with ``'`` (OWASP).

The file starts with a UTF-8 byte-order mark so that spreadsheet programs
read Vietnamese correctly.
"""

import csv
import io
import json

from rest_framework import serializers
from rest_framework.renderers import BaseRenderer, JSONRenderer

from api.fields import BilingualField

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def columns(serializer, prefix: str = "") -> list[str]:
    """Column names of a serializer's flattened rows, in field order."""
    names = []
    for name, field in serializer.fields.items():
        column = f"{prefix}{name}"
        if isinstance(field, BilingualField):
            names += [f"{column}_vi", f"{column}_en"]
        elif isinstance(field, serializers.BaseSerializer) and not isinstance(field, serializers.ListSerializer):
            names += columns(field, prefix=f"{column}_")
        else:
            names.append(column)
    return names


def flatten(data, prefix: str = "") -> dict:
    row = {}
    for name, value in data.items():
        column = f"{prefix}{name}"
        if isinstance(value, dict):
            row.update(flatten(value, prefix=f"{column}_"))
        elif isinstance(value, list):
            row[column] = json.dumps(value, ensure_ascii=False) if value else ""
        else:
            row[column] = value
    return row


def safe_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_PREFIXES) else text


class CSVWriter:
    """Turns serialized rows into CSV text, one chunk at a time (for streaming)."""

    def __init__(self, header: list[str]):
        self.header = header

    def _write(self, rows) -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerows(rows)
        return buffer.getvalue()

    def head(self) -> str:
        return BOM + self._write([self.header])

    def rows(self, items) -> str:
        return self.flat_rows(flatten(item) for item in items)

    def flat_rows(self, rows) -> str:
        """Rows already flattened (column → value), e.g. built from ``values()``."""
        return self._write([safe_cell(row.get(column)) for column in self.header] for row in rows)


class CSVRenderer(BaseRenderer):
    """``?format=csv`` or ``Accept: text/csv``. Lists are streamed by the view
    (api.viewsets); this renders a single record as a one-row file."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        view = (renderer_context or {}).get("view")
        items = data if isinstance(data, list) else [data]
        header = columns(view.get_serializer()) if view is not None else list(flatten(items[0]) if items else [])
        writer = CSVWriter(header)
        return (writer.head() + writer.rows(items)).encode(self.charset)


class PreRenderedJSONRenderer(JSONRenderer):
    """JSON whose body is already written (a list built by PostgreSQL,
    api.viewsets.RecordViewSet.projected_list): sent as it is."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data
