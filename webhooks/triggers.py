"""A new change-log row (api.changes.change_recorded) queues its dispatch
once the transaction commits: nothing is sent for a change that is rolled
back. Only while some active subscription follows that kind of record, so a
registry without subscribers queues nothing."""

from django.db import transaction


def on_change_recorded(sender, change, **kwargs):
    from webhooks.models import Subscription
    from webhooks.tasks import dispatch_change

    if not Subscription.objects.following(change.kind):
        return
    ref = str(change.pk)
    transaction.on_commit(lambda: dispatch_change.enqueue(ref))


def connect() -> None:
    from api.changes import change_recorded

    change_recorded.connect(on_change_recorded, dispatch_uid="webhooks-change-recorded")
