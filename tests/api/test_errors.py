"""Every error is JSON with one shape: status, code, message, errors."""

import pytest
from django.test import Client

from agreements.api.views import AgreementViewSet
from tests.api.conftest import create_key
from tests.factories import make_agreement

AGREEMENTS = "/api/v1/agreements/"
SHAPE = {"status", "code", "message", "errors"}


def assert_error(response, status, code):
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert SHAPE <= set(body) and body["status"] == status and body["code"] == code, body
    return body


@pytest.mark.parametrize(
    "params",
    [
        {"kind": "treaty"},
        # Day first (31/12/2020) is read as everywhere else; month first never is.
        {"in_force_on": "12/31/2020"},
        {"organization": "ISO"},
        {"organization": str(2**70)},
        {"country": "Vietnam"},
        {"ordering": "amount"},
        {"q": "x" * 201},
        {"cursor": "garbage"},
        {"format": "xml"},
    ],
)
def test_bad_values_are_400(api, params):
    body = assert_error(api.get(AGREEMENTS, **params), 400, "invalid")
    assert set(params) == set(body["errors"])


def test_tampered_cursors_are_400(api):
    import base64
    import json

    make_agreement()
    make_agreement()
    for payload in (
        {"o": ["-signed_on", "slug", "pk"], "v": ["not-a-date", "a", 1]},
        {"o": ["-signed_on", "slug", "pk"], "v": [None, "a", 2**70]},
        {"o": ["-signed_on", "slug", "pk"], "v": [None, "a\u0000", 1]},
        {"o": ["-signed_on", "slug", "pk"], "v": [None, ["a"], 1]},
        {"o": ["-signed_on", "slug", "pk"], "v": [None, "a"]},
        {"o": ["internal_note", "pk"], "v": ["x", 1]},
        ["not", "a", "dict"],
    ):
        cursor = base64.urlsafe_b64encode(json.dumps(payload).encode()).decode()
        assert_error(api.get(AGREEMENTS, cursor=cursor), 400, "invalid")


def test_unknown_api_path_is_json_404_and_the_site_keeps_html(api):
    assert_error(api.get("/api/v1/treaties/"), 404, "not_found")
    assert_error(api.get("/api/v2/"), 404, "not_found")
    site = api.get("/no-such-page/")
    assert site.status_code == 404 and not site["Content-Type"].startswith("application/json")


def test_405_lists_the_allowed_methods(api):
    response = api.request("post", AGREEMENTS, data={}, content_type="application/json")
    assert_error(response, 405, "method_not_allowed")
    assert "GET" in response["Allow"]


def test_large_body_is_413(api, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    for method in ("GET", "POST"):
        response = api.client.generic(method, AGREEMENTS, data="x" * 5000, content_type="text/plain")
        assert_error(response, 413, "request_too_large")


@pytest.mark.parametrize("keyed", [False, True], ids=["anonymous", "key"])
def test_throttling_is_429_with_retry_after(api, settings, keyed):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"ministry_key": "3/minute", "anonymous": "2/minute"},
    }
    key = create_key()[1] if keyed else None
    allowed = 3 if keyed else 2
    for _ in range(allowed):
        assert api.get(AGREEMENTS, key=key).status_code == 200
    response = api.get(AGREEMENTS, key=key)
    body = assert_error(response, 429, "throttled")
    assert int(response["Retry-After"]) > 0 and body["retry_after"] == int(response["Retry-After"])
    if keyed:
        # Another ministry's key, and anonymous callers, have their own budgets.
        assert api.get(AGREEMENTS, key=create_key()[1]).status_code == 200
        assert api.get(AGREEMENTS).status_code == 200


def test_csv_requests_get_json_errors(api):
    assert_error(api.get(AGREEMENTS, format="csv", kind="treaty"), 400, "invalid")
    assert_error(api.get(f"{AGREEMENTS}999999/", format="csv"), 404, "not_found")
    response = api.client.get(f"{AGREEMENTS}999999/", headers={"Accept": "text/csv"})
    assert_error(response, 404, "not_found")


def test_unexpected_errors_are_json_500_without_internals(monkeypatch):
    def explode(self, request, *args, **kwargs):
        raise RuntimeError("secret internals: password=hunter2")

    monkeypatch.setattr(AgreementViewSet, "list", explode)
    response = Client(raise_request_exception=False).get(AGREEMENTS)
    body = assert_error(response, 500, "server_error")
    assert "hunter2" not in response.content.decode() and "RuntimeError" not in body["message"]
