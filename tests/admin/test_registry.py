"""The admin covers every model, the staff groups hold the right permissions,
and a newcomer gets one local account."""

import re

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group, Permission, User
from django.core.management import call_command
from django.http import HttpRequest

from core.admin import RecordAdmin, foreign_keys
from tests.admin.conftest import admin_url
from tests.samples import MODELS, model_id

APPS = ("core", "organizations", "agreements", "events")


def _app_models():
    return {
        model
        for app in APPS
        for model in apps.get_app_config(app).get_models()
        if not model.__name__.startswith("Historical")
    }


def test_every_model_is_in_the_admin_and_in_the_samples():
    registered = {model for model in admin.site._registry if model._meta.app_label in APPS}
    assert registered == _app_models() == set(MODELS)


@pytest.mark.parametrize("model", MODELS, ids=model_id)
def test_admin_class_order_and_autocompletes(model):
    model_admin = admin.site._registry[model]
    assert isinstance(model_admin, RecordAdmin)
    names = [cls.__name__ for cls in type(model_admin).__mro__]
    order = [names.index(name) for name in ("ImportExportModelAdmin", "SimpleHistoryAdmin", "TranslationAdmin")]
    assert order == sorted(order)
    assert set(model_admin.autocomplete_fields) == set(foreign_keys(model))
    assert model_admin.search_fields


@pytest.mark.parametrize(
    ("model", "field"), [(m, f) for m in MODELS for f in foreign_keys(m)], ids=lambda v: getattr(v, "__name__", v)
)
def test_every_foreign_key_autocompletes(editor_client, model, field):
    params = {"app_label": model._meta.app_label, "model_name": model._meta.model_name, "field_name": field}
    response = editor_client.get("/admin/autocomplete/", {**params, "term": "hop tac"})
    assert response.status_code == 200
    assert "results" in response.json()


def _perm_codes(group_name: str) -> set[str]:
    group = Group.objects.get(name=group_name)
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}


def test_editors_may_do_everything_and_viewers_only_read(db):
    wanted_editor = set()
    for model in MODELS:
        for action in ("add", "change", "delete", "view"):
            wanted_editor.add(f"{model._meta.app_label}.{action}_{model._meta.model_name}")
    editors, viewers = _perm_codes("Editors"), _perm_codes("Viewers")
    assert wanted_editor <= editors
    assert {code for code in wanted_editor if ".view_" in code} <= viewers
    assert all(".view_" in code for code in viewers)
    # workflow (migration 0002) adds documents and the reminders-sent list.
    assert {p.split(".")[0] for p in editors | viewers} <= {*APPS, "workflow"}
    assert not Permission.objects.filter(group__name="Viewers").exclude(codename__startswith="view_").exists()


def test_ensure_local_admin_creates_one_account_only_when_there_is_none(client, capsys):
    call_command("ensure_local_admin")
    printed = capsys.readouterr().out
    username, password = re.search(r"Created local admin account: (\S+) / (\S+)", printed).groups()
    assert User.objects.count() == 1
    # django-axes' backend needs the request (it counts failures per client address).
    assert client.login(request=HttpRequest(), username=username, password=password)
    assert client.get(admin_url(MODELS[0], "changelist")).status_code == 200

    call_command("ensure_local_admin")
    assert "Created" not in capsys.readouterr().out
    assert User.objects.count() == 1


def test_ensure_local_admin_generates_a_new_password_each_time(db, capsys):
    passwords = []
    for _ in range(2):
        User.objects.all().delete()
        call_command("ensure_local_admin")
        passwords.append(re.search(r" / (\S+)", capsys.readouterr().out).group(1))
    assert passwords[0] != passwords[1]
    assert len(passwords[0]) >= 12


def test_ensure_local_admin_leaves_existing_users_alone(db, capsys):
    User.objects.create_user("someone")
    call_command("ensure_local_admin")
    assert "Created" not in capsys.readouterr().out
    assert not User.objects.filter(username="admin").exists()


def test_admin_search_ignores_accents_and_case(editor_client):
    from organizations.models import Organization
    from tests.factories import make_organization

    wanted = make_organization(name_vi="Tổng cục Tiêu chuẩn Đo lường Chất lượng", acronym="STAMEQ")
    make_organization(name_vi="Tổ chức Năng suất châu Á")
    listed = editor_client.get(admin_url(Organization, "changelist"), {"q": "tieu chuan DO LUONG"})
    assert list(listed.context["cl"].result_list) == [wanted]
    params = {"app_label": "organizations", "model_name": "membership", "field_name": "organization"}
    found = editor_client.get("/admin/autocomplete/", {**params, "term": "do luong"}).json()["results"]
    assert [row["id"] for row in found] == [str(wanted.pk)]
