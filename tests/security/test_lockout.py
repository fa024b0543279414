"""Staff log-in: django-axes locks a user name out from one address after
LOGIN_FAILURE_LIMIT failures; X-Forwarded-For only counts from trusted proxies."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import translation

from security.clients import client_address
from tests.security.conftest import INDEX, PASSWORD, log_in

pytestmark = pytest.mark.django_db


def fail(client, times, **kwargs):
    return [log_in(client, "lan", "wrong password", **kwargs).status_code for _ in range(times)]


def test_the_right_password_is_refused_after_the_failure_limit(staff, settings):
    client = Client()
    assert fail(client, settings.AXES_FAILURE_LIMIT - 1) == [200] * (settings.AXES_FAILURE_LIMIT - 1)
    # The limit-th failure locks the account out for this address.
    assert log_in(client, "lan", "wrong password").status_code == 429
    response = log_in(client, "lan", PASSWORD)
    assert response.status_code == 429
    assert "Đăng nhập sai quá nhiều lần" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get(INDEX).status_code == 302


def test_changing_x_forwarded_for_does_not_escape_the_lockout(staff, settings):
    client = Client()
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "lan", "wrong password", X_Forwarded_For=f"203.0.113.{attempt}")
    response = log_in(client, "lan", PASSWORD, X_Forwarded_For="198.51.100.77")
    assert response.status_code == 429
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["127.0.0.1"]


def test_another_address_is_not_locked_out(staff, settings):
    client = Client()
    fail(client, settings.AXES_FAILURE_LIMIT)
    response = log_in(Client(), "lan", PASSWORD, address="192.0.2.9")
    assert response.status_code == 302 and response["Location"] == INDEX


def test_a_success_before_the_limit_resets_the_count(staff, settings):
    client = Client()
    fail(client, settings.AXES_FAILURE_LIMIT - 1)
    assert log_in(client, "lan", PASSWORD).status_code == 302
    assert not AccessAttempt.objects.exists()


def test_behind_one_trusted_proxy_the_address_it_saw_is_the_client(staff, settings):
    settings.TRUSTED_PROXIES = 1
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        # The client's own made-up entry comes first; our proxy appends what it saw.
        log_in(client, "lan", "wrong password", X_Forwarded_For="10.0.0.1, 203.0.113.5")
    assert log_in(client, "lan", PASSWORD, X_Forwarded_For="203.0.113.5").status_code == 429
    assert log_in(client, "lan", PASSWORD, X_Forwarded_For="203.0.113.5, 203.0.113.6").status_code == 302


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.5", "127.0.0.1"),
        (1, "", "127.0.0.1"),
        (1, "1.1.1.1, 203.0.113.5", "203.0.113.5"),
        (2, "1.1.1.1, 203.0.113.5, 10.0.0.2", "203.0.113.5"),
        (2, "203.0.113.5", "203.0.113.5"),
        (1, "not-an-address", "127.0.0.1"),
    ],
)
def test_client_address_reads_only_trusted_hops(rf, settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXIES = proxies
    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected


def test_password_validators_answer_in_vietnamese(staff, settings):
    with translation.override("vi"), pytest.raises(ValidationError) as refusal:
        validate_password("12345678", user=staff)
    messages = " ".join(refusal.value.messages)
    assert "Mật khẩu này quá ngắn" in messages and "chỉ gồm chữ số" in messages
