"""Run by test_replica.py in a separate process whose settings point
``default`` at a throwaway primary and ``replica`` at its streaming replica:
prints one JSON line of what it observed. Not a test module itself."""

import json
import os
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coopdb.settings")
django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.db import connections, router, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from core.models import Source  # noqa: E402
from organizations.models import Organization  # noqa: E402


def in_recovery(alias: str) -> bool:
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery()")
        return cursor.fetchone()[0]


def queries(client_call) -> tuple[int, int, int]:
    """(status, queries on the primary, queries on the replica) of one request."""
    with CaptureQueriesContext(connections["default"]) as primary, CaptureQueriesContext(
        connections["replica"]
    ) as replica:
        response = client_call()
    return response.status_code, len(primary), len(replica)


def main() -> dict:
    seen = {"primary_in_recovery": in_recovery("default"), "replica_in_recovery": in_recovery("replica")}
    source = Source.objects.create(key="replica-check", title_vi="Kiểm tra bản sao", publisher="CoopDB")
    organization = Organization.objects.create(
        slug="replica-check",
        acronym="RPLC",
        name_vi="Tổ chức kiểm tra bản sao",
        kind="international",
        visibility="public",
        source=source,
    )
    seen["write_went_to"] = organization._state.db
    seen["reads_go_to"] = router.db_for_read(Organization)
    deadline = time.monotonic() + 20
    while not Organization.objects.using("replica").filter(slug="replica-check").exists():
        if time.monotonic() > deadline:
            raise SystemExit("the replica never received the write")
        time.sleep(0.2)
    seen["replicated"] = True
    seen["orm_read_from"] = Organization.objects.filter(slug="replica-check").first()._state.db
    with transaction.atomic():
        Organization.objects.filter(slug="replica-check").update(acronym="RPLC2")
        seen["read_in_transaction_sees_own_write"] = Organization.objects.get(slug="replica-check").acronym == "RPLC2"
    try:
        with connections["replica"].cursor() as cursor:
            cursor.execute("CREATE TABLE should_fail (i int)")
        seen["replica_refuses_writes"] = False
    except Exception as error:  # PostgreSQL: "cannot execute CREATE TABLE in a read-only transaction"
        seen["replica_refuses_writes"] = "read-only" in str(error)

    anonymous = Client()
    seen["anonymous_api"] = queries(lambda: anonymous.get("/api/v1/organizations/replica-check/"))
    seen["anonymous_page"] = queries(lambda: anonymous.get("/vi/organizations/"))
    writer = Client()
    posted = writer.post("/i18n/setlang/", {"language": "en", "next": "/en/"})
    seen["write_sets_pin_cookie"] = "coopdb_primary" in posted.cookies
    seen["after_own_write"] = queries(lambda: writer.get("/api/v1/organizations/replica-check/"))
    staff = User.objects.create_superuser("replica-admin", password=None)
    logged_in = Client()
    logged_in.force_login(staff)
    seen["staff_admin"] = queries(lambda: logged_in.get("/admin/"))
    seen["staff_public_page"] = queries(lambda: logged_in.get("/vi/organizations/"))
    return seen


if __name__ == "__main__":
    print(json.dumps(main()))
