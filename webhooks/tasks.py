"""The webhook jobs on the queue (docs/jobs.md). Arguments are plain values:
a job is stored as JSON and may run in another process, later."""

from django_tasks import task


@task()
def dispatch_change(change: str) -> int:
    """Turn one change-feed entry into a delivery per subscription that may see it."""
    from webhooks import services

    return len(services.dispatch(change))


@task()
def deliver(delivery_id: int) -> str:
    """Make the next attempt of one delivery (and schedule the one after, if it fails)."""
    from webhooks import services

    return services.attempt_delivery(delivery_id)
