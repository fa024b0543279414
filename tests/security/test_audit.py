"""The audit trail: each security event is a row (read-only in the admin) and
a key=value line on the coopdb.audit logger, with time, client address, user
or key prefix, action and outcome."""

import logging

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.test import Client
from django.urls import reverse

from organizations.models import Organization
from security.choices import AuditAction, AuditOutcome
from security.models import AuditEvent
from security.services import record_event
from tests.api.conftest import create_key
from tests.factories import make_source
from tests.security.conftest import PASSWORD, log_in
from tests.workflow.sheets import GOOD
from tests.workflow.test_admin_spreadsheets import confirm, export, preview

pytestmark = pytest.mark.django_db
AGREEMENTS = reverse("api:agreement-list")
AUDIT_LIST = reverse("admin:security_auditevent_changelist")


@pytest.fixture
def audit_lines(caplog):
    caplog.set_level(logging.INFO, logger="coopdb.audit")

    def lines(action):
        return [record.getMessage() for record in caplog.records if f" action={action} " in record.getMessage()]

    return lines


@pytest.fixture
def editor_client(staff):
    # A Publisher: an Editor's import of public rows is refused (four eyes,
    # tests/workflow/test_admin_spreadsheets.py); this test is about the trail.
    staff.groups.add(Group.objects.get(name="Publishers"))
    client = Client()
    client.force_login(staff)
    client.user = staff
    return client


@pytest.fixture
def vietq(db):
    return make_source(key="vietq", title_vi="VietQ")


def events(action) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action).order_by("pk"))


def test_log_in_failure_and_log_out(staff, audit_lines):
    client = Client()
    log_in(client, "lan", "wrong password", address="192.0.2.10")
    log_in(client, "lan", PASSWORD, address="192.0.2.10")
    client.post(reverse("admin:logout"), REMOTE_ADDR="192.0.2.10")

    (failed,) = events(AuditAction.LOGIN_FAILED)
    assert (failed.username, failed.client_address, failed.outcome) == ("lan", "192.0.2.10", AuditOutcome.FAILURE)
    (login,) = events(AuditAction.LOGIN)
    assert (login.user, login.client_address, login.outcome) == (staff, "192.0.2.10", AuditOutcome.SUCCESS)
    assert len(login.request_id) == 32
    (logout,) = events(AuditAction.LOGOUT)
    assert (logout.user, logout.outcome) == (staff, AuditOutcome.SUCCESS)

    (line,) = audit_lines("login_failed")
    assert "outcome=failure user=lan address=192.0.2.10" in line and line.startswith("time=20")
    assert len(audit_lines("login")) == 1 and len(audit_lines("logout")) == 1


def test_a_lockout_is_recorded(staff, settings, audit_lines):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "lan", "wrong password")
    (lockout,) = events(AuditAction.LOCKOUT)
    assert (lockout.username, lockout.client_address, lockout.outcome) == ("lan", "127.0.0.1", AuditOutcome.REFUSED)
    assert len(audit_lines("lockout")) == 1


def test_typed_values_are_stored_cleaned(rf):
    request = rf.get("/", REMOTE_ADDR="not an address")
    record_event(AuditAction.LOGIN_FAILED, AuditOutcome.FAILURE, request=request, username="x\x00\n" + "y" * 300)
    (failed,) = events(AuditAction.LOGIN_FAILED)
    assert failed.username == "x" + "y" * 149 and failed.client_address is None


@pytest.mark.parametrize(
    ("headers", "code"),
    [
        ({"X-Api-Key": "wrongkey.0123456789abcdef0123456789abcdef"}, "invalid_api_key"),
        ({"Authorization": "Bearer abc"}, "unsupported_authorization"),
    ],
)
def test_refused_api_keys(headers, code, audit_lines):
    assert Client().get(AGREEMENTS, headers=headers).status_code == 401
    (refused,) = events(AuditAction.API_KEY_REFUSED)
    assert refused.outcome == AuditOutcome.REFUSED and refused.detail == code
    assert refused.client_address == "127.0.0.1"
    assert len(audit_lines("api_key_refused")) == 1


def test_a_revoked_key_is_recorded_with_its_prefix():
    api_key, key = create_key(revoked=True)
    assert Client().get(AGREEMENTS, headers={"X-Api-Key": key}).status_code == 401
    (refused,) = events(AuditAction.API_KEY_REFUSED)
    assert refused.key_prefix == api_key.prefix and refused.detail == "revoked_api_key"


def test_a_valid_key_is_not_an_event():
    key = create_key()[1]
    assert Client().get(AGREEMENTS, headers={"X-Api-Key": key}).status_code == 200
    assert not AuditEvent.objects.exists()


def test_group_changes_through_the_admin_name_who_did_them(db, audit_lines):
    admin_user = User.objects.create_superuser("root", password=None)
    colleague = User.objects.create_user("minh", password=None, is_staff=True)
    AuditEvent.objects.all().delete()
    client = Client()
    client.force_login(admin_user)
    viewers = Group.objects.get(name="Viewers")
    response = client.post(
        reverse("admin:auth_user_change", args=[colleague.pk]),
        {
            "username": "minh",
            "is_active": "on",
            "is_staff": "on",
            "is_superuser": "on",
            "groups": [viewers.pk],
            "date_joined_0": "2026-01-05",
            "date_joined_1": "08:00:00",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    changes = events(AuditAction.PERMISSIONS_CHANGED)
    assert {event.detail for event in changes} == {"minh: is_superuser=True", "minh: user groups + Viewers"}
    assert {event.user for event in changes} == {admin_user}
    assert len([line for line in audit_lines("permissions_changed") if "user=root" in line]) == 2


def test_group_permission_changes_are_recorded(db):
    group = Group.objects.get(name="Viewers")
    permission = Permission.objects.get(codename="delete_organization")
    group.permissions.add(permission)
    group.permissions.remove(permission)
    details = [event.detail for event in events(AuditAction.PERMISSIONS_CHANGED)]
    assert details == [f"Viewers: group permissions + {permission}", f"Viewers: group permissions - {permission}"]


def test_imports_and_exports_are_recorded(editor_client, vietq):
    AuditEvent.objects.all().delete()
    page = preview(editor_client, Organization, GOOD["organization"])
    assert not events(AuditAction.IMPORT)  # a preview writes nothing
    assert confirm(editor_client, Organization, page).status_code == 302
    assert export(editor_client, Organization).status_code == 200
    (imported,) = events(AuditAction.IMPORT)
    (exported,) = events(AuditAction.EXPORT)
    for event in (imported, exported):
        assert (event.user, event.detail, event.client_address) == (
            editor_client.user,
            "organizations.Organization",
            "127.0.0.1",
        )


def test_staff_read_the_trail_and_nobody_edits_it(staff):
    log_in(Client(), "lan", "wrong password")
    event = AuditEvent.objects.get(action=AuditAction.LOGIN_FAILED)
    viewer = User.objects.create_user("xem", password=None, is_staff=True)
    viewer.groups.add(Group.objects.get(name="Viewers"))
    client = Client()
    client.force_login(viewer)
    listing = client.get(AUDIT_LIST)
    assert listing.status_code == 200
    assert "lan" in listing.content.decode() and "127.0.0.1" in listing.content.decode()
    detail = client.get(reverse("admin:security_auditevent_change", args=[event.pk]))
    assert detail.status_code == 200 and 'name="username"' not in detail.content.decode()
    superuser = User.objects.create_superuser("root", password=None)
    client.force_login(superuser)
    assert client.get(reverse("admin:security_auditevent_add")).status_code == 403
    assert client.post(reverse("admin:security_auditevent_delete", args=[event.pk]), {"post": "yes"}).status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk).exists()
    assert Client().get(AUDIT_LIST).status_code == 302  # anonymous: to the log-in page
