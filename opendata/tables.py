"""The package's tables, derived from the public API rather than defined again.

One table per list the API offers (``/api/v1/<name>/``), its rows the ones an
anonymous caller gets (``visible_to(PUBLIC)``, with the viewset's own visible
prefetches), its columns the fields of the endpoint's serializer:

- a bilingual field ``title`` becomes ``title_vi`` and ``title_en``;
- a nested record (``organization``, ``source``) becomes ``organization_id``,
  a foreign key to that record's table; a reference the public may not see is
  empty, as in the API;
- a nested list (an agreement's parties, an organization's former names or
  member countries) becomes a child table with ``<parent>_id`` and
  ``position`` (its order in the API's list) as primary key;
- API links (``url``) and values computed from today's date (``standing``)
  are left out: ids and slugs identify records, and the dates are there.

Titles, descriptions and code labels come from the models' translated
verbose names, help texts and choices, in English and Vietnamese.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.urls import get_resolver, reverse
from django.utils import translation
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy as _
from rest_framework import relations, serializers

from api.fields import BilingualField, CountryCodeField
from api.viewsets import RecordViewSet
from core.choices import PUBLIC

LANGUAGES = ("en", "vi")

# What each table holds, in both languages (the API's ``about`` is English only).
ABOUT = {
    "organizations": _("International and regional organizations, national bodies and their units."),
    "memberships": _("Memberships in organizations: who is a member of what, in which class, since when."),
    "dues": _("Annual dues of a membership: whether and when they were paid (never the amount)."),
    "people": _("People named in the registry (never their contact details)."),
    "offices": _("Offices held (chair, co-chair, secretariat, ...) in an organization's bodies."),
    "ballots": _("ISO and IEC ballots and the vote cast."),
    "agreements": _("MoUs, implementation plans, cooperation agreements, MRAs and FTAs."),
    "commitments": _("Commitments made under an agreement (e.g. an FTA's TBT chapter)."),
    "events": _("Meetings, conferences, negotiations and signings."),
    "delegations": _("Delegations sent abroad or received."),
    "initiatives": _("Initiatives proposed in an international forum and their status."),
    "sources": _("Sources (documents, web pages) cited by at least one public record."),
    "reported-figures": _("Figures reported by a source (counts, shares), with the date they hold for."),
}
# Descriptions of columns whose model field has no help text of its own.
COMMON = {
    "id": _("Identifier of the record in CoopDB, as in the API (/api/v1/<table>/<id>/)."),
    "slug": _("Stable short key of the record, used in addresses; the same in every copy of CoopDB."),
    "key": _("Stable short key of the record, used in addresses; the same in every copy of CoopDB."),
    "visibility": _("Who may see the record: always public in this package."),
    "created_at": _("When the record was entered in CoopDB."),
    "updated_at": _("When the record was last changed in CoopDB."),
}
# Columns with no model field to take a title from (a value computed in SQL).
DERIVED = {
    "status": (
        _("payment status"),
        _("Whether the dues were paid, and on time, as of the day the package was built (derived from the dates)."),
    ),
}


def text(value) -> dict[str, str]:
    """A lazy translated text in both languages: ``{"en": ..., "vi": ...}``."""
    result = {}
    for language in LANGUAGES:
        with translation.override(language):
            result[language] = str(value)
    return result


@dataclass
class Column:
    name: str
    type: str
    title: object  # lazy text
    description: object
    read: Callable  # instance -> JSON value
    format: str | None = None
    codes: dict | None = None  # {code: lazy label}
    pattern: str | None = None
    references: str | None = None  # the table whose id this column holds


@dataclass
class Table:
    name: str
    title: object
    description: object
    columns: list[Column]
    primary_key: list[str]
    children: list["Table"] = field(default_factory=list)
    # A top-level table: the viewset its rows come from. A child table: how
    # to read its items from a parent row.
    view: RecordViewSet | None = None
    items: Callable | None = None
    parent: "Table | None" = None

    def rows(self) -> Iterator:
        """The public rows, in the API's order: one query for the rows (a
        server-side cursor) and the prefetches once per chunk."""
        return self.view.get_queryset().iterator(chunk_size=1000)

    def public_ids(self) -> set[int]:
        return set(self.view.base_queryset().values_list("pk", flat=True))

    def all_tables(self) -> list["Table"]:
        return [self, *self.children]


def _model_field(model, name):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:  # a serializer's derived column (DERIVED), not a model field
        return None


def _title_and_description(serializer_field, model, name):
    source = serializer_field.source if serializer_field.source not in (None, "*") else name
    model_field = _model_field(model, source.split(".")[0]) if model else None
    if model_field is None and name in DERIVED:
        return (*DERIVED[name], None)
    title = getattr(model_field, "verbose_name", None) or serializer_field.label or name.replace("_", " ")
    description = (
        COMMON.get(name)
        or serializer_field.help_text
        or getattr(model_field, "help_text", "")
        or format_lazy(_("{title}."), title=capfirst(title))
    )
    return title, description, model_field


def _type_of(serializer_field) -> tuple[str, str | None]:
    for kind, frictionless_type in (
        (serializers.BooleanField, "boolean"),
        (serializers.DateTimeField, "datetime"),
        (serializers.DateField, "date"),
        (serializers.IntegerField, "integer"),
        (serializers.DecimalField, "number"),
        (serializers.FloatField, "number"),
        (serializers.URLField, "string"),
        (serializers.CharField, "string"),
        (serializers.ChoiceField, "string"),
    ):
        if isinstance(serializer_field, kind):
            return frictionless_type, "uri" if kind is serializers.URLField else None
    raise TypeError(f"open data: no column type for {serializer_field!r}")


def _represent(serializer_field, instance):
    value = serializer_field.get_attribute(instance)
    return None if value is None else serializer_field.to_representation(value)


def _columns(serializer, model, tables_by_model) -> tuple[list[Column], list[tuple[str, object]]]:
    """The columns of a serializer's fields, and its nested lists (name, field)."""
    columns, lists = [], []
    for name, serializer_field in serializer.fields.items():
        title, description, model_field = _title_and_description(serializer_field, model, name)
        if isinstance(serializer_field, serializers.SerializerMethodField | relations.HyperlinkedIdentityField):
            continue  # an API link, or a value computed from today's date
        if isinstance(serializer_field, serializers.ListSerializer | serializers.ListField):
            lists.append((name, serializer_field))
        elif isinstance(serializer_field, BilingualField):
            for language, label in (("vi", _("in Vietnamese")), ("en", _("in English"))):
                columns.append(
                    Column(
                        f"{name}_{language}",
                        "string",
                        format_lazy(_("{title} ({language})"), title=title, language=label),
                        format_lazy(
                            _("{description} ({language}; empty where none was entered)"),
                            description=description,
                            language=label,
                        ),
                        read=lambda row, f=serializer_field, lang=language: f.to_representation(row)[lang],
                    )
                )
        elif isinstance(serializer_field, serializers.BaseSerializer):
            target = tables_by_model[serializer_field.Meta.model]
            columns.append(
                Column(
                    f"{name}_id",
                    "integer",
                    title,
                    format_lazy(
                        _("{description} The id of a row of the table {table}; empty when none is public."),
                        description=description,
                        table=target,
                    ),
                    read=lambda row, f=serializer_field: getattr(f.get_attribute(row), "pk", None),
                    references=target,
                )
            )
        elif isinstance(serializer_field, CountryCodeField):
            columns.append(
                Column(
                    name,
                    "string",
                    title,
                    format_lazy(_("{description} An ISO 3166-1 alpha-2 code."), description=description),
                    read=lambda row, f=serializer_field: _represent(f, row),
                    pattern="^[A-Z]{2}$",
                )
            )
        else:
            kind, form = _type_of(serializer_field)
            choices = getattr(model_field, "choices", None) or getattr(serializer_field, "choices", None)
            codes = dict(choices) if isinstance(serializer_field, serializers.ChoiceField) and choices else None
            columns.append(
                Column(
                    name,
                    kind,
                    title,
                    description,
                    read=lambda row, f=serializer_field: _represent(f, row),
                    format=form,
                    codes=codes,
                )
            )
    return columns, lists


def _child_table(parent: Table, name: str, list_field, tables_by_model) -> Table:
    parent_model = parent.view.queryset.model
    parent_key = f"{parent_model._meta.model_name}_id"
    title = _title_and_description(list_field, parent_model, name)[0]
    keys = [
        Column(
            parent_key,
            "integer",
            parent_model._meta.verbose_name,
            format_lazy(_("The id of the row of the table {table} this row belongs to."), table=parent.name),
            read=None,
            references=parent.name,
        ),
        Column("position", "integer", _("order in the list"), _("Its order in the list, from 1."), read=None),
    ]
    if isinstance(list_field, serializers.ListField):
        child = list_field.child
        value_title, value_description, _unused = _title_and_description(list_field, parent_model, name)
        columns = [
            Column(
                "value",
                "string",
                value_title,
                format_lazy(_("{description} An ISO 3166-1 alpha-2 code."), description=value_description)
                if isinstance(child, CountryCodeField)
                else value_description,
                read=lambda item, f=child: f.to_representation(item),
                pattern="^[A-Z]{2}$" if isinstance(child, CountryCodeField) else None,
            )
        ]
        items = lambda row, f=list_field: list(f.get_attribute(row) or ())  # noqa: E731
    else:
        child_model = list_field.child.Meta.model
        columns, nested = _columns(list_field.child, child_model, tables_by_model)
        assert not nested, f"open data: {name} nests a list in a list"
        title = child_model._meta.verbose_name_plural

        def items(row, f=list_field):
            value = f.get_attribute(row)
            return list(value.all() if isinstance(value, models.Manager) else value)

    return Table(
        name=f"{parent_model._meta.model_name}-{name.replace('_', '-')}",
        title=title,
        description=format_lazy(
            _("{things} of a row of the table {table} (public ones only)."), things=capfirst(title), table=parent.name
        ),
        columns=keys + columns,
        primary_key=[parent_key, "position"],
        items=items,
        parent=parent,
    )


def _public_view(viewset_class) -> RecordViewSet:
    """The list's viewset as an anonymous caller gets it (audience PUBLIC)."""
    public_class = type(f"OpenData{viewset_class.__name__}", (viewset_class,), {"audience": PUBLIC})
    return public_class(request=None, format_kwarg=None, action="list")


def api_lists() -> list[tuple[str, type[RecordViewSet]]]:
    """(name, viewset) of every list of /api/v1/, in the API root's order."""
    api = next(p for p in get_resolver().url_patterns if getattr(p, "namespace", None) == "api")
    found, seen = [], set()
    for pattern in _walk(api.url_patterns):
        cls = getattr(pattern.callback, "cls", None)
        actions = getattr(pattern.callback, "actions", {}) or {}
        if cls is None or not issubclass(cls, RecordViewSet) or actions.get("get") != "list":
            continue
        if cls in seen:
            continue
        seen.add(cls)
        path = reverse(f"api:{pattern.name}")
        found.append((path.rstrip("/").rsplit("/", 1)[-1], cls))
    return found


def _walk(patterns):
    for pattern in patterns:
        if hasattr(pattern, "url_patterns"):
            yield from _walk(pattern.url_patterns)
        else:
            yield pattern


@cache
def tables() -> list[Table]:
    """Every table of the package: each API list, then its child tables."""
    lists = [(name, _public_view(cls)) for name, cls in api_lists()]
    tables_by_model = {view.queryset.model: name for name, view in lists}
    result = []
    for name, view in lists:
        model = view.queryset.model
        serializer = view.get_serializer()
        columns, nested = _columns(serializer, model, tables_by_model)
        table = Table(
            name=name,
            title=model._meta.verbose_name_plural,
            description=ABOUT.get(name, view.about),
            columns=columns,
            primary_key=["id"],
            view=view,
        )
        table.children = [
            _child_table(table, list_name, list_field, tables_by_model) for list_name, list_field in nested
        ]
        result.append(table)
    return result


def every_table() -> list[Table]:
    return [each for table in tables() for each in table.all_tables()]
