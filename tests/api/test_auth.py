"""Ministry keys: headers, refusals, last-used time, and the admin that issues them."""

import datetime
import re

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from api.models import Ministry, MinistryAPIKey
from tests.api.conftest import create_key
from tests.factories import make_agreement

AGREEMENTS = "/api/v1/agreements/"


@pytest.fixture
def government_agreement():
    return make_agreement(visibility="government")


def test_key_in_either_header_sees_government_records(api, key, government_agreement):
    for headers in ({"X-Api-Key": key}, {"Authorization": f"Api-Key {key}"}, {"Authorization": f"api-key {key}"}):
        response = api.get(AGREEMENTS, headers=headers)
        assert government_agreement.pk in {row["id"] for row in response.json()["results"]}, headers


def _wrong_secret(key: str) -> str:
    # Change the last character to one it is not (a fixed "x" was the same 1 time in 62).
    return key[:-1] + ("y" if key.endswith("x") else "x")


@pytest.mark.parametrize(
    ("make_key", "code"),
    [
        (lambda: create_key(expiry_date=timezone.now() - datetime.timedelta(days=1))[1], "expired_api_key"),
        (lambda: create_key(revoked=True)[1], "revoked_api_key"),
        (lambda: _wrong_secret(create_key()[1]), "invalid_api_key"),  # right prefix, wrong secret
        (lambda: "AbCdEfGh." + "x" * 32, "invalid_api_key"),  # unknown prefix
        (lambda: "not a key at all", "invalid_api_key"),
        (lambda: "", "invalid_api_key"),
    ],
    ids=["expired", "revoked", "wrong-secret", "unknown", "malformed", "empty"],
)
def test_refused_keys_are_401_never_anonymous(api, government_agreement, make_key, code):
    bad_key = make_key()
    for headers in ({"X-Api-Key": bad_key}, {"Authorization": f"Api-Key {bad_key}"}):
        for url in (AGREEMENTS, f"{AGREEMENTS}{government_agreement.pk}/", f"{AGREEMENTS}?format=csv"):
            response = api.get(url, headers=headers)
            assert response.status_code == 401, (url, headers)
            assert response["Content-Type"] == "application/json"
            assert response.json()["code"] == code
            assert response["WWW-Authenticate"].startswith("Api-Key")


def test_other_authorization_schemes_are_refused(api):
    response = api.get(AGREEMENTS, headers={"Authorization": "Bearer abc"})
    assert response.status_code == 401
    assert response.json()["code"] == "unsupported_authorization"


def test_two_different_keys_are_refused(api, key):
    other = create_key()[1]
    response = api.get(AGREEMENTS, headers={"X-Api-Key": key, "Authorization": f"Api-Key {other}"})
    assert response.status_code == 401


def test_key_in_the_url_is_not_a_key(api, key, government_agreement):
    # Keys travel in headers only: a query parameter is an unknown parameter.
    response = api.get(AGREEMENTS, api_key=key)
    assert response.status_code == 400
    assert key not in response.content.decode()


def test_last_used_is_written_at_most_once_a_minute(api):
    api_key, key = create_key()
    assert api_key.last_used_at is None
    api.get(AGREEMENTS, key=key)
    first = MinistryAPIKey.objects.get(pk=api_key.pk).last_used_at
    assert first is not None
    api.get(AGREEMENTS, key=key)
    assert MinistryAPIKey.objects.get(pk=api_key.pk).last_used_at == first
    MinistryAPIKey.objects.filter(pk=api_key.pk).update(last_used_at=first - datetime.timedelta(minutes=2))
    api.get(AGREEMENTS, key=key)
    assert MinistryAPIKey.objects.get(pk=api_key.pk).last_used_at > first


def test_keys_are_stored_hashed(api):
    api_key, key = create_key()
    stored = MinistryAPIKey.objects.get(pk=api_key.pk)
    secret = key.split(".", 1)[1]
    assert secret not in stored.hashed_key and secret not in stored.pk
    assert stored.hashed_key.startswith("sha512$$")


@pytest.fixture
def admin_client(client):
    user = User.objects.create(username="boss", is_staff=True, is_superuser=True)
    client.force_login(user)
    return client


def test_admin_creates_a_key_shown_once_and_it_works(admin_client, api, government_agreement):
    ministry = Ministry.objects.create(name_vi="Bộ Ngoại giao", name_en="Ministry of Foreign Affairs")
    response = admin_client.post(
        reverse("admin:api_ministryapikey_add"),
        {"ministry": ministry.pk, "name": "MOFA portal", "expiry_date_0": "", "expiry_date_1": ""},
        follow=True,
    )
    assert response.status_code == 200
    messages = [str(message) for message in response.context["messages"]]
    key = re.search(r"[A-Za-z0-9]{8}\.[A-Za-z0-9]{32}", " ".join(messages)).group(0)
    api_key = MinistryAPIKey.objects.get(ministry=ministry)
    assert key not in admin_client.get(reverse("admin:api_ministryapikey_change", args=[api_key.pk])).content.decode()
    listed = api.get(AGREEMENTS, key=key).json()["results"]
    assert government_agreement.pk in {row["id"] for row in listed}


def test_admin_revokes_keys_for_good(admin_client, api):
    api_key, key = create_key()
    response = admin_client.post(
        reverse("admin:api_ministryapikey_changelist"),
        {"action": "revoke_keys", "_selected_action": [api_key.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert MinistryAPIKey.objects.get(pk=api_key.pk).revoked
    assert api.get(AGREEMENTS, key=key).json()["code"] == "revoked_api_key"
    assert MinistryAPIKey.history.filter(id=api_key.pk, revoked=True).exists()


def test_admin_pages_render(admin_client):
    create_key()
    for name in ("admin:api_ministry_changelist", "admin:api_ministryapikey_changelist", "admin:api_ministry_add"):
        assert admin_client.get(reverse(name)).status_code == 200
    assert admin_client.get(reverse("admin:api_ministry_change", args=[Ministry.objects.get().pk])).status_code == 200
