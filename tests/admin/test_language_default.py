"""The admin opens in Vietnamese even for a browser that prefers English."""

import pytest
from django.conf import settings


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_superuser(username="lan", password="x")
    client.force_login(user)
    return client


def test_an_english_browser_still_gets_the_vietnamese_admin(staff_client):
    response = staff_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.headers["Content-Language"] == "vi"
    assert "Thỏa thuận".encode() in response.content or "Hợp tác".encode() in response.content


def test_the_switcher_cookie_gives_english(staff_client):
    staff_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = staff_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="vi")
    assert response.headers["Content-Language"] == "en"
    assert b"Agreements" in response.content


def test_api_errors_follow_the_clients_accept_language(client):
    english = client.get("/api/v1/agreements/", {"in_force_on": "2020-13-45"}, HTTP_ACCEPT_LANGUAGE="en")
    vietnamese = client.get("/api/v1/agreements/", {"in_force_on": "2020-13-45"}, HTTP_ACCEPT_LANGUAGE="vi")
    assert english.status_code == vietnamese.status_code == 400
    assert english.json()["errors"]["in_force_on"] == ["Enter a valid date."]
    assert vietnamese.json()["errors"]["in_force_on"] != ["Enter a valid date."]
