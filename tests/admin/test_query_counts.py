"""List pages cost the same number of queries for 1 row or 5 (no N+1)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.admin.conftest import admin_url
from tests.samples import MODELS, make_sample, model_id


def _make_full_row(model):
    """A sample whose optional references are filled too, so a column that
    follows one (a parent, a head, a responsible unit) would show its cost."""
    obj = make_sample(model)
    for field in model._meta.fields:
        if field.many_to_one and field.null and getattr(obj, field.attname) is None:
            setattr(obj, field.name, make_sample(field.related_model))
    obj.save()
    return obj


def _list_queries(client, model) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(admin_url(model, "changelist"))
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("model", MODELS, ids=model_id)
def test_list_page_queries_do_not_grow_with_rows(editor_client, model):
    _make_full_row(model)
    one_row = _list_queries(editor_client, model)
    for _ in range(4):
        _make_full_row(model)
    assert model.objects.count() >= 5
    assert _list_queries(editor_client, model) == one_row
