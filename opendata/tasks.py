"""The open-data job on the queue (docs/jobs.md): the package is rebuilt by
the worker, never inside a visitor's request once a first build exists."""

from django_tasks import task


@task()
def build_package() -> int:
    """Rebuild the package if it is stale; returns the current build number."""
    from opendata import services

    return services.fresh_package().build_number


def request_build() -> None:
    """Queue one rebuild, unless one is already waiting: a waiting job has not
    read the data yet, so it takes this change too. (A running one may have
    read it before the change: then a new one is queued.)"""
    from django_tasks_db.models import DBTaskResult

    if DBTaskResult.objects.ready().filter(task_path=build_package.module_path).exists():
        return
    build_package.enqueue()
