"""Point 6 of issue #12: a database outage answers 503 with Retry-After (JSON
on the API, a page elsewhere, rendered without the database), never a 500.

The outage is real: the application's connection is pointed at a port where
no PostgreSQL listens (as after the server stopped), then given back."""

import contextlib
import socket

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.db import connections
from django.test import Client

from tests.factories import make_agreement


def _closed_port() -> int:
    """A local port nothing listens on: bound, then released."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def database_down():
    """Requests made inside use a connection to a stopped server; the test's
    own connection (and its transaction) is put back afterwards."""
    working = connections["default"]
    broken = working.__class__({**working.settings_dict, "HOST": "127.0.0.1", "PORT": _closed_port()}, "default")
    connections["default"] = broken
    try:
        yield
    finally:
        broken.close()
        connections["default"] = working


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


def test_statement_timeout_and_persistent_connections_are_on_outside_debug():
    options = settings.DATABASES["default"]
    assert options["CONN_MAX_AGE"] == 60 and options["CONN_HEALTH_CHECKS"]
    assert settings.DATABASE_STATEMENT_TIMEOUT == settings.GUNICORN_TIMEOUT - 5 > 0


@pytest.mark.parametrize("path", ["/vi/", "/en/agreements/", "/vi/search/?q=hop+tac"])
def test_page_answers_503_with_retry_after(client, path):
    make_agreement(visibility="public")
    with database_down():
        response = client.get(path)
    assert response.status_code == 503
    assert response["Retry-After"] == str(settings.COOPDB_RETRY_AFTER_SECONDS)
    assert "Lỗi 503" in response.content.decode() or "Error 503" in response.content.decode()


@pytest.mark.parametrize("path", ["/api/v1/agreements/", "/api/v1/organizations/1/", "/api/v1/events/?format=csv"])
def test_api_answers_503_json_with_retry_after(client, path):
    with database_down():
        response = client.get(path)
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response["Retry-After"] == str(settings.COOPDB_RETRY_AFTER_SECONDS)
    body = response.json()
    assert (body["status"], body["code"]) == (503, "service_unavailable")
    assert body["retry_after"] == settings.COOPDB_RETRY_AFTER_SECONDS


def test_keyed_api_request_answers_503(client):
    with database_down():
        response = client.get("/api/v1/agreements/", headers={"X-Api-Key": "abcdefgh." + "x" * 32})
    assert response.status_code == 503


def test_staff_page_answers_503(client):
    client.force_login(User.objects.create_superuser("root", password=None))
    with database_down():
        response = client.get("/admin/agreements/agreement/")  # the session itself is in the database
    assert response.status_code == 503
    assert response["Retry-After"]


def test_site_works_again_once_the_database_is_back(client):
    make_agreement(visibility="public", slug="back-again")
    with database_down():
        assert client.get("/vi/agreements/back-again/").status_code == 503
    assert client.get("/vi/agreements/back-again/").status_code == 200


def test_other_errors_stay_500(client, monkeypatch):
    """Only a lost database is a 503: a bug is still a 500."""
    from public import views

    def broken(*args, **kwargs):
        raise RuntimeError("bug")

    monkeypatch.setattr(views.home_selectors, "home_figures", broken)
    assert client.get("/vi/").status_code == 500
