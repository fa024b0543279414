"""The workflow's jobs on the queue (docs/jobs.md)."""

from django_tasks import task


@task()
def send_scheduled_report(schedule_id: int) -> str:
    """E-mail the previous period's report for one schedule, and queue the next."""
    from workflow.report_mail import send_due

    return send_due(schedule_id)
