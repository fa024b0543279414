"""History a person can read (the admin's history pages).

* Values as staff see them in the forms: a choice's label ("Có hiệu lực",
  not "in_force"), yes/no, "—" for nothing (never "None").
* A record's history page also lists the changes to the rows edited inside
  it (its inlines: an agreement's parties, status steps and commitments, a
  membership's dues, a delegation's members), since those are saved as their
  own records and the parent's own entries say nothing about them.
* Deleted records: the last historical row of each record that no longer
  exists, from which an Editor can restore it.
"""

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.db import models
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from simple_history.template_utils import HistoricalRecordContextHelper

NOTHING = "—"
CHILD_HISTORY_LIMIT = 200
# The registry's apps (labels, not imports: core sits below them).
REGISTRY_APPS = ("core", "organizations", "agreements", "events")


def history_models() -> list[type[models.Model]]:
    """Every registry model whose changes simple-history keeps (the dashboard's
    colleagues' changes, the deleted records an Editor may restore)."""
    return [
        model for model in apps.get_models() if hasattr(model, "history") and model._meta.app_label in REGISTRY_APPS
    ]


def readable_value(field: models.Field, value):
    """A stored value as the change form shows it."""
    if value is None or value == "":
        return NOTHING
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime.date | int | float) and not isinstance(value, bool):
        return localize(value)
    return value


class ReadableContextHelper(HistoricalRecordContextHelper):
    def prepare_delta_change_value(self, change, value):
        value = super().prepare_delta_change_value(change, value)
        return readable_value(self.model._meta.get_field(change.field), value)

    def context_for_delta_changes(self, delta) -> list[dict]:
        # A change that reads the same before and after is no change to a
        # person: a translation column saved as "" where it was NULL ("— → —").
        changes = super().context_for_delta_changes(delta)
        return [change for change in changes if str(change["old"]) != str(change["new"])]


def readable_changes(model, newer, older) -> list[dict]:
    """The fields ``newer`` changed since ``older`` (both historical rows)."""
    delta = newer.diff_against(older, foreign_keys_are_objs=True)
    return ReadableContextHelper(model, newer).context_for_delta_changes(delta)


@dataclass(frozen=True)
class ChildChange:
    when: datetime.datetime
    user: object
    kind: str
    label: str
    type_label: str
    changes: list


def child_models(model_admin) -> list[tuple[type[models.Model], str]]:
    """(child model, its foreign key to the parent) for each inline whose
    rows have a history."""
    children = []
    for inline in model_admin.inlines:
        child = inline.model
        if not hasattr(child, "history"):
            continue
        fk = getattr(inline, "fk_name", None) or next(
            f.name for f in child._meta.fields if f.many_to_one and f.related_model is model_admin.model
        )
        children.append((child, child._meta.get_field(fk).attname))
    return children


def _label(child, row) -> str:
    """``str()`` of the row as it was, from the related rows ``row`` already
    read (the model's ``str_related``): no query per row."""
    instance = row.instance
    for field in child._meta.concrete_fields:
        if field.many_to_one and field.is_cached(row):
            field.set_cached_value(instance, field.get_cached_value(row))
    return conditional_escape(str(instance))


def _newest_rows(child, fk_attname, parent_pk) -> list:
    """The newest CHILD_HISTORY_LIMIT historical rows of the parent's
    children, then grouped by row, oldest first within each (to diff each
    change against the one before it)."""
    related = ("history_user", *getattr(child, "str_related", ()))
    newest = (
        child.history.filter(**{fk_attname: parent_pk})
        .select_related(*related)
        .order_by("-history_date", "-history_id")[:CHILD_HISTORY_LIMIT]
    )
    return sorted(newest, key=lambda row: (row.id, row.history_date, row.history_id))


def child_history(*, model_admin, parent_pk) -> list[ChildChange]:
    """The newest changes to the parent's inline rows (deleted rows included),
    newest first. A change whose previous version fell past the limit lists
    no field changes."""
    entries = []
    for child, fk_attname in child_models(model_admin):
        previous = None
        for row in _newest_rows(child, fk_attname, parent_pk):
            older = previous if previous is not None and previous.id == row.id else None
            changes = readable_changes(child, row, older) if older is not None and row.history_type == "~" else []
            entries.append(
                ChildChange(
                    when=row.history_date,
                    user=row.history_user,
                    kind=capfirst(child._meta.verbose_name),
                    label=_label(child, row),
                    type_label=row.get_history_type_display(),
                    changes=changes,
                )
            )
            previous = row
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries
