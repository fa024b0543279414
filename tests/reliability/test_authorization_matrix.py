"""The authorization matrix (issue #12): every public page, admin page and API
endpoint × every kind of caller × records of each visibility, each cell's
status asserted.

Nothing is listed by hand but the rules: the pages and admin views come from
the URL configuration (tests/urlmap.py), the API endpoints from the OpenAPI
schema (/api/v1/schema/). A new route without a rule here fails the test.

Rules (README "Who sees what", "Staff admin", "Keys"):
- public pages: a public record's page answers 200 to everybody; a
  government or internal record's page 404 to everybody (staff included; keys
  are not read by pages); signed documents: staff all, others a public
  document of a public record only;
- admin: no session → redirect to the login page; Viewers read (list, view,
  history, export) the registry apps and nothing else; Editors also add,
  change, delete and import; neither touches users, groups or API keys;
- API: no key (staff sessions included) → public records; a valid key →
  public and government; internal never; an expired or revoked key → 401
  everywhere under /api/, never treated as anonymous.
"""

import datetime
import time

import pytest
from django.contrib import admin
from django.contrib.admin.utils import quote
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import resolve
from django.utils import timezone

from agreements.models import Agreement
from events.models import Delegation, Event, Initiative
from organizations.models import Organization
from tests.api.conftest import ENDPOINTS, create_key
from tests.urlmap import routes
from workflow.models import Document

VISIBILITIES = ("public", "government", "internal")
ACTORS = ("anonymous", "viewer", "editor", "valid_key", "expired_key", "revoked_key")
STAFF = {"viewer": "Viewers", "editor": "Editors"}
STAFF_APPS = {"core", "organizations", "agreements", "events", "workflow"}
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"

# Public detail pages: the model their slug names.
SLUG_PAGES = {
    "public:partner-organization": Organization,
    "organizations:detail": Organization,
    "agreements:detail": Agreement,
    "events:detail": Event,
    "events:delegation": Delegation,
    "events:initiative": Initiative,
}
OTHER_ARGUMENTS = {
    "public:partner-country": {"code": "JP"},  # not VN: we are never our own partner
    "public:country": {"code": "jp"},  # the coverage page's address is lower case
    "events:calendar-month": {"year": "2020", "month": "7"},
    "opendata-files:file": {"name": "datapackage.json"},
}
REDIRECTS = {"root", "set_language"}  # "/" → /vi/; set_language without POST goes back
# Admin views of a model: the permission each needs (import needs add and change).
ADMIN_VIEWS = {
    "changelist": {"view"},
    "add": {"add"},
    "import": {"add", "change"},
    "export": {"view"},
}
ADMIN_OBJECT_VIEWS = {"change": {"view"}, "history": {"view"}, "delete": {"delete"}}
STAFF_PAGES = ("admin:index", "workflow:radar", "workflow:report")


@pytest.fixture
def world(tmp_path, settings):
    """Records of every API endpoint at each visibility, a signed document of
    each visibility on a public agreement, the two staff and the three keys."""
    settings.MEDIA_ROOT = tmp_path
    records = {(endpoint.basename, v): endpoint.build(visibility=v) for endpoint in ENDPOINTS for v in VISIBILITIES}
    public_agreement = records[("agreement", "public")]
    documents = {
        v: Document.objects.create(agreement=public_agreement, visibility=v, file=SimpleUploadedFile("a.pdf", PDF))
        for v in VISIBILITIES
    }
    clients = {actor: Client(raise_request_exception=False) for actor in ACTORS}
    for actor, group in STAFF.items():
        user = User.objects.create_user(username=actor, password=None, is_staff=True)
        user.groups.add(Group.objects.get(name=group))
        clients[actor].force_login(user)
    yesterday = timezone.now() - datetime.timedelta(days=1)
    keys = {
        "valid_key": create_key(last_used_at=timezone.now())[1],
        "expired_key": create_key(expiry_date=yesterday)[1],
        "revoked_key": create_key(revoked=True)[1],
    }
    for actor, key in keys.items():
        clients[actor].defaults["HTTP_X_API_KEY"] = key
    return {"records": records, "documents": documents, "clients": clients}


class Matrix:
    def __init__(self, clients):
        self.clients = clients
        self.cells = 0
        self.failures = []

    def check(self, actor, url, expected, row=""):
        status = self.clients[actor].get(url).status_code
        self.cells += 1
        if status != expected:
            self.failures.append(f"{actor} GET {url} {row}: {status}, expected {expected}")
        return status


# --- API -------------------------------------------------------------------


def api_status(actor, visibility) -> int:
    if actor in ("expired_key", "revoked_key"):
        return 401
    visible = {"public"} | ({"government"} if actor == "valid_key" else set())
    return 200 if visibility in visible else 404


def check_api(matrix, world) -> int:
    schema = matrix.clients["anonymous"].get("/api/v1/schema/", {"format": "json"}).json()
    records = world["records"]
    operations = 0
    for path, methods in schema["paths"].items():
        if "get" not in methods:
            continue
        operations += 1
        basename = resolve(path.replace("{lookup}", "1")).url_name.rsplit("-", 1)[0]
        for actor in ACTORS:
            if "{lookup}" in path:
                for v in VISIBILITIES:
                    detail = path.replace("{lookup}", str(records[(basename, v)].pk))
                    matrix.check(actor, detail, api_status(actor, v), v)
                continue
            status = matrix.check(actor, path, 200 if api_status(actor, "public") == 200 else 401)
            if status == 200 and (basename, "public") in records:
                listed = {row["id"] for row in matrix.clients[actor].get(path, {"limit": 500}).json()["results"]}
                for v in VISIBILITIES:  # each record listed exactly when its detail answers 200
                    matrix.cells += 1
                    is_listed = records[(basename, v)].pk in listed
                    if is_listed != (api_status(actor, v) == 200):
                        matrix.failures.append(f"{actor} list {path}: {v} record listed={is_listed}")
    return operations


# --- public pages ------------------------------------------------------------


def check_public_pages(matrix, world) -> int:
    records = world["records"]
    checked = 0
    for route in routes("vi"):  # the /en/ routes are the same views
        if route.is_admin or route.is_api:
            continue
        checked += 1
        for actor in ACTORS:
            if route.name in SLUG_PAGES:
                basename = SLUG_PAGES[route.name]._meta.model_name
                for v in VISIBILITIES:
                    slug = records[(basename, v)].slug
                    matrix.check(actor, route.url(slug=slug), 200 if v == "public" else 404, v)
            elif route.name == "document-download":
                for v, document in world["documents"].items():
                    expected = 200 if actor in STAFF or v == "public" else 404
                    matrix.check(actor, route.url(pk=document.pk), expected, v)
            elif route.arguments:
                matrix.check(actor, route.url(**OTHER_ARGUMENTS[route.name]), 200)
            else:
                matrix.check(actor, route.url(), 302 if route.name in REDIRECTS else 200)
    return checked


# --- admin -------------------------------------------------------------------


# The audit trail: every active staff member reads it, nobody writes it (docs/security.md).
READ_BY_ALL_STAFF = {"security.auditevent"}


# Private calendar links: their owners manage them on the calendar page; in
# the admin only superusers see them. Publication requests are made by saving
# records and decided on their page: staff read them, nobody adds or edits.
SUPERUSERS_ONLY = {"workflow.calendarfeed"}
MADE_BY_SAVES = {"workflow.publicationrequest"}


def may(actor, model, needs: set[str]) -> bool:
    if model._meta.label_lower in SUPERUSERS_ONLY:
        return False
    if actor in STAFF and model._meta.label_lower in MADE_BY_SAVES:
        return needs == {"view"}
    if actor in STAFF and model._meta.label_lower in READ_BY_ALL_STAFF:
        return needs == {"view"}
    if actor not in STAFF or model._meta.app_label not in STAFF_APPS:
        return False
    if actor == "viewer":
        return needs == {"view"}
    editors_may_not = {"add", "change"} if model._meta.model_name == "remindersent" else set()
    return not (needs & editors_may_not)


def admin_status(actor, model, needs) -> int:
    if actor not in STAFF:
        return 302  # to the login page
    return 200 if may(actor, model, needs) else 403


def _model_view(route):
    """(model, view) of an admin route named admin:<app>_<model>_<view>, else None."""
    if not route.name.startswith("admin:"):
        return None
    for model in admin.site._registry:
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}_"
        if route.name.startswith(prefix):
            return model, route.name[len(prefix) :]
    return None


def _objects(model):
    """A row per visibility (one row for models without visibility)."""
    fields = {f.name for f in model._meta.fields}
    if "visibility" not in fields:
        row = model._base_manager.first()
        return {"—": row} if row else {}
    rows = {v: model._base_manager.filter(visibility=v).first() for v in VISIBILITIES}
    return {v: row for v, row in rows.items() if row is not None}


def check_admin(matrix) -> int:
    views = 0
    for route in routes():
        found = _model_view(route)
        if found is None:
            if route.name in STAFF_PAGES:
                views += 1
                for actor in ACTORS:
                    matrix.check(actor, route.url(), 200 if actor in STAFF else 302)
            continue
        model, view = found
        if view in ADMIN_VIEWS:
            views += 1
            for actor in ACTORS:
                matrix.check(actor, route.url(), admin_status(actor, model, ADMIN_VIEWS[view]))
        elif view in ADMIN_OBJECT_VIEWS and route.arguments == ["object_id"]:
            views += 1
            for v, row in _objects(model).items():
                for actor in ACTORS:
                    expected = admin_status(actor, model, ADMIN_OBJECT_VIEWS[view])
                    matrix.check(actor, route.url(object_id=quote(row.pk)), expected, v)
    return views


def test_authorization_matrix(world):
    started = time.monotonic()
    matrix = Matrix(world["clients"])
    api_operations = check_api(matrix, world)
    public_routes = check_public_pages(matrix, world)
    admin_views = check_admin(matrix)
    seconds = time.monotonic() - started
    print(
        f"\nAuthorization matrix: {matrix.cells} cells ({api_operations} API operations, "
        f"{public_routes} public routes, {admin_views} admin views × {len(ACTORS)} callers) in {seconds:.1f} s"
    )
    assert matrix.failures == []
    assert api_operations >= 26 and public_routes >= 25 and admin_views >= 100
    assert matrix.cells > 1800
