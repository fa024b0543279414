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
from schemathesis.checks import CHECKS, load_all_checks
from schemathesis.core.parameters import ParameterLocation

from coopdb.wsgi import application
from tests.api import schemathesis_hooks
from tests.api.conftest import ENDPOINTS, create_key


def test_schema_generates_without_warnings_and_validates(tmp_path):
    # --fail-on-warn turns any generator warning into an error.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml"))
    text = (tmp_path / "schema.yml").read_text()
    assert "/api/v1/agreements/{lookup}/:" in text and "X-Api-Key" in text


def test_schema_is_served(api):
    response = api.get("/api/v1/schema/", format="json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert {f"/api/v1/{path}/" for path in ("agreements", "commitments", "dues", "people")} <= set(schema["paths"])
    for path, operations in schema["paths"].items():
        assert set(operations) <= {"get", "parameters"}, f"{path} must be read-only"


def test_schema_states_what_the_server_checks_on_every_list(api):
    schema = api.get("/api/v1/schema/", format="json").json()
    lists = {path: operations["get"] for path, operations in schema["paths"].items() if "{" not in path}
    assert lists
    for path, operation in lists.items():
        parameters = {parameter["name"]: parameter["schema"] for parameter in operation["parameters"]}
        # The characters the cursors are made of (empty: the first page); the
        # change feed resumes from a position in its log instead (``after``).
        position = "after" if path == "/api/v1/changes/" else "cursor"
        assert parameters[position]["pattern"] == "^[A-Za-z0-9_-]*$", path
        for name, parameter in parameters.items():
            if parameter["type"] == "array":
                assert parameter["minItems"] == 1, name
            elif parameter["type"] == "string":
                # Every text refuses NUL (RefuseInvalidTextMiddleware); the rest is an enum, format or pattern.
                assert {"enum", "format", "pattern"} & set(parameter), name
    agreements = {parameter["name"]: parameter["schema"] for parameter in lists["/api/v1/agreements/"]["parameters"]}
    assert re.fullmatch(agreements["q"]["pattern"], "hợp tác") and not re.fullmatch(agreements["q"]["pattern"], "a\x00")


def test_docs_use_only_local_static_files(api):
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
    assert len(body["endpoints"]) == len(ENDPOINTS) + 3  # the schema, the docs and the change feed


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


load_all_checks()
# Every check schemathesis has (`--checks all`): server errors, status codes,
# content types, headers, response bodies against the schema, invalid input
# rejected, valid input accepted, unsupported methods, authentication...
ALL_CHECKS = CHECKS.get_all()
QUERY = ParameterLocation.QUERY
CASES = []


@hypothesis.settings(
    max_examples=5,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate],
)
@hypothesis.given(data=hypothesis.strategies.data())
def _conforms(data, operation, mode, headers):
    case = data.draw(operation.as_strategy(generation_mode=mode, headers=headers))
    # A valid request's cursor is replaced by a real one (schemathesis_hooks).
    # The change feed's ``after`` is a position in the log, which no schema can
    # describe: none is generated (test_changes.py covers bad ones).
    if mode is GenerationMode.POSITIVE:
        (case.query or {}).pop("after", None)
    else:
        hypothesis.assume("after" not in (case.query or {}))
    response = case.call(app=application)
    CASES.append(case)
    case.validate_response(response, checks=ALL_CHECKS, headers=headers, transport_kwargs={"app": application})


def test_schemathesis_with_every_check_finds_nothing(openapi_schema):
    """Every operation, valid and invalid inputs, with a key and without: a
    few deterministic examples each, every response checked against the schema."""
    for endpoint in ENDPOINTS:
        endpoint.build()
    key = create_key()[1]
    operations = [result.ok() for result in openapi_schema.get_all_operations()]
    assert len(operations) == 2 * len(ENDPOINTS) + 1  # a list and a detail each, and the change feed
    assert len(ALL_CHECKS) >= 14
    CASES.clear()
    schemathesis_hooks.replaced.clear()
    for operation in operations:
        for headers in ({"X-Api-Key": key}, {}):
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                _conforms(operation=operation, mode=mode, headers=headers)
    assert len(CASES) >= 4 * len(operations)
    cursors = len(schemathesis_hooks.replaced)
    checks = len(ALL_CHECKS)
    print(f"schemathesis: {len(operations)} operations, {len(CASES)} cases, {checks} checks, {cursors} real cursors")
    # Cursors were sent: real ones in valid requests, made-up ones in invalid requests.
    assert len(schemathesis_hooks.replaced) >= 5, schemathesis_hooks.replaced
    assert any((case.query or {}).get("cursor") for case in CASES if case.meta.is_negative_at(QUERY))
