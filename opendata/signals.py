"""The package goes stale when a record it may contain changes.

Every save, delete or many-to-many change of a registry record (any
``core.models.Record``, or a ``Source``) bumps ``Package.changes`` once the
transaction commits: one UPDATE per transaction, however many rows it saved,
and none if it rolls back. The next request (or ``build_open_data``)
rebuilds. Writes that send no signal (``bulk_create``, ``QuerySet.update``,
raw SQL, a restore) need ``manage.py build_open_data`` afterwards.
"""

from django.db import transaction
from django.db.models import F, signals
from django.utils import timezone

from core.selectors import is_registry_model
from opendata.models import Package


def mark_changed() -> None:
    Package.objects.filter(pk=1).update(changes=F("changes") + 1, changed_at=timezone.now())


def _schedule() -> None:
    connection = transaction.get_connection()
    # Once per transaction: skip if this transaction already waits to mark.
    # (run_on_commit holds (savepoint ids, function, robust) entries.)
    if any(entry[1] is mark_changed for entry in getattr(connection, "run_on_commit", ())):
        return
    transaction.on_commit(mark_changed)


def _on_change(sender, instance=None, **kwargs):
    if is_registry_model(sender) or is_registry_model(type(instance)):
        _schedule()


def connect() -> None:
    for signal in (signals.post_save, signals.post_delete, signals.m2m_changed):
        signal.connect(_on_change, dispatch_uid=f"opendata-stale-{signal!r}")
