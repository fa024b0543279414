"""Response headers: CSP with frame-ancestors and Permissions-Policy on pages,
the admin and Swagger UI; keyed API responses never cacheable by others."""

import base64
import hashlib
import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.api.conftest import create_key

pytestmark = pytest.mark.django_db
DOCS = reverse("api:docs")
AGREEMENTS = reverse("api:agreement-list")


@pytest.mark.parametrize("url", ["/vi/", "/en/agreements/", "/admin/login/", DOCS, AGREEMENTS])
def test_every_kind_of_page_carries_csp_and_permissions_policy(url):
    response = Client().get(url)
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy
    assert "default-src 'self'" in policy and "object-src 'none'" in policy
    assert "'unsafe-inline'" not in re.search(r"script-src[^;]*", policy).group()
    assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]


def test_the_admin_index_carries_the_policy_too(staff):
    client = Client()
    client.force_login(staff)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200 and "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_swagger_ui_starts_from_a_script_file_not_an_inline_script():
    page = Client().get(DOCS).content.decode()
    scripts = re.findall(r"<script([^>]*)>", page)
    assert scripts and all("src=" in attributes for attributes in scripts), scripts
    starter = re.search(r'<script src="([^"]*\?script[^"]*)"', page).group(1).replace("&amp;", "&")
    response = Client().get(starter)
    assert response.status_code == 200 and "SwaggerUIBundle" in response.content.decode()


def test_keyed_api_responses_are_private_and_vary_on_the_key_headers():
    key = create_key()[1]
    for headers in ({"X-Api-Key": key}, {"Authorization": f"Api-Key {key}"}):
        response = Client().get(AGREEMENTS, headers=headers)
        assert response.status_code == 200
        cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"private", "no-store"} <= cache_control
        vary = {part.strip().lower() for part in response["Vary"].split(",")}
        assert {"x-api-key", "authorization"} <= vary


def test_a_refused_key_is_private_too():
    response = Client().get(AGREEMENTS, headers={"X-Api-Key": "wrongkey.0123456789abcdef0123456789abcdef"})
    assert response.status_code == 401 and "private" in response["Cache-Control"]


def test_anonymous_api_responses_are_not_private_but_still_vary():
    response = Client().get(AGREEMENTS)
    assert response.status_code == 200
    assert "private" not in response.get("Cache-Control", "")
    assert "x-api-key" in response["Vary"].lower()


def test_public_pages_do_not_vary_on_api_key_headers():
    response = Client().get("/vi/")
    assert "x-api-key" not in response.get("Vary", "").lower()


def test_responses_carry_a_request_id():
    first, second = Client().get("/vi/"), Client().get("/vi/")
    assert re.fullmatch(r"[0-9a-f]{32}", first["X-Request-ID"])
    assert first["X-Request-ID"] != second["X-Request-ID"]


def test_the_one_allowed_inline_handler_is_the_export_pages_select_all(staff):
    """The policy's script hash must match the handler django-import-export
    really writes (an upgrade that changes it shows here, not in production)."""
    client = Client()
    client.force_login(staff)
    page = client.get(reverse("admin:organizations_organization_export"))
    handlers = re.findall(r' on[a-z]+="([^"]*)"', page.content.decode())
    assert handlers == ["onSelectToggleChange(event)"]
    digest = base64.b64encode(hashlib.sha256(handlers[0].encode()).digest()).decode()
    assert f"'sha256-{digest}'" in page["Content-Security-Policy"]
