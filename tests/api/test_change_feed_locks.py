"""The change feed and registry writes never wait for each other: a feed
read does not wait for an open write transaction, and a write does not wait
for a feed read, even one that is settling rows. Two real connections
(threads, committed data); each waiting side has a lock_timeout, so a wait
fails the test at once instead of hanging it."""

import threading

import pytest
from django.db import connection

from agreements.models import Agreement
from api import changes as change_log
from api.changes import settle
from api.models import Change
from tests.factories import make_agreement

FEED = "/api/v1/changes/"
WAIT = 30  # seconds: a thread that never gets there fails the test, never hangs it

pytestmark = pytest.mark.django_db(transaction=True)


def lock_timeout(value):
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('lock_timeout', %s, false)", [value])


def in_thread(work):
    """Run ``work`` on its own connection; returns (thread, errors)."""
    errors = []

    def run():
        try:
            work()
        except Exception as error:  # reported by the test, not lost in the thread
            errors.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, errors


def slugs(api, **params):
    response = api.get(FEED, limit=500, **params)
    assert response.status_code == 200, response.content
    return {entry["key"] for entry in response.json()["results"] if entry["kind"] == "agreement"}


def test_a_feed_read_does_not_wait_for_an_open_write(api):
    settle()
    make_agreement(slug="committed")  # pending: the read would like to settle it
    written, finish = threading.Event(), threading.Event()

    def write():
        from django.db import transaction

        with transaction.atomic():
            make_agreement(slug="uncommitted")  # takes the log's lock until commit
            written.set()
            assert finish.wait(WAIT)

    writer, errors = in_thread(write)
    try:
        assert written.wait(WAIT)
        lock_timeout("2s")  # a read that waits for the writer's lock fails here
        assert slugs(api) == set()  # nothing settled yet, and the read did not wait
    finally:
        finish.set()
        writer.join(WAIT)
    assert not errors
    assert slugs(api) == {"committed", "uncommitted"}


def test_a_write_does_not_wait_for_a_feed_read_that_settles(api, monkeypatch):
    settle()
    for n in range(3):
        make_agreement(slug=f"pending-{n}")
    rendering, finish = threading.Event(), threading.Event()
    render = change_log.render

    def slow_render(*args, **kwargs):
        # The read is settling (rows claimed, settle lock held): hold it here.
        rendering.set()
        assert finish.wait(WAIT)
        return render(*args, **kwargs)

    monkeypatch.setattr(change_log, "render", slow_render)
    found = {}

    def read():
        found["slugs"] = slugs(api)

    reader, errors = in_thread(read)
    try:
        assert rendering.wait(WAIT)
        monkeypatch.setattr(change_log, "render", render)  # the write's own reads render normally
        lock_timeout("2s")  # a write that waits for the reader fails here
        make_agreement(slug="written-meanwhile")
        # A record the read is settling right now: noted again, without waiting.
        settling = Agreement.objects.get(slug="pending-0")
        settling.title_vi = "Sửa trong lúc đọc"
        settling.save()
    finally:
        finish.set()
        reader.join(WAIT)
    assert not errors
    assert found["slugs"] == {"pending-0", "pending-1", "pending-2"}
    assert "written-meanwhile" in slugs(api)
    assert Change.objects.filter(kind="agreement", object_id=settling.pk).count() == 2  # created, changed
