"""A bulk change of N rows costs the webhooks a constant number of queries:
one trigger per transaction (not one per saved row), and one dispatch per
settled batch that loads the subscriptions once and renders each change
once per audience (not once per subscription)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.module_loading import import_string
from django_tasks_db.models import DBTaskResult

from agreements.models import Commitment
from api.changes import settle
from tests.factories import make_agreement, make_commitment
from workflow.bulk import save_each

JOB_TABLE = DBTaskResult._meta.db_table
DELIVER = "'webhooks.tasks.deliver'"


def commitments(count):
    """N commitments of one agreement, settled; their creation's jobs and callbacks dropped."""
    agreement = make_agreement(kind="fta")
    created = [make_commitment(agreement=agreement) for _ in range(count)]
    settle()
    DBTaskResult.objects.all().delete()  # only the bulk edit's own jobs are counted
    return Commitment.objects.filter(pk__in=[c.pk for c in created])


def edit(rows):
    """One bulk action: every row saved, in one transaction."""
    save_each(rows=rows, values={"status": "implemented"}, user=None, reason="bulk")


def bulk_edit(count):
    edit(commitments(count))


def trigger_queries(count, django_capture_on_commit_callbacks):
    """Queries of the after-commit callbacks the webhooks scheduled for the bulk edit."""
    rows = commitments(count)
    # In this test's transaction the creations' callbacks wait too: drop them.
    del connection.run_on_commit[:]
    with django_capture_on_commit_callbacks() as callbacks:
        edit(rows)
    del connection.run_on_commit[:]
    hooks = [hook for hook in callbacks if hook.__module__.startswith("webhooks")]
    with CaptureQueriesContext(connection) as captured:
        for hook in hooks:
            hook()
    print(f"bulk edit of {count} rows: {len(hooks)} webhook callbacks, {len(captured)} queries")
    return len(hooks), len(captured)


def run_dispatch_jobs():
    for job in DBTaskResult.objects.ready().filter(task_path__contains="dispatch"):
        import_string(job.task_path).func(*job.args_kwargs["args"], **job.args_kwargs["kwargs"])
        job.delete()


def dispatch_queries(count, django_capture_on_commit_callbacks):
    """Queries from settling the bulk edit to its deliveries queued, the
    inserts of the deliveries' own jobs (one per delivery) told apart."""
    bulk_edit(count)
    with CaptureQueriesContext(connection) as captured:
        with django_capture_on_commit_callbacks(execute=True):
            settle()
        with django_capture_on_commit_callbacks(execute=True):
            run_dispatch_jobs()
    jobs = [q for q in captured if q["sql"].startswith(f'INSERT INTO "{JOB_TABLE}"') and DELIVER in q["sql"]]
    print(f"dispatch of {count} rows: {len(captured)} queries, {len(jobs)} of them delivery jobs")
    return len(captured) - len(jobs), len(jobs)


@pytest.mark.django_db
def test_a_bulk_change_triggers_the_webhooks_once(django_capture_on_commit_callbacks):
    assert trigger_queries(2, django_capture_on_commit_callbacks) == trigger_queries(
        8, django_capture_on_commit_callbacks
    )
    hooks, _queries = trigger_queries(3, django_capture_on_commit_callbacks)
    assert hooks == 1


@pytest.mark.django_db
def test_dispatching_a_bulk_change_costs_the_same_whatever_its_size(subscribe, django_capture_on_commit_callbacks):
    subscribe("https://example.org/hook", kinds=("commitment", "agreement"), audience="government")
    subscribe("https://example.org/hook-2", kinds=("commitment",), audience="government")
    subscribe("https://example.org/hook-3", kinds=("commitment",), audience="public")
    small, small_jobs = dispatch_queries(2, django_capture_on_commit_callbacks)
    large, large_jobs = dispatch_queries(8, django_capture_on_commit_callbacks)
    # Three subscriptions see each commitment changed: one delivery (and its job) each.
    assert large_jobs - small_jobs == 3 * (8 - 2)
    assert small == large
