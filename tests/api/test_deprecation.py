"""Deprecation machinery (api.deprecation): Deprecation, Sunset and Link
headers when a deprecated endpoint or parameter is used; deprecated: true in
the schema. Nothing in /api/v1/ is deprecated today, so a test-only URLconf
declares one of each."""

import pytest
from drf_spectacular.generators import SchemaGenerator

from coopdb.urls import urlpatterns as project_urlpatterns
from tests.api import deprecated_urls
from tests.factories import make_agreement

pytestmark = pytest.mark.urls("tests.api.deprecated_urls")

# 2027-01-01 and 2028-01-01, 00:00 UTC.
DEPRECATION = "@1798761600"
SUNSET = "Sat, 01 Jan 2028 00:00:00 GMT"


def test_a_deprecated_endpoint_says_so_and_when_it_goes(api):
    make_agreement()
    response = api.get("/api/v1/old-agreements/")
    assert response.status_code == 200 and len(response.json()["results"]) == 1
    assert response["Deprecation"] == DEPRECATION
    assert response["Sunset"] == SUNSET
    assert response["Link"] == '<http://testserver/api/v1/docs/>; rel="deprecation"; type="text/html"'
    # Errors too: an integrator must hear of it whatever it sends.
    assert api.get("/api/v1/old-agreements/", limit=0)["Deprecation"] == DEPRECATION


def test_a_deprecated_parameter_flags_only_the_requests_that_use_it(api):
    assert "Deprecation" not in api.get("/api/v1/new-agreements/")
    response = api.get("/api/v1/new-agreements/", parent_slug="evfta")
    assert response.status_code == 200
    assert response["Deprecation"] == DEPRECATION and "Sunset" not in response


def test_nothing_in_the_real_api_is_deprecated(api):
    response = api.get("/api/v1/agreements/", parent_slug="evfta")
    assert "Deprecation" not in response and "Sunset" not in response


def test_the_schema_marks_what_is_deprecated():
    schema = SchemaGenerator(patterns=deprecated_urls.urlpatterns).get_schema(request=None, public=True)
    old = schema["paths"]["/api/v1/old-agreements/"]["get"]
    assert old["deprecated"] is True
    assert "Deprecated since 2027-01-01, removed on 2028-01-01: use /api/v1/agreements/ instead." in old["description"]
    new = schema["paths"]["/api/v1/new-agreements/"]["get"]
    assert "deprecated" not in new
    parameters = {parameter["name"]: parameter for parameter in new["parameters"]}
    assert parameters["parent_slug"]["deprecated"] is True
    assert "use parent instead" in parameters["parent_slug"]["description"]
    assert "deprecated" not in parameters["parent"]
    assert "Sunset" in old["responses"]["200"]["headers"]
    # The real API's schema has nothing deprecated.
    real = SchemaGenerator(patterns=project_urlpatterns).get_schema(request=None, public=True)
    for operations in real["paths"].values():
        for operation in operations.values():
            assert "deprecated" not in operation
            assert not any("deprecated" in parameter for parameter in operation["parameters"])
