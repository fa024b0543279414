"""Rebuilt by the job queue when the public can see a change: a committed
change of a public record (or of one that was public) marks the package stale
and queues one rebuild; the pages and downloads serve the last complete build
meanwhile, and build only when there is none; the ETag and Last-Modified of
every file follow the build; one process builds at a time."""

import pytest
from django.db import connection, connections, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from opendata import services
from opendata.models import Package
from opendata.signals import mark_changed
from tests.factories import make_agreement, make_organization
from tests.opendata.conftest import queued_builds, run_worker


def _changes() -> int:
    return Package.objects.get(pk=1).changes


@pytest.mark.django_db(transaction=True)  # the signal acts on commit: commit for real
def test_a_change_is_in_the_build_after_the_worker_ran():
    client = Client()
    agreement = make_agreement(slug="agreement-to-hide")
    before = client.get("/open-data/data/agreements.csv")
    assert b"agreement-to-hide" in before.getvalue()
    agreement.visibility = "internal"  # lowered: it must leave the package
    agreement.save()
    assert queued_builds() == 1
    # Until the worker runs, the last complete build is served, unchanged.
    meanwhile = client.get("/open-data/data/agreements.csv")
    assert b"agreement-to-hide" in meanwhile.getvalue() and meanwhile["ETag"] == before["ETag"]
    run_worker()
    after = client.get("/open-data/data/agreements.csv")
    assert b"agreement-to-hide" not in after.getvalue()
    assert after["ETag"] != before["ETag"]
    assert services.current().build_number == 2
    make_organization(acronym="NEWLYPUBLIC")
    run_worker()
    assert b"NEWLYPUBLIC" in client.get("/open-data/data/organizations.csv").getvalue()
    assert services.current().build_number == 3


@pytest.mark.django_db(transaction=True)
def test_an_internal_record_leaves_the_package_alone():
    services.fresh_package()
    start = _changes()
    agreement = make_agreement(visibility="internal")
    agreement.title_vi = "Đã sửa"
    agreement.save()
    agreement.visibility = "government"  # internal → government: still not public
    agreement.save()
    agreement.delete()
    assert _changes() == start
    assert queued_builds() == 0
    assert services.is_fresh(services.current())


@pytest.mark.django_db(transaction=True)
def test_a_public_record_marks_it_stale():
    services.fresh_package()
    start = _changes()
    agreement = make_agreement(visibility="internal")
    agreement.visibility = "public"  # raised: it enters the package
    agreement.save()
    assert _changes() == start + 1
    assert queued_builds() == 1
    agreement.title_vi = "Đã sửa"
    agreement.save()
    assert _changes() == start + 2
    assert queued_builds() == 1  # the waiting job takes both changes
    assert services.is_fresh(services.current()) is False


@pytest.mark.django_db(transaction=True)
def test_lowering_a_public_record_marks_it_stale():
    agreement = make_agreement(visibility="public")
    services.fresh_package()
    start = _changes()
    agreement.visibility = "internal"
    agreement.save()
    assert _changes() == start + 1
    public = make_organization(visibility="public")
    services.fresh_package()
    start = _changes()
    public.delete()  # a public record deleted
    assert _changes() == start + 1


@pytest.mark.django_db(transaction=True)
def test_one_mark_per_transaction_and_none_on_rollback():
    services.fresh_package()
    start = _changes()
    with transaction.atomic():
        for n in range(5):
            make_organization(acronym=f"BATCH{n}")
    assert _changes() == start + 1
    assert queued_builds() == 1
    with pytest.raises(RuntimeError), transaction.atomic():
        make_organization(acronym="ROLLEDBACK")
        raise RuntimeError
    assert _changes() == start + 1
    assert services.is_fresh(services.current()) is False


@pytest.mark.django_db(transaction=True)  # the worker closes its connection
def test_etag_and_last_modified_follow_the_build():
    client = Client()
    first = client.get("/open-data/coopdb-open-data.zip")
    assert first.status_code == 200 and first["Content-Type"] == "application/zip"
    assert first["Cache-Control"] == "public, no-cache"
    assert "attachment" in first["Content-Disposition"]
    etag, modified = first["ETag"], first["Last-Modified"]
    assert client.get("/open-data/coopdb-open-data.zip", headers={"If-None-Match": etag}).status_code == 304
    assert client.get("/open-data/coopdb-open-data.zip", headers={"If-Modified-Since": modified}).status_code == 304
    make_organization(acronym="CHANGED")
    mark_changed()  # what the signal does once the test's transaction would commit
    run_worker()  # the job the page queued on finding it stale
    again = client.get("/open-data/coopdb-open-data.zip", headers={"If-None-Match": etag})
    assert again.status_code == 200 and again["ETag"] != etag
    assert client.head("/open-data/datapackage.json")["Content-Type"] == "application/json"


def test_unknown_file_is_404():
    assert Client().get("/open-data/data/secret.csv").status_code == 404
    assert Client().get("/open-data/../settings.py").status_code == 404


@pytest.mark.django_db(transaction=True)  # the worker closes its connection
def test_the_pages_never_build_when_a_build_exists():
    """A stale package is served as it is, with its time; the request queues
    the rebuild (once) and does not build, even with no other process busy."""
    first = services.fresh_package()
    mark_changed()
    client = Client()
    pages = ("/vi/open-data/", "/en/open-data/", "/open-data/datapackage.json", "/open-data/coopdb-open-data.zip")
    for address in pages:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(address).status_code == 200
        assert not any("opendata_package" in query["sql"] and "UPDATE" in query["sql"] for query in queries), address
    assert services.current().build_number == first.build_number == 1
    assert queued_builds() == 1
    page = client.get("/en/open-data/").content.decode()
    assert "As of " in page and "(version 1.0.1): the last complete build." in page
    run_worker()
    assert services.current().build_number == 2
    assert queued_builds() == 0


def test_the_first_request_builds_when_there_is_no_build():
    assert services.current() is None
    assert Client().get("/en/open-data/").status_code == 200
    assert services.current().build_number == 1


def test_one_build_at_a_time():
    """The job waits for a build another process is making, then finds the
    package fresh and does not build it again."""
    services.fresh_package()
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:  # another server holding the build lock
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [services.LOCK_KEY])
            assert cursor.fetchone()[0] is True
        with services.build_lock(wait=False) as acquired:
            assert acquired is False
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [services.LOCK_KEY])
    finally:
        other.close()
    assert services.fresh_package().build_number == 1  # fresh: not built again


class _EveryReadToTheReplica:
    def db_for_read(self, model, **hints):
        return "replica"  # no such connection here: a read routed there fails


def test_the_package_row_is_read_from_the_primary(settings):
    """Whatever the router says, the Package row comes from the primary: a
    lagging replica could name a folder the last build already removed."""
    services.fresh_package()
    settings.DATABASE_ROUTERS = [f"{__name__}._EveryReadToTheReplica"]
    assert services.current()._state.db == "default"
    assert Client().get("/open-data/datapackage.json").status_code == 200
