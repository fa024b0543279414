"""Point 7 of issue #12: a NUL (PostgreSQL refuses it in text) or another
invalid text anywhere in a public address or an API filter is a 400 (or an
empty result), never a 500.

The addresses are not listed by hand: every route of the URL configuration
outside the admin, and every query parameter the OpenAPI schema declares for
every API operation, so a new page or filter is crawled too."""

import pytest
from django.test import Client

from tests.site.conftest import world  # noqa: F401  (a public record behind every detail page)
from tests.urlmap import routes

NUL = "%00"
# A value of every kind a path argument takes, for routes crawled with NUL in the query.
SAMPLE_ARGUMENTS = {
    "pk": "1",
    "slug": "stameq",
    "code": "VN",
    "year": "2020",
    "month": "7",
    "model_name": "agreement",
    "name": "datapackage.json",
}
# Parameters every public list page reads besides its filterset's.
PAGE_PARAMETERS = ("q", "sort", "page", "kind", "status", "year", "organization", "country")


def _public_and_api_routes(languages=("vi", "en")):
    return [route for language in languages for route in routes(language) if not route.is_admin]


def _api_parameters(client) -> dict[str, set[str]]:
    """Every query parameter of every GET operation in /api/v1/schema/, by path."""
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    parameters = {}
    for path, operations in schema["paths"].items():
        names = {p["name"] for p in operations.get("get", {}).get("parameters", []) if p["in"] == "query"}
        parameters[path] = names
    return parameters


def _assert_refused(response, url):
    assert response.status_code == 400, (url, response.status_code)
    if url.startswith("/api/") or "/search/suggest/" in url:  # JSON: core.errors.json_errors
        assert response.json()["code"] == "invalid", url
    else:
        assert "Error 400" in response.content.decode() or "Lỗi 400" in response.content.decode(), url


@pytest.fixture
def client():
    # A 500 must show as a failed assertion with its address, not as an exception.
    return Client(raise_request_exception=False)


def test_nul_in_any_path_argument_is_refused(client, world):  # noqa: F811
    crawled = 0
    for route in _public_and_api_routes():
        if not route.arguments:
            continue
        url = route.url(**{name: NUL for name in route.arguments})
        _assert_refused(client.get(url), url)
        crawled += 1
    assert crawled >= 30  # every detail page in both languages and every API detail


def test_nul_in_any_query_parameter_of_any_public_page_is_refused(client, world):  # noqa: F811
    crawled = 0
    for route in _public_and_api_routes(languages=("vi",)):  # /en/ routes are the same views
        if route.is_api:
            continue
        base = route.url(**{name: SAMPLE_ARGUMENTS[name] for name in route.arguments})
        for name in PAGE_PARAMETERS:
            url = f"{base}?{name}={NUL}"
            _assert_refused(client.get(url), url)
            crawled += 1
        _assert_refused(client.get(f"{base}?{NUL}=1"), base)  # in a parameter's name too
    assert crawled > 150


def test_nul_in_every_api_filter_is_refused(client, world):  # noqa: F811
    crawled = 0
    for path, names in _api_parameters(client).items():
        for name in names - {"format"}:
            url = f"{path.replace('{id}', '1')}?{name}=a{NUL}b"
            _assert_refused(client.get(url), url)
            crawled += 1
    assert crawled > 150


SURROGATE = "%ED%A0%80"  # a lone surrogate, UTF-8 encoded (not valid UTF-8)
OVERLONG = "x" * 5000
HUGE_NUMBER = "9" * 40  # too large for any integer column


def test_other_invalid_text_never_fails_the_server(client):
    """Not refused outright: an ordinary invalid value, answered 400 (API) or
    with the page and no rows (site), never 500. (No rows needed: an
    out-of-range or overlong value fails in PostgreSQL whatever the rows.)"""
    failures = []
    for path, names in _api_parameters(client).items():
        if "{" in path or path.endswith(("/schema/", "/docs/")):
            continue  # lists only: details take no filter
        for name in names - {"format"}:
            for value in (HUGE_NUMBER,) if name != "q" else (HUGE_NUMBER, OVERLONG):
                response = client.get(f"{path}?{name}={value}")
                if response.status_code not in (200, 400):
                    failures.append((path, name, response.status_code))
    for route in _public_and_api_routes(languages=("vi",)):
        if route.is_api or route.arguments:
            continue
        for name in ("q", "page", "year"):
            for value in (SURROGATE, HUGE_NUMBER, OVERLONG) if name == "q" else (HUGE_NUMBER,):
                response = client.get(f"{route.url()}?{name}={value}")
                if response.status_code not in (200, 302, 400, 404, 405):
                    failures.append((route.url(), name, response.status_code))
    assert failures == []
