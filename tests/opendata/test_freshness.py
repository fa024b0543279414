"""Rebuilt when the data changes: a committed change of a public-relevant
record makes the next request rebuild; the ETag and Last-Modified of every
file follow the build; one process builds at a time."""

import pytest
from django.db import connections, transaction
from django.test import Client

from opendata import services
from opendata.models import Package
from opendata.signals import mark_changed
from tests.factories import make_agreement, make_organization


def _changes() -> int:
    return Package.objects.get(pk=1).changes


@pytest.mark.django_db(transaction=True)  # the signal acts on commit: commit for real
def test_a_change_is_in_the_next_download():
    client = Client()
    agreement = make_agreement(slug="agreement-to-hide")
    before = client.get("/open-data/data/agreements.csv")
    assert b"agreement-to-hide" in before.getvalue()
    agreement.visibility = "internal"
    agreement.save()
    after = client.get("/open-data/data/agreements.csv")
    assert b"agreement-to-hide" not in after.getvalue()
    assert after["ETag"] != before["ETag"]
    assert services.current().build_number == 2
    make_organization(acronym="NEWLYPUBLIC")
    assert b"NEWLYPUBLIC" in client.get("/open-data/data/organizations.csv").getvalue()
    agreement.delete()
    client.get("/en/open-data/")
    assert services.current().build_number == 4


@pytest.mark.django_db(transaction=True)
def test_one_mark_per_transaction_and_none_on_rollback():
    services.fresh_package()
    start = _changes()
    with transaction.atomic():
        for n in range(5):
            make_organization(acronym=f"BATCH{n}")
    assert _changes() == start + 1
    with pytest.raises(RuntimeError), transaction.atomic():
        make_organization(acronym="ROLLEDBACK")
        raise RuntimeError
    assert _changes() == start + 1
    assert services.is_fresh(services.current()) is False


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
    again = client.get("/open-data/coopdb-open-data.zip", headers={"If-None-Match": etag})
    assert again.status_code == 200 and again["ETag"] != etag
    assert client.head("/open-data/datapackage.json")["Content-Type"] == "application/json"


def test_unknown_file_is_404():
    assert Client().get("/open-data/data/secret.csv").status_code == 404
    assert Client().get("/open-data/../settings.py").status_code == 404


def test_while_another_process_builds_the_previous_build_is_served():
    first = services.fresh_package()
    mark_changed()
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:  # another server holding the build lock
            cursor.execute("SELECT pg_advisory_lock(%s)", [services.LOCK_KEY])
        served = services.fresh_package()
        assert served.build_number == first.build_number == 1  # not built a second time
        assert Client().get("/open-data/datapackage.json").status_code == 200
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [services.LOCK_KEY])
        assert services.fresh_package().build_number == 2
    finally:
        other.close()


def test_a_fresh_package_is_not_rebuilt():
    first = services.fresh_package()
    assert services.fresh_package().build_number == first.build_number
    assert Client().get("/vi/open-data/").status_code == 200
    assert services.current().build_number == first.build_number
