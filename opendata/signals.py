"""The package goes stale when a change the public can see commits.

A save, delete or many-to-many change of a registry record (any
``core.models.Record``) that is public, or was public before the save (a
record lowered to government or internal must leave the package), and of a
``Source`` a public record cites, bumps ``Package.changes`` and queues a
rebuild (opendata.tasks) once the transaction commits: once per transaction,
however many rows it saved, and nothing if it rolls back. Changes to
government or internal records leave the package alone.

Writes that send no signal (``bulk_create``, ``QuerySet.update``, raw SQL, a
restore) need ``manage.py build_open_data`` afterwards.
"""

from django.db import transaction
from django.db.models import F, signals
from django.utils import timezone

from core.choices import Visibility
from core.models import Record, Source
from core.selectors import is_registry_model
from opendata.models import Package

WAS_PUBLIC = "_opendata_was_public"


def mark_changed() -> None:
    Package.objects.filter(pk=1).update(changes=F("changes") + 1, changed_at=timezone.now())


def changed_publicly() -> None:
    """After the commit: the package is stale, and the worker rebuilds it."""
    from opendata.tasks import request_build

    mark_changed()
    request_build()


def _is(model, kind) -> bool:
    return isinstance(model, type) and issubclass(model, kind)


def _public(instance) -> bool:
    if isinstance(instance, Record):
        return instance.visibility == Visibility.PUBLIC
    if isinstance(instance, Source):
        return _cited_publicly(instance.pk)
    return False


def _cited_publicly(source_id) -> bool:
    from opendata.tables import tables

    table = next((table for table in tables() if table.view.queryset.model is Source), None)
    return table is None or table.view.base_queryset().filter(pk=source_id).exists()


def _schedule() -> None:
    connection = transaction.get_connection()
    # Once per transaction: skip if this transaction already waits to mark.
    # (run_on_commit holds (savepoint ids, function, robust) entries.)
    if any(entry[1] is changed_publicly for entry in getattr(connection, "run_on_commit", ())):
        return
    transaction.on_commit(changed_publicly)


def _before_save(sender, instance, **kwargs):
    # Only a record that is not public now needs its old level: a public one
    # schedules anyway. One query, for an update of a non-public record.
    if not _is(sender, Record) or instance.visibility == Visibility.PUBLIC or instance._state.adding:
        return
    old = sender._base_manager.filter(pk=instance.pk).values_list("visibility", flat=True).first()
    instance.__dict__[WAS_PUBLIC] = old == Visibility.PUBLIC


def _after_save(sender, instance, **kwargs):
    if instance.__dict__.pop(WAS_PUBLIC, False) or _public(instance):
        _schedule()


def _before_delete(sender, instance, **kwargs):
    # A source's citations are gone after the delete: look before.
    instance.__dict__[WAS_PUBLIC] = _public(instance)


def _after_delete(sender, instance, **kwargs):
    if instance.__dict__.pop(WAS_PUBLIC, False):
        _schedule()


def _on_m2m(sender, instance, action, model, pk_set, **kwargs):
    if not action.startswith("post_"):
        return
    if _public(instance):
        _schedule()
    elif action == "post_clear":
        # The other side's rows are unknown by now: count it as public if it may be.
        if is_registry_model(model):
            _schedule()
    elif _is(model, Record) and pk_set:
        if model._base_manager.filter(pk__in=pk_set, visibility=Visibility.PUBLIC).exists():
            _schedule()
    elif _is(model, Source) and pk_set and any(_cited_publicly(pk) for pk in pk_set):
        _schedule()


def connect() -> None:
    from django.apps import apps

    for model in apps.get_models():
        if not is_registry_model(model):
            continue
        uid = f"opendata-stale-{model._meta.label_lower}"
        signals.pre_save.connect(_before_save, sender=model, dispatch_uid=f"{uid}-pre-save")
        signals.post_save.connect(_after_save, sender=model, dispatch_uid=f"{uid}-post-save")
        signals.pre_delete.connect(_before_delete, sender=model, dispatch_uid=f"{uid}-pre-delete")
        signals.post_delete.connect(_after_delete, sender=model, dispatch_uid=f"{uid}-post-delete")
    signals.m2m_changed.connect(_on_m2m, dispatch_uid="opendata-stale-m2m")
