"""API throttles that hold: the client address from trusted proxies only, and
requests with a refused key spend the address's anonymous budget."""

import pytest
from django.test import Client
from django.urls import reverse

from security.choices import AuditAction, AuditOutcome
from security.models import AuditEvent

pytestmark = pytest.mark.django_db
AGREEMENTS = reverse("api:agreement-list")
WRONG_KEY = "wrongkey.0123456789abcdef0123456789abcdef"


@pytest.fixture
def three_a_minute(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"ministry_key": "100/minute", "anonymous": "3/minute"},
    }


def statuses(count, **headers):
    client = Client()
    return [client.get(AGREEMENTS, headers=headers).status_code for _ in range(count)]


def test_a_made_up_x_forwarded_for_does_not_buy_a_fresh_budget(three_a_minute):
    client = Client()
    codes = [client.get(AGREEMENTS, headers={"X-Forwarded-For": f"198.51.100.{n}"}).status_code for n in range(5)]
    assert codes == [200, 200, 200, 429, 429]


def test_behind_a_trusted_proxy_each_client_has_its_own_budget(three_a_minute, settings):
    settings.TRUSTED_PROXIES = 1
    assert statuses(4, X_Forwarded_For="6.6.6.6, 203.0.113.1") == [200, 200, 200, 429]
    # The client's own made-up first entry changes nothing; another real client has its budget.
    assert statuses(1, X_Forwarded_For="7.7.7.7, 203.0.113.1") == [429]
    assert statuses(1, X_Forwarded_For="203.0.113.2") == [200]


def test_wrong_keys_are_throttled_after_the_limit(three_a_minute):
    codes = statuses(5, X_Api_Key=WRONG_KEY)
    assert codes == [401, 401, 401, 429, 429]
    response = Client().get(AGREEMENTS, headers={"Authorization": f"Api-Key {WRONG_KEY}"})
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    # Each refusal is in the trail; the throttled ones only in the log, not the table.
    refused = AuditEvent.objects.filter(action=AuditAction.API_KEY_REFUSED)
    assert list(refused.values_list("outcome", "key_prefix")) == [(AuditOutcome.REFUSED, "wrongkey")] * 3


def test_wrong_keys_and_anonymous_requests_share_one_budget(three_a_minute):
    assert statuses(2, X_Api_Key=WRONG_KEY) == [401, 401]
    assert statuses(2) == [200, 429]


def test_api_num_proxies_unset_trusts_no_header(settings):
    assert settings.TRUSTED_PROXIES == 0
    assert settings.REST_FRAMEWORK["NUM_PROXIES"] == 0
