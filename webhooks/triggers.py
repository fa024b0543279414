"""From a write to a delivery, in two steps, both after the commit (nothing is
sent for a change that is rolled back):

1. A transaction that saves or deletes a model some API detail displays (the
   change log notes it as pending rows, api.changes.record_changes) queues
   ``settle_changes`` once it commits: once per transaction, however many
   rows it saved, and whatever the subscriptions (the change feed reads what
   that job settles), unless a run already waits in the queue.
2. That job settles the change log in batches (api.changes.settle: what each
   change means for each audience); each batch with rows some audience
   notices sends ``change_recorded`` once — whoever settled it, the job or a
   read of the feed — and queues one ``dispatch_changes`` for the batch's
   rows of kinds some active subscription follows (subscriptions read once
   per batch).
"""

from django.db import transaction
from django.db.models import signals


def _queue_settling(sender, raw=False, **kwargs):
    if raw:
        return
    # Once per transaction: skip if this transaction already waits to queue.
    # (run_on_commit holds (savepoint ids, function, robust) entries.)
    connection = transaction.get_connection()
    if any(entry[1] is _enqueue_settling for entry in getattr(connection, "run_on_commit", ())):
        return
    transaction.on_commit(_enqueue_settling)


def _enqueue_settling():
    from webhooks.tasks import settle_changes

    if _settling_waits():
        return  # one queued settling run takes every pending row
    settle_changes.enqueue()


def _settling_waits() -> bool:
    from django_tasks_db.models import DBTaskResult

    from webhooks.tasks import settle_changes

    return DBTaskResult.objects.ready().filter(task_path=settle_changes.module_path).exists()


def on_change_recorded(sender, changes, **kwargs):
    from webhooks.models import Subscription
    from webhooks.tasks import dispatch_changes

    followed = set()
    for subscription in Subscription.objects.filter(active=True).only("kinds"):
        followed.update(subscription.kinds)
    refs = [str(change.pk) for change in changes if change.kind in followed]
    if refs:
        transaction.on_commit(lambda: dispatch_changes.enqueue(refs))


def connect() -> None:
    from api.changes import change_recorded, watched_models

    change_recorded.connect(on_change_recorded, dispatch_uid="webhooks-change-recorded")
    for model in watched_models():
        uid = f"webhooks-settle-{model._meta.label_lower}"
        signals.post_save.connect(_queue_settling, sender=model, dispatch_uid=f"{uid}-save")
        signals.post_delete.connect(_queue_settling, sender=model, dispatch_uid=f"{uid}-delete")
