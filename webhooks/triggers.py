"""When a published record is saved or deleted, queue its dispatch once the
transaction commits (nothing is sent for a change that is rolled back).

Only while some active subscription follows that kind of record: otherwise a
save costs one small query and queues nothing.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.utils import timezone

from webhooks import payloads

SEEN_BY = "_webhook_seen_by"


def _followed(kind: str) -> bool:
    from webhooks.models import Subscription

    return bool(Subscription.objects.following(kind))


def _seen_by(model, pk) -> tuple[str, ...]:
    return tuple(
        str(audience)
        for audience in payloads.SUBSCRIBER_AUDIENCES
        if model.objects.visible_to(audience).filter(pk=pk).exists()
    )


def _natural_key(sender, instance):
    natural = payloads.viewsets_by_kind()[sender._meta.model_name].natural_key
    return getattr(instance, natural) if natural else None


def _enqueue(change: payloads.Change) -> None:
    from webhooks.tasks import dispatch_change

    ref = change.ref()
    transaction.on_commit(lambda: dispatch_change.enqueue(ref))


def before_save(sender, instance, raw=False, **kwargs):
    kind = sender._meta.model_name
    if raw or instance.pk is None or not _followed(kind):
        return
    setattr(instance, SEEN_BY, _seen_by(sender, instance.pk))


def after_save(sender, instance, created, raw=False, **kwargs):
    kind = sender._meta.model_name
    if raw or not _followed(kind):
        return
    _enqueue(
        payloads.Change(
            kind=kind,
            id=instance.pk,
            action="created" if created else "changed",
            at=timezone.now().isoformat(),
            seen_by=getattr(instance, SEEN_BY, ()),
            key=_natural_key(sender, instance),
        )
    )


def before_delete(sender, instance, **kwargs):
    if _followed(sender._meta.model_name):
        setattr(instance, SEEN_BY, _seen_by(sender, instance.pk))


def after_delete(sender, instance, **kwargs):
    seen_by = getattr(instance, SEEN_BY, ())
    if not seen_by:
        return  # nobody outside staff knew it: nothing to say
    kind = sender._meta.model_name
    _enqueue(
        payloads.Change(
            kind=kind,
            id=instance.pk,
            action="deleted",
            at=timezone.now().isoformat(),
            seen_by=seen_by,
            key=_natural_key(sender, instance),
        )
    )


def connect() -> None:
    for kind, viewset in payloads.viewsets_by_kind().items():
        model = viewset.queryset.model
        uid = f"webhooks-{kind}"
        pre_save.connect(before_save, sender=model, dispatch_uid=f"{uid}-pre-save")
        post_save.connect(after_save, sender=model, dispatch_uid=f"{uid}-post-save")
        pre_delete.connect(before_delete, sender=model, dispatch_uid=f"{uid}-pre-delete")
        post_delete.connect(after_delete, sender=model, dispatch_uid=f"{uid}-post-delete")
