"""The OpenAPI schema: generated without warnings, valid, served with local
docs; and a bounded schemathesis run against it finds no server error."""

import re

import hypothesis
import pytest
import schemathesis
from django.contrib.staticfiles import finders
from django.core import signals
from django.core.management import call_command
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck
from schemathesis import GenerationMode

from coopdb.wsgi import application
from tests.api.conftest import ENDPOINTS, create_key


def test_schema_generates_without_warnings_and_validates(tmp_path):
    # --fail-on-warn turns any generator warning into an error.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml"))
    text = (tmp_path / "schema.yml").read_text()
    assert "/api/v1/agreements/{id}/:" in text and "X-Api-Key" in text


def test_schema_is_served(api):
    response = api.get("/api/v1/schema/", format="json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert {f"/api/v1/{path}/" for path in ("agreements", "commitments", "dues", "people")} <= set(schema["paths"])
    for path, operations in schema["paths"].items():
        assert set(operations) <= {"get", "parameters"}, f"{path} must be read-only"


def test_docs_use_only_local_static_files(api, plain_static):
    response = api.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources, html
    for source in sources:
        assert not source.startswith(("http://", "https://", "//")), f"{source} comes from outside"
        if source.startswith("/static/"):
            assert finders.find(source.removeprefix("/static/")), f"{source} is not a shipped static file"


def test_root_lists_every_endpoint(api):
    body = api.get("/api/v1/").json()
    assert body["audience"] == "public"
    assert len(body["endpoints"]) == len(ENDPOINTS) + 2


@pytest.fixture
def wsgi_app():
    """The project's WSGI application, minus the end-of-request connection
    close (as Django's test client does), so requests share the test's transaction."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield application
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def openapi_schema(wsgi_app):
    generated = SchemaGenerator().get_schema(request=None, public=True)
    schema = schemathesis.openapi.from_dict(generated)
    schema.app = wsgi_app
    return schema


@hypothesis.settings(
    max_examples=5,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate],
)
@hypothesis.given(data=hypothesis.strategies.data())
def _no_server_error(data, operation, mode, headers):
    case = data.draw(operation.as_strategy(generation_mode=mode, headers=headers))
    response = case.call(app=application)
    assert response.status_code < 500, f"{case.method} {case.formatted_path} {case.query}: {response.status_code}"


def test_schemathesis_finds_no_server_error(openapi_schema):
    """Every operation, valid and invalid inputs: a few deterministic examples each."""
    for endpoint in ENDPOINTS:
        endpoint.build()
    key = create_key()[1]
    operations = [result.ok() for result in openapi_schema.get_all_operations()]
    assert len(operations) == 2 * len(ENDPOINTS)
    for operation in operations:
        # Valid inputs with a key (the most data), invalid ones anonymously.
        _no_server_error(operation=operation, mode=GenerationMode.POSITIVE, headers={"X-Api-Key": key})
        _no_server_error(operation=operation, mode=GenerationMode.NEGATIVE, headers={})
