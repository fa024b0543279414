"""From a write to a delivery, in two steps, both after the commit (nothing is
sent for a change that is rolled back):

1. A save or deletion of a model some API detail displays (the change log
   notes it as a pending row, api.changes.record_changes) queues
   ``settle_changes`` — while some subscription is active; otherwise nothing
   is queued at all.
2. That job settles the change log (api.changes.settle: what each change
   means for each audience); every settled row an audience notices sends
   ``change_recorded`` — whoever settled it, the job or a read of the feed —
   and queues ``dispatch_change`` for it, if some active subscription follows
   that kind.
"""

from django.db import transaction
from django.db.models import signals


def _queue_settling(sender, raw=False, **kwargs):
    if raw:
        return
    transaction.on_commit(_enqueue_settling)


def _enqueue_settling():
    from webhooks.models import Subscription
    from webhooks.tasks import settle_changes

    if not Subscription.objects.filter(active=True).exists():
        return
    if _settling_waits():
        return  # one queued settling run takes every pending row
    settle_changes.enqueue()


def _settling_waits() -> bool:
    from django_tasks_db.models import DBTaskResult

    from webhooks.tasks import settle_changes

    return DBTaskResult.objects.ready().filter(task_path=settle_changes.module_path).exists()


def on_change_recorded(sender, change, **kwargs):
    from webhooks.models import Subscription
    from webhooks.tasks import dispatch_change

    if not Subscription.objects.following(change.kind):
        return
    ref = str(change.pk)
    transaction.on_commit(lambda: dispatch_change.enqueue(ref))


def connect() -> None:
    from api.changes import change_recorded, watched_models

    change_recorded.connect(on_change_recorded, dispatch_uid="webhooks-change-recorded")
    for model in watched_models():
        uid = f"webhooks-settle-{model._meta.label_lower}"
        signals.post_save.connect(_queue_settling, sender=model, dispatch_uid=f"{uid}-save")
        signals.post_delete.connect(_queue_settling, sender=model, dispatch_uid=f"{uid}-delete")
