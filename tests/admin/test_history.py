"""Every change made in the admin is kept with who made it and the values
before and after, per language column, and shown on the record's history page."""

import html

import pytest

from core.admin import translated_fields
from tests.admin.conftest import admin_url
from tests.admin.forms import page_form_data
from tests.samples import MODELS, make_sample, model_id


@pytest.mark.parametrize("model", MODELS, ids=model_id)
def test_an_admin_change_is_kept_with_its_author_and_values(editor_client, editor, model):
    obj = make_sample(model)
    column = f"{translated_fields(model)[0]}_en"  # the English column of a bilingual field
    url = admin_url(model, "change", obj.pk)

    response = editor_client.post(url, page_form_data(editor_client.get(url), **{column: "Changed in English"}))

    assert response.status_code == 302
    latest, previous = model.history.filter(id=obj.pk).order_by("-history_date", "-history_id")[:2]
    assert (latest.history_type, latest.history_user) == ("~", editor)
    delta = latest.diff_against(previous)
    assert column in delta.changed_fields
    (change,) = [c for c in delta.changes if c.field == column]
    assert (change.old or "", change.new) == ("", "Changed in English")

    page = html.unescape(editor_client.get(admin_url(model, "history", obj.pk)).content.decode())
    assert "Changed in English" in page
    assert editor.username in page


def test_an_admin_delete_is_kept_with_its_author(editor_client, editor):
    obj = make_sample(MODELS[0])
    model = type(obj)
    response = editor_client.post(admin_url(model, "delete", obj.pk), {"post": "yes"})
    assert response.status_code == 302
    deleted = model.history.filter(id=obj.pk).latest("history_date")
    assert (deleted.history_type, deleted.history_user) == ("-", editor)


def test_the_history_button_is_not_called_a_memorandum(editor_client):
    """Django's Vietnamese says "Bản ghi nhớ" (our word for an MoU) for "History"."""
    obj = make_sample(MODELS[0])
    page = html.unescape(editor_client.get(admin_url(type(obj), "change", obj.pk)).content.decode())
    assert 'class="historylink">Lịch sử thay đổi</a>' in page
    assert "Bản ghi nhớ" not in page
