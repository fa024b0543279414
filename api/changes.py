"""The change log: what changed, for whom, in the order it happened.

Every API list is a *kind* of record (its router basename: ``agreement``,
``organization``, ``membership``, ...). When a record of a kind changes what
its detail shows — the row itself, or anything its detail displays (an
agreement's parties and stages and the parties' organizations, a
membership's two organizations, any record's source) — ``record_changes``
renders the detail once per API audience (public, government), compares it
with the previous row of the log for that record, and writes an
``api.models.Change`` saying what the change means for each audience:
created, changed, removed, or nothing.

The domain apps know nothing of this: ``connect_signals`` (called from
``ApiConfig.ready()``) listens to the save and delete signals of every model
a kind displays. Admin edits, inlines, bulk actions (``save()`` per row),
spreadsheet imports (``use_bulk = False``: ``save()`` per row), deletions
(cascades send a signal per row) and restorations from history
(``save(force_insert=True)``) all go through them. Fixture loading
(``raw``) and the benchmark generator (``bulk_create``) do not: run
``manage.py record_changes`` after either.

``entry_for(change, audience, request)`` renders one row as a feed entry for
an audience (the change feed and the webhooks both send that), or None when
the audience must not receive it.
"""

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache

from django.db import OperationalError, connection, transaction
from django.db.models import Max, Min, Q, signals
from django.dispatch import Signal
from rest_framework.serializers import ListSerializer, ModelSerializer
from rest_framework.utils.encoders import JSONEncoder

from api.models import Change, ChangeAction
from core.choices import Audience
from core.models import Source

# The API's audiences: the public, and ministries' keys. Staff never read the API.
AUDIENCES = (Audience.PUBLIC, Audience.GOVERNMENT)
# Any constant: writers of the log take this PostgreSQL advisory lock until
# they commit; a settler takes it only to read which rows to settle (its
# claim), then lets it go. Why writers hold it until commit: a row's id is
# drawn from the sequence when it is inserted, but becomes visible when its
# transaction commits; holding the lock from the insert to the commit makes
# ids and commits come in the same order, so while a settler holds it every
# row below the highest id is committed, and settling in id order never
# passes a row that commits later. A writer takes it at its first registry
# save (record_changes: three short queries), not before; it only makes
# writers wait for each other and for a settler's one-query claim.
LOCK_ID = 0x436F6F7044420001
# Settlers take this one while they render and write: one settler at a time,
# and writers never wait for it.
SETTLE_LOCK_ID = LOCK_ID + 1
# "could not obtain lock" (SELECT ... FOR UPDATE NOWAIT)
LOCK_NOT_AVAILABLE = "55P03"

# Pending rows settled per transaction by the queued job (webhooks.tasks.settle_changes).
SETTLE_BATCH = 500
# Pending rows a feed read may settle itself, when no job has yet (no worker
# running: the tests, ``make run`` before its worker starts). Small: the
# read's response waits for these to render.
READ_SETTLE_BATCH = 50
SETTLED_FIELDS = [
    "settled",
    "key",
    "previous_key",
    "action",
    "public_action",
    "government_action",
    "public_digest",
    "government_digest",
]

# Sent once per settled batch, with ``changes``: the rows of the batch that
# some audience notices, in order. Sent by whoever settled the batch (the
# settle_changes job, or a feed read that settled a small batch; see
# ``settle``), after settle()'s own transaction, not the writer's: the
# writer's transaction has long committed. When settle() runs inside an outer
# transaction (record_all, tests), that one is still open: receivers that
# leave the database should use transaction.on_commit.
change_recorded = Signal()


@dataclass
class Kind:
    """One API list: its name, viewset and what its detail displays."""

    name: str
    viewset: type
    model: type
    # (model, path from this kind's model): the related rows its detail shows.
    displays: list[tuple[type, str]] = field(default_factory=list)

    @property
    def natural_key(self) -> str | None:
        return self.viewset.natural_key

    def view(self, audience, request=None):
        """The viewset, set up to read as ``audience`` without an HTTP request."""
        return self.viewset(
            fixed_audience=audience, action="retrieve", request=request, format_kwarg=None, args=(), kwargs={}
        )

    def detail_queryset(self, audience):
        return self.view(audience).get_queryset()

    def view_name(self) -> str:
        return f"api:{self.name}-detail"


def _routers():
    from agreements.api.urls import router as agreements
    from api.sources.urls import router as sources
    from events.api.urls import router as events
    from organizations.api.urls import router as organizations

    return (organizations, agreements, events, sources)


@cache
def kinds() -> dict[str, Kind]:
    """Every API list, found in the routers (so a new list is a kind at once)."""
    found = {}
    for router in _routers():
        for _prefix, viewset, basename in router.registry:
            model = viewset.queryset.model
            kind = Kind(basename, viewset, model)
            kind.displays = [*_displayed(viewset.serializer_class(context={"audience": Audience.PUBLIC}))]
            kind.displays += [(_model_at(model, path), path) for path in getattr(model, "visibility_parents", ())]
            kind.displays = list(dict.fromkeys(kind.displays))
            found[basename] = kind
    return found


def _displayed(serializer, prefix=""):
    """(model, path) of every related record a serializer renders, nested ones included."""
    for field_ in serializer.fields.values():
        node = field_.child if isinstance(field_, ListSerializer) else field_
        if not isinstance(node, ModelSerializer) or field_.source == "*":
            continue
        path = prefix + field_.source.replace(".", "__")
        yield node.Meta.model, path
        yield from _displayed(node, path + "__")


def _model_at(model, path):
    for part in path.split("__"):
        model = model._meta.get_field(part).related_model
    return model


@cache
def watched_models() -> set[type]:
    """Models whose saves and deletions may change some kind's detail."""
    models = set()
    for kind in kinds().values():
        models.add(kind.model)
        models.update(model for model, _path in kind.displays)
    from core.selectors import record_models

    return models | set(record_models())


def targets_of(instance, *, new: bool = False) -> dict[str, set[int]]:
    """The records of every kind whose detail shows ``instance`` (as it is in
    the database now), the instance itself included when it is a kind.
    ``new``: the row was just inserted, so no row can point to it yet; only
    the rows it points to (its parent, through a reverse relation) are looked up."""
    model = type(instance)
    found = defaultdict(set)
    for kind in kinds().values():
        if kind.model is model:
            found[kind.name].add(instance.pk)
        paths = [
            path
            for related, path in kind.displays
            if related is model and (not new or _reverse_at_end(kind.model, path))
        ]
        if paths:
            condition = Q()
            for path in paths:
                condition |= Q(**{path: instance.pk})
            rows = kind.model._base_manager.filter(condition).order_by()
            found[kind.name].update(rows.values_list("pk", flat=True))
    if "source" in kinds():
        found["source"].update(_cited_sources(instance, new=new))
    return {name: ids for name, ids in found.items() if ids}


@cache
def _reverse_at_end(model, path: str) -> bool:
    """Whether ``path`` ends in a reverse relation (the far rows point back)."""
    field = None
    for part in path.split("__"):
        field = model._meta.get_field(part)
        model = field.related_model
    return field.auto_created and not field.concrete


def _cited_sources(instance, *, new: bool = False) -> set[int]:
    """The sources of the records whose visibility ``instance`` decides (itself,
    and the rows it is a visibility parent of): a source is listed while a
    record the audience sees cites it."""
    sources = set()
    for record_model, paths in _visibility_children(type(instance)):
        if "pk" in paths:
            sources.add(instance.source_id)
            paths = [path for path in paths if path != "pk"]
        if new:
            # Visibility parents are foreign keys: nothing points to a new row yet.
            continue
        condition = Q()
        for path in paths:
            condition |= Q(**{path: instance.pk})
        if condition:
            rows = record_model._base_manager.filter(condition).order_by()
            sources.update(rows.values_list("source_id", flat=True))
    return sources


@cache
def _visibility_children(model) -> list[tuple[type, list[str]]]:
    from core.selectors import record_models

    found = []
    for record_model in record_models():
        paths = ["pk"] if record_model is model else []
        paths += [path for path in record_model.visibility_parents if _model_at(record_model, path) is model]
        if paths:
            found.append((record_model, paths))
    return found


def _merge(*target_sets) -> dict[str, set[int]]:
    merged = defaultdict(set)
    for targets in target_sets:
        for name, ids in targets.items():
            merged[name] |= ids
    return merged


def digest(data) -> str:
    return hashlib.sha256(json.dumps(data, cls=JSONEncoder, sort_keys=True).encode()).hexdigest()


def render(kind: Kind, audience, ids, request=None) -> dict[int, dict]:
    """The details of ``ids`` the audience may see, as the detail endpoint shows them."""
    view = kind.view(audience, request)
    rows = list(view.get_queryset().filter(pk__in=list(ids)))
    # One serializer for all the rows, as a list does: a serializer builds its
    # fields (nested ones included) on first use, which cost more than the
    # rendering itself when done again for every row of a feed page.
    data = view.get_serializer(rows, many=True).data
    return {row.pk: record for row, record in zip(rows, data, strict=True)}


def _lock(lock_id=LOCK_ID):
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [lock_id])


def _try_lock(lock_id=LOCK_ID) -> bool:
    """Take the lock if nobody holds it; never wait (SQLite: one writer at a time anyway)."""
    if connection.vendor != "postgresql":
        return True
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [lock_id])
        return cursor.fetchone()[0]


def _take(lock_id, *, wait: bool) -> bool:
    if wait:
        _lock(lock_id)
        return True
    return _try_lock(lock_id)


def record_changes(targets: dict[str, set[int]], *, deleted: tuple[str, int] | None = None) -> list[Change]:
    """Note that the records in ``targets`` ({kind: ids}) may have changed:
    one pending row each, unless one is already pending (it will be settled
    with the record as it is then). ``deleted`` is the (kind, id) of a row
    that was just deleted. Cheap (three queries: the lock, what is pending,
    the insert); no rendering here, see ``settle``."""
    targets = {name: ids for name, ids in targets.items() if ids}
    if not targets:
        return []
    # No savepoint of its own: a failure here fails the write it belongs to.
    with transaction.atomic(savepoint=False):
        _lock()
        any_of = Q(pk__in=[])
        for kind_name, ids in targets.items():
            any_of |= Q(kind=kind_name, object_id__in=ids)
        # Locked, skipping rows a settler holds: this transaction may then
        # change the rows it found (a deletion) and no settler can settle
        # them under it; a row a settler holds is treated as settled already
        # (a new row is written). Writers never wait for settlers.
        pending = {
            (kind_name, object_id): row_id
            for row_id, kind_name, object_id in Change.objects.filter(any_of, settled=False)
            .select_for_update(skip_locked=True)
            .values_list("id", "kind", "object_id")
        }
        if deleted in pending:
            Change.objects.filter(id=pending[deleted]).update(action=ChangeAction.DELETED)
        written = [
            Change(kind=kind_name, object_id=object_id, action=_row_action(kind_name, object_id, deleted))
            for kind_name, ids in targets.items()
            for object_id in sorted(ids)
            if (kind_name, object_id) not in pending
        ]
        return Change.objects.bulk_create(written)


def _row_action(kind_name, object_id, deleted) -> str:
    return ChangeAction.DELETED if deleted == (kind_name, object_id) else ChangeAction.CHANGED


def settle(limit: int = SETTLE_BATCH, *, wait: bool = True) -> list[Change] | None:
    """Settle the oldest pending rows (up to ``limit``), in order: render each
    record now for every audience, compare with its last settled row, and
    say what the change means for each audience. Sends ``change_recorded``
    once for the batch's rows some audience notices, and returns those rows;
    returns None when it settled nothing because a lock was taken (a writer
    is in the middle of one of these records, another settler runs, or,
    with ``wait=False``, a writer's transaction is open). The settle_changes
    job calls it; a feed read only through ``settle_for_read``."""
    claimed = _claim(limit, wait=wait)
    if not claimed:
        return claimed
    try:
        with transaction.atomic():
            if not _take(SETTLE_LOCK_ID, wait=wait):
                return None
            # NOWAIT: a writer holding one of these rows may be about to note
            # its record again; leave the batch to a later run rather than wait.
            pending = list(
                Change.objects.filter(id__in=claimed, settled=False).order_by("id").select_for_update(nowait=True)
            )
            _settle_rows(pending)
    except OperationalError as error:
        if getattr(error.__cause__, "sqlstate", None) != LOCK_NOT_AVAILABLE:
            raise
        return None
    noticed = [row for row in pending if any(row.action_for(audience) for audience in AUDIENCES)]
    if noticed:
        change_recorded.send(sender=Change, changes=noticed)
    return noticed


def _claim(limit: int, *, wait: bool) -> list[int] | None:
    """The ids of the oldest pending rows, read under the writers' lock (so no
    row below them is still uncommitted), which is let go at once."""
    with transaction.atomic():
        if not _take(LOCK_ID, wait=wait):
            return None
        return list(Change.objects.filter(settled=False).order_by("id").values_list("id", flat=True)[:limit])


def _settle_rows(pending: list[Change]) -> None:
    grouped = defaultdict(lambda: defaultdict(list))
    for row in pending:
        grouped[row.kind][row.object_id].append(row)
    for kind_name, objects in grouped.items():
        _settle_kind(kinds().get(kind_name), kind_name, objects)
    Change.objects.bulk_update(pending, SETTLED_FIELDS)


def settle_for_read() -> bool:
    """What a feed read does before reading: settle a small batch if some rows
    are pending and the lock is free at once, so the feed moves on without a
    worker; never wait. Returns whether it settled some."""
    if not Change.objects.filter(settled=False).exists():
        return False
    return settle(READ_SETTLE_BATCH, wait=False) is not None


def _settle_kind(kind: Kind | None, kind_name: str, objects: dict[int, list[Change]]) -> None:
    ids = list(objects)
    details = {audience: render(kind, audience, ids) if kind else {} for audience in AUDIENCES}
    previous = _last_settled(kind_name, ids)
    for object_id, rows in objects.items():
        for row in rows:
            row.settled = True
        # Only the last pending row of a record speaks: the record as it is now.
        _settle_row(kind, rows[-1], previous.get(object_id), {a: details[a].get(object_id) for a in AUDIENCES})


def _settle_row(kind, row: Change, before: Change | None, shown: dict) -> None:
    widest = shown[Audience.GOVERNMENT] or shown[Audience.PUBLIC] or {}
    # The natural key as the widest audience sees it ("" when nobody outside staff does).
    row.key = str(widest.get(kind.natural_key) or "") if kind and kind.natural_key else ""
    row.previous_key = before.key if before else ""
    if row.action != ChangeAction.DELETED and before is None:
        row.action = ChangeAction.CREATED
    for audience in AUDIENCES:
        after_digest = digest(shown[audience]) if shown[audience] is not None else ""
        before_digest = before.digest_for(audience) if before else ""
        setattr(row, f"{audience}_digest", after_digest)
        setattr(row, f"{audience}_action", _audience_action(before_digest, after_digest))


def _last_settled(kind_name: str, ids) -> dict[int, Change]:
    latest = (
        Change.objects.filter(kind=kind_name, object_id__in=ids, settled=True)
        .values("object_id")
        .annotate(last=Max("id"))
        .order_by()
    )
    return {row.object_id: row for row in Change.objects.filter(id__in=latest.values("last"))}


def _audience_action(before: str, after: str) -> str:
    if before and not after:
        return ChangeAction.REMOVED
    if after and not before:
        return ChangeAction.CREATED
    if after and after != before:
        return ChangeAction.CHANGED
    return ""


def settled_head() -> tuple[int, bool]:
    """The position up to which every row is settled (the feed's end), and
    whether pending rows wait beyond it. Takes no lock: settled rows form a
    prefix of the log (rows are settled in id order, and no row below a
    settled one can commit later, see LOCK_ID)."""
    first_pending = Change.objects.filter(settled=False).aggregate(first=Min("id"))["first"]
    if first_pending is not None:
        return first_pending - 1, True
    return Change.objects.aggregate(last=Max("id"))["last"] or 0, False


# Signal receivers: collect what a write affects before it (the old rows
# the record belonged to) and after it, then record the union.


def _before_save(sender, instance, raw=False, **kwargs):
    # The rows an update takes the record away from: only when one of its
    # foreign keys changes (otherwise they are the rows found after the save).
    if raw or instance.pk is None:
        return
    keys = _foreign_keys(sender)
    old = sender._base_manager.filter(pk=instance.pk).values(*keys).first() if keys else None
    if old and any(old[key] != getattr(instance, key) for key in keys):
        targets = targets_of(instance)
        if old.get("source_id") and "source" in kinds():
            targets.setdefault("source", set()).add(old["source_id"])
        instance._coopdb_change_targets = targets


@cache
def _foreign_keys(model) -> tuple[str, ...]:
    return tuple(field.attname for field in model._meta.concrete_fields if field.many_to_one)


def _after_save(sender, instance, raw=False, created=False, **kwargs):
    if raw:
        return
    before = instance.__dict__.pop("_coopdb_change_targets", {})
    record_changes(_merge(before, targets_of(instance, new=created)))


def _before_delete(sender, instance, **kwargs):
    instance._coopdb_change_targets = targets_of(instance)


def _after_delete(sender, instance, **kwargs):
    before = instance.__dict__.pop("_coopdb_change_targets", {})
    own = next((kind.name for kind in kinds().values() if kind.model is sender), None)
    record_changes(before, deleted=(own, instance.pk) if own else None)


def connect_signals():
    for model in watched_models():
        uid = f"coopdb-changes-{model._meta.label_lower}"
        signals.pre_save.connect(_before_save, sender=model, dispatch_uid=f"{uid}-pre-save")
        signals.post_save.connect(_after_save, sender=model, dispatch_uid=f"{uid}-post-save")
        signals.pre_delete.connect(_before_delete, sender=model, dispatch_uid=f"{uid}-pre-delete")
        signals.post_delete.connect(_after_delete, sender=model, dispatch_uid=f"{uid}-post-delete")


def record_all() -> int:
    """Note every record of every kind (after loading fixtures or generated
    data, which send no signal) and settle them: records whose detail did
    not change since their last row are not noticed again. Returns how many
    rows some audience notices."""
    for kind in kinds().values():
        ids = list(kind.model._base_manager.values_list("pk", flat=True))
        for start in range(0, len(ids), 500):
            record_changes({kind.name: set(ids[start : start + 500])})
    count = 0
    while Change.objects.filter(settled=False).exists():
        count += len(settle() or [])
    return count


__all__ = ["AUDIENCES", "Change", "Kind", "Source", "change_recorded", "kinds", "record_changes", "render"]
