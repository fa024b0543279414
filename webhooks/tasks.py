"""The webhook jobs on the queue (docs/jobs.md). Arguments are plain values:
a job is stored as JSON and may run in another process, later."""

import time

from django_tasks import task

RETRY_SECONDS = 0.2


@task()
def settle_changes() -> int:
    """Settle the change log's pending rows, a batch per transaction (each
    batch's noticed rows then queue their dispatch, webhooks.triggers);
    returns how many rows some audience noticed."""
    from api.changes import settle
    from api.models import Change

    noticed = 0
    # settle() takes a batch at a time; stop when none is left (bounded, in
    # case writes keep coming: the next write queues another run).
    for _ in range(100):
        if not Change.objects.filter(settled=False).exists():
            break
        settled = settle()
        if settled is None:
            time.sleep(RETRY_SECONDS)  # a writer holds one of the rows: it commits soon
            continue
        noticed += len(settled)
    return noticed


@task()
def dispatch_changes(changes: list[str]) -> int:
    """Turn a settled batch of change-feed entries into a delivery per
    (entry, subscription that may see it); returns how many."""
    from webhooks import services

    return len(services.dispatch(changes))


@task()
def dispatch_change(change: str) -> int:
    """One entry: jobs queued before dispatch_changes replaced it still run."""
    from webhooks import services

    return len(services.dispatch([change]))


@task()
def deliver(delivery_id: int) -> str:
    """Make the next attempt of one delivery (and schedule the one after, if it fails)."""
    from webhooks import services

    return services.attempt_delivery(delivery_id)
