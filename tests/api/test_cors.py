"""CORS: none by default; origins from the settings and from each ministry;
only /api/, only reading methods, the headers integrators need exposed."""

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.test import Client

from api.models import Ministry
from tests.factories import make_agreement

ALLOWED = "https://app.moit.gov.vn"
OTHER = "https://evil.example"
AGREEMENTS = "/api/v1/agreements/"


def preflight(origin, method="GET", path=AGREEMENTS, headers="x-api-key, if-none-match"):
    return Client().options(
        path,
        headers={"Origin": origin, "Access-Control-Request-Method": method, "Access-Control-Request-Headers": headers},
    )


def get(origin, path=AGREEMENTS):
    return Client().get(path, headers={"Origin": origin})


@pytest.fixture
def ministry_origin():
    return Ministry.objects.create(name_vi="Bộ Công Thương", cors_origins=f"{ALLOWED}\n\nhttp://localhost:3000\n")


def test_no_origin_is_allowed_by_default():
    make_agreement()
    assert "access-control-allow-origin" not in preflight(ALLOWED)
    response = get(ALLOWED)
    assert response.status_code == 200 and "access-control-allow-origin" not in response


@pytest.mark.usefixtures("ministry_origin")
def test_a_preflight_from_a_ministry_origin_is_allowed_for_reading_only():
    response = preflight(ALLOWED)
    assert response.status_code == 200
    assert response["access-control-allow-origin"] == ALLOWED
    assert set(response["access-control-allow-methods"].split(", ")) == {"GET", "HEAD", "OPTIONS"}
    assert {"x-api-key", "if-none-match", "authorization"} <= set(response["access-control-allow-headers"].split(", "))
    assert "access-control-allow-credentials" not in response
    # The same origin is allowed for every caller: a preflight carries no key.
    assert preflight("http://localhost:3000")["access-control-allow-origin"] == "http://localhost:3000"


@pytest.mark.usefixtures("ministry_origin")
def test_a_request_from_a_ministry_origin_exposes_what_integrators_read():
    make_agreement()
    response = get(ALLOWED)
    assert response["access-control-allow-origin"] == ALLOWED
    exposed = set(response["access-control-expose-headers"].split(", "))
    assert {"ETag", "Last-Modified", "Retry-After", "X-Request-ID", "Deprecation", "Sunset"} <= exposed
    assert "origin" in response["Vary"].lower()
    # Errors too, so a browser application can read why it was refused.
    assert get(ALLOWED, AGREEMENTS + "?limit=0")["access-control-allow-origin"] == ALLOWED


@pytest.mark.usefixtures("ministry_origin")
def test_another_origin_is_refused():
    assert "access-control-allow-origin" not in preflight(OTHER)
    assert "access-control-allow-origin" not in get(OTHER)
    # A lookalike is another origin.
    assert "access-control-allow-origin" not in get(ALLOWED + ":8443")


@pytest.mark.usefixtures("ministry_origin")
def test_only_api_addresses_answer_cors():
    assert "access-control-allow-origin" not in get(ALLOWED, "/en/")
    assert "access-control-allow-origin" not in preflight(ALLOWED, path="/admin/login/")


def test_origins_from_the_settings(settings):
    settings.CORS_ALLOWED_ORIGINS = [ALLOWED]
    assert preflight(ALLOWED)["access-control-allow-origin"] == ALLOWED
    assert "access-control-allow-origin" not in preflight(OTHER)


@pytest.mark.parametrize(
    "text",
    [
        "https://app.example.gov.vn/",
        "https://app.example.gov.vn/path",
        "app.example.gov.vn",
        "ftp://app.example.gov.vn",
        "https://*.example.gov.vn",
        "*",
        "https://user@app.example.gov.vn",
        "https://App.Example.gov.vn",
        "https://app.example.gov.vn:99999",
        "https://ok.example.gov.vn\nnot an origin",
    ],
)
def test_a_ministry_lists_only_origins(text):
    ministry = Ministry(name_vi="Bộ", cors_origins=text)
    with pytest.raises(ValidationError) as refused:
        ministry.full_clean()
    assert "cors_origins" in refused.value.message_dict


def test_good_origins_are_accepted():
    Ministry(name_vi="Bộ", cors_origins="https://a.gov.vn\nhttp://localhost:3000\nhttps://b.gov.vn:8443").full_clean()


def test_the_admin_edits_a_ministrys_origins(ministry_origin):
    client = Client()
    client.force_login(User.objects.create_superuser("root", password=None))
    page = client.get(f"/admin/api/ministry/{ministry_origin.pk}/change/")
    assert page.status_code == 200 and b'name="cors_origins"' in page.content
