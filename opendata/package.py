"""What the package says about itself: ``datapackage.json``, the licence and
the read-me, in English and Vietnamese (no database access here).

Bilingual metadata, the documented convention (docs/api.md, "Open data"):
``title`` and ``description`` are English, ``title_vi`` and ``description_vi``
Vietnamese, on the package, every resource and every field; a field with
codes has ``constraints.enum`` and ``codes``, ``{code: {"en": label, "vi":
label}}``.
"""

import hashlib
import json
from functools import cache

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from opendata.tables import Column, Table, every_table, text

# The layout of the package; a change here (or in the API's fields, titles or
# codes) changes the schema digest, and the package is rebuilt.
FORMAT = 1
NAME = "coopdb"
ZIP_FILE = "coopdb-open-data.zip"
DESCRIPTOR_FILE = "datapackage.json"
JSON_FILE = "coopdb.json"
README_FILE = "README.md"
LICENSE_FILE = "LICENSE.md"

TITLE = _("CoopDB: Viet Nam's international cooperation in standards, metrology and quality")
DESCRIPTION = _(
    "Everything the public registry of STAMEQ's international cooperation publishes: organizations, "
    "memberships, dues paid (never the amounts), offices held, ISO/IEC ballots, agreements with their "
    "parties, status history and commitments, events, delegations, initiatives, reported figures and "
    "the sources they cite. Public records only: one table per list of the API (/api/v1/), plus the "
    "lists nested in them."
)
PUBLISHER = _("Directorate for Standards, Metrology and Quality (STAMEQ)")
LICENCE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0 International",
}
ATTRIBUTION = _(
    "Source: Directorate for Standards, Metrology and Quality (STAMEQ), CoopDB open data, version {version}."
)
KEYWORDS = ["standards", "metrology", "quality", "international cooperation", "Viet Nam", "STAMEQ", "FTA", "TBT"]

MEDIA_TYPES = {".csv": "text/csv; charset=utf-8", ".json": "application/json", ".md": "text/markdown; charset=utf-8"}


def data_path(table: Table) -> str:
    return f"data/{table.name}.csv"


def _bilingual(descriptor: dict, key: str, value) -> None:
    both = text(value)
    descriptor[key] = both["en"]
    descriptor[f"{key}_vi"] = both["vi"]


def _field(column: Column) -> dict:
    field = {"name": column.name, "type": column.type}
    if column.format:
        field["format"] = column.format
    _bilingual(field, "title", column.title)
    _bilingual(field, "description", column.description)
    constraints = {}
    if column.codes:
        constraints["enum"] = list(column.codes)
        field["codes"] = {str(code): text(label) for code, label in column.codes.items()}
    if column.pattern:
        constraints["pattern"] = column.pattern
    if constraints:
        field["constraints"] = constraints
    return field


def _schema(table: Table) -> dict:
    foreign_keys = [
        {
            "fields": column.name,
            # "" is the table itself (an organization's parent body).
            "reference": {"resource": "" if column.references == table.name else column.references, "fields": "id"},
        }
        for column in table.columns
        if column.references
    ]
    schema = {
        "fields": [_field(column) for column in table.columns],
        "primaryKey": table.primary_key,
        "missingValues": [""],
    }
    if foreign_keys:
        schema["foreignKeys"] = foreign_keys
    return schema


def _resource(table: Table) -> dict:
    resource = {
        "name": table.name,
        "path": data_path(table),
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
    }
    _bilingual(resource, "title", table.title)
    _bilingual(resource, "description", table.description)
    resource["schema"] = _schema(table)
    return resource


@cache
def resources() -> tuple[dict, ...]:
    """Every resource's descriptor: the same for every build of this code."""
    return tuple(_resource(table) for table in every_table())


@cache
def schema_digest() -> str:
    """Changes whenever a table, a field, a title or a code changes."""
    layout = json.dumps([FORMAT, resources()], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(layout.encode()).hexdigest()


def descriptor(*, version: str, created: str, rows: dict[str, int]) -> dict:
    package = {"profile": "tabular-data-package", "name": NAME, "version": version, "created": created}
    _bilingual(package, "title", TITLE)
    _bilingual(package, "description", DESCRIPTION)
    package["languages"] = ["vi", "en"]
    package["keywords"] = KEYWORDS
    package["licenses"] = [LICENCE]
    package["sources"] = [{"title": f"CoopDB — {text(PUBLISHER)['en']}"}]
    package["contributors"] = [{"title": text(PUBLISHER)["en"], "role": "publisher"}]
    package["resources"] = [{**resource, "rows": rows[resource["name"]]} for resource in resources()]
    return package


def attribution(version: str) -> dict[str, str]:
    return text(format_lazy(ATTRIBUTION, version=version))


def readme(*, version: str, created: str, rows: dict[str, int]) -> str:
    """The read-me in the zip, English then Vietnamese."""
    parts = []
    for language, heading in (("en", "CoopDB open data"), ("vi", "Dữ liệu mở CoopDB")):
        lines = [f"# {heading} {version} ({created})", "", text(DESCRIPTION)[language], ""]
        for table in every_table():
            lines.append(f"- `{data_path(table)}` ({rows[table.name]}): {text(table.description)[language]}")
        lines += ["", f"{LICENCE['title']} — {LICENCE['path']}", attribution(version)[language], ""]
        parts.append("\n".join(lines))
    return "\n".join(parts)


def licence_text(version: str) -> str:
    return "\n".join(
        [
            f"# {LICENCE['title']} ({LICENCE['name']})",
            "",
            f"{LICENCE['path']}",
            "",
            "This data may be copied, redistributed, adapted and used for any purpose, including "
            "commercially, provided the source is credited:",
            "",
            attribution(version)["en"],
            "",
            "Dữ liệu này được phép sao chép, phân phối lại, chỉnh sửa và sử dụng cho mọi mục đích, "
            "kể cả thương mại, với điều kiện ghi rõ nguồn:",
            "",
            attribution(version)["vi"],
            "",
            "Quotations of sources (reported figures, titles of documents) remain their authors' words.",
            "Các đoạn trích dẫn từ nguồn (số liệu được công bố, tên tài liệu) vẫn là lời của tác giả.",
            "",
        ]
    )


def media_type(name: str) -> str:
    if name.endswith(".zip"):
        return "application/zip"
    return MEDIA_TYPES[name[name.rfind(".") :]]
