"""Staff sessions: logged out after SESSION_IDLE_SECONDS without a request and
SESSION_COOKIE_AGE after the log-in, however busy (frozen clock)."""

import datetime

import pytest
import time_machine
from django.test import Client

from security.choices import AuditAction, AuditOutcome
from security.models import AuditEvent
from tests.security.conftest import INDEX, PASSWORD, log_in

pytestmark = pytest.mark.django_db
START = datetime.datetime(2026, 3, 2, 8, 0, tzinfo=datetime.UTC)


def logged_in_client() -> Client:
    client = Client()
    assert log_in(client, "lan", PASSWORD).status_code == 302
    return client


def test_a_session_idle_longer_than_the_limit_is_logged_out(staff, settings):
    idle = datetime.timedelta(seconds=settings.SESSION_IDLE_SECONDS)
    with time_machine.travel(START, tick=False) as traveller:
        client = logged_in_client()
        traveller.shift(idle - datetime.timedelta(minutes=1))
        assert client.get(INDEX).status_code == 200
        # Idle counts from the last request, not from the log-in.
        traveller.shift(idle - datetime.timedelta(minutes=1))
        assert client.get(INDEX).status_code == 200
        traveller.shift(idle + datetime.timedelta(seconds=1))
        response = client.get(INDEX)
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action=AuditAction.LOGOUT, outcome=AuditOutcome.EXPIRED, user=staff).count() == 1


def test_a_busy_session_still_ends_at_its_absolute_lifetime(staff, settings):
    step = datetime.timedelta(seconds=settings.SESSION_IDLE_SECONDS // 2)
    lifetime = datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    with time_machine.travel(START, tick=False) as traveller:
        client = logged_in_client()
        elapsed = datetime.timedelta(0)
        while elapsed + step <= lifetime:
            traveller.shift(step)
            elapsed += step
            assert client.get(INDEX).status_code == 200, elapsed
        traveller.shift(step)
        response = client.get(INDEX)
    assert response.status_code == 302
    # Ended by the lifetime rule (the session row itself was saved 15 minutes before).
    assert AuditEvent.objects.filter(action=AuditAction.LOGOUT, outcome=AuditOutcome.EXPIRED).count() == 1


def test_the_idle_limit_is_thirty_minutes_and_the_lifetime_twelve_hours_by_default(settings):
    assert settings.SESSION_IDLE_SECONDS == 30 * 60
    assert settings.SESSION_COOKIE_AGE == 12 * 3600
