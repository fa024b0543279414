"""Every model's admin pages, for each kind of visitor: an Editor works, a
Viewer reads, an anonymous visitor is sent to log in."""

import pytest
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.urls import reverse

from tests.admin.conftest import admin_url
from tests.admin.forms import page_form_data
from tests.samples import MODELS, make_sample, model_id

pytestmark = pytest.mark.parametrize("model", MODELS, ids=model_id)


def _pages(model, obj) -> list[str]:
    return [
        admin_url(model, "changelist"),
        admin_url(model, "add"),
        admin_url(model, "change", obj.pk),
        admin_url(model, "history", obj.pk),
        admin_url(model, "delete", obj.pk),
    ]


def test_editor_opens_every_page(editor_client, model):
    obj = make_sample(model)
    for url in _pages(model, obj):
        response = editor_client.get(url)
        assert response.status_code == 200, url
    assert editor_client.get(admin_url(model, "import")).status_code == 200


def test_editor_saves_a_change_page_as_shown(editor_client, model):
    obj = make_sample(model)
    url = admin_url(model, "change", obj.pk)
    response = editor_client.post(url, page_form_data(editor_client.get(url)))
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert response.url == admin_url(model, "changelist")
    assert model.history.filter(id=obj.pk, history_type="~").exists()


def test_anonymous_visitor_is_sent_to_login(client, model):
    obj = make_sample(model)
    login = reverse("admin:login")
    for url in _pages(model, obj):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url == f"{login}?{REDIRECT_FIELD_NAME}={url}"


def test_viewer_reads_but_changes_nothing(viewer_client, model):
    obj = make_sample(model)
    url = admin_url(model, "change", obj.pk)
    page = viewer_client.get(url)
    assert page.status_code == 200
    assert page.context["has_change_permission"] is False
    assert b'name="_save"' not in page.content
    assert viewer_client.get(admin_url(model, "changelist")).status_code == 200
    assert viewer_client.get(admin_url(model, "history", obj.pk)).status_code == 200


def test_viewer_is_refused_every_change(viewer_client, editor_client, model):
    obj = make_sample(model)
    url = admin_url(model, "change", obj.pk)
    before = model.history.filter(id=obj.pk).count()
    data = page_form_data(editor_client.get(url))
    assert viewer_client.post(url, data).status_code == 403
    assert viewer_client.get(admin_url(model, "add")).status_code == 403
    assert viewer_client.post(admin_url(model, "add"), data).status_code == 403
    assert viewer_client.post(admin_url(model, "delete", obj.pk), {"post": "yes"}).status_code == 403
    assert viewer_client.get(admin_url(model, "import")).status_code == 403
    assert model.objects.filter(pk=obj.pk).exists()
    assert model.history.filter(id=obj.pk).count() == before
