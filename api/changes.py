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

from django.db import connection, transaction
from django.db.models import Max, Q, signals
from django.dispatch import Signal
from rest_framework.serializers import ListSerializer, ModelSerializer
from rest_framework.utils.encoders import JSONEncoder

from api.models import Change, ChangeAction
from core.choices import Audience
from core.models import Source

# The API's audiences: the public, and ministries' keys. Staff never read the API.
AUDIENCES = (Audience.PUBLIC, Audience.GOVERNMENT)
# Any constant: writers of the log take this PostgreSQL advisory lock until
# they commit, so rows become visible in the order of their ids and a reader
# never skips a row that commits after one with a higher id.
LOCK_ID = 0x436F6F7044420001

# Sent after each Change row is written (inside the writer's transaction:
# receivers that leave the database should use transaction.on_commit).
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


def targets_of(instance) -> dict[str, set[int]]:
    """The records of every kind whose detail shows ``instance`` (as it is in
    the database now), the instance itself included when it is a kind."""
    model = type(instance)
    found = defaultdict(set)
    for kind in kinds().values():
        if kind.model is model:
            found[kind.name].add(instance.pk)
        paths = [path for related, path in kind.displays if related is model]
        if paths:
            condition = Q()
            for path in paths:
                condition |= Q(**{path: instance.pk})
            found[kind.name].update(kind.model._base_manager.filter(condition).values_list("pk", flat=True))
    if "source" in kinds():
        found["source"].update(_cited_sources(instance))
    return {name: ids for name, ids in found.items() if ids}


def _cited_sources(instance) -> set[int]:
    """The sources of the records whose visibility ``instance`` decides (itself,
    and the rows it is a visibility parent of): a source is listed while a
    record the audience sees cites it."""
    sources = set()
    for record_model, paths in _visibility_children(type(instance)):
        condition = Q()
        for path in paths:
            condition |= Q(**{path: instance.pk})
        sources.update(record_model._base_manager.filter(condition).values_list("source_id", flat=True))
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
    rows = view.get_queryset().filter(pk__in=list(ids))
    return {row.pk: view.get_serializer(row).data for row in rows}


def _lock():
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_ID])


def _latest_rows(kind_name: str, ids) -> dict[int, Change]:
    latest = Change.objects.filter(kind=kind_name, object_id__in=ids).values("object_id").annotate(last=Max("id"))
    return {row.object_id: row for row in Change.objects.filter(id__in=latest.values("last"))}


def _audience_action(before: str, after: str) -> str:
    if before and not after:
        return ChangeAction.REMOVED
    if after and not before:
        return ChangeAction.CREATED
    if after and after != before:
        return ChangeAction.CHANGED
    return ""


def record_changes(targets: dict[str, set[int]], *, deleted: tuple[str, int] | None = None) -> list[Change]:
    """Write a Change row for each record in ``targets`` ({kind: ids}) whose
    detail changed for some audience; ``deleted`` is the (kind, id) of a row
    that was just deleted. Returns the rows written."""
    written = []
    with transaction.atomic():
        _lock()
        for kind_name, ids in targets.items():
            written += _record_kind(kinds()[kind_name], ids, deleted)
    for change in written:
        change_recorded.send(sender=Change, change=change)
    return written


def _record_kind(kind: Kind, ids, deleted) -> list[Change]:
    details = {audience: render(kind, audience, ids) for audience in AUDIENCES}
    keys = {}
    if kind.natural_key:
        keys = dict(kind.model._base_manager.filter(pk__in=ids).values_list("pk", kind.natural_key))
    previous = _latest_rows(kind.name, ids)
    rows = []
    for object_id in sorted(ids):
        before = previous.get(object_id)
        change = Change(kind=kind.name, object_id=object_id, key=str(keys.get(object_id) or ""))
        change.previous_key = before.key if before else ""
        change.action = _row_action(kind, object_id, before, deleted)
        for audience in AUDIENCES:
            data = details[audience].get(object_id)
            after_digest = digest(data) if data is not None else ""
            setattr(change, f"{audience}_digest", after_digest)
            before_digest = before.digest_for(audience) if before else ""
            setattr(change, f"{audience}_action", _audience_action(before_digest, after_digest))
        if any(change.action_for(audience) for audience in AUDIENCES):
            rows.append(change)
    return Change.objects.bulk_create(rows)


def _row_action(kind, object_id, before, deleted) -> str:
    if deleted == (kind.name, object_id):
        return ChangeAction.DELETED
    return ChangeAction.CHANGED if before else ChangeAction.CREATED


# Signal receivers: collect what a write affects before it (the old rows
# the record belonged to) and after it, then record the union.


def _before_save(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    instance._coopdb_change_targets = targets_of(instance)


def _after_save(sender, instance, raw=False, **kwargs):
    if raw:
        return
    before = instance.__dict__.pop("_coopdb_change_targets", {})
    record_changes(_merge(before, targets_of(instance)))


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
    """Record every record of every kind as it is now (after loading fixtures
    or generated data, which send no signal). Rows whose detail did not
    change are not written again; returns how many were."""
    count = 0
    for kind in kinds().values():
        ids = list(kind.model._base_manager.values_list("pk", flat=True))
        for start in range(0, len(ids), 500):
            count += len(record_changes({kind.name: set(ids[start : start + 500])}))
    return count


__all__ = ["AUDIENCES", "Change", "Kind", "Source", "change_recorded", "kinds", "record_changes", "render"]
