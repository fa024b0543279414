"""List pages: the same number of queries for 1 row or 5 (no N+1), and the
columns and filters staff use to find what is due."""

import datetime

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


def test_dues_list_filters_and_sorts_by_the_derived_payment_status(editor_client):
    from organizations.models import Dues
    from tests.factories import make_dues

    late = make_dues(year=2019, due_on=datetime.date(2019, 3, 31), paid_on=datetime.date(2019, 5, 1))
    on_time = make_dues(year=2020, due_on=datetime.date(2020, 3, 31), paid_on=datetime.date(2020, 3, 1))
    url = admin_url(Dues, "changelist")

    filtered = editor_client.get(url, {"status": "late"})
    assert list(filtered.context["cl"].result_list) == [late]

    column = str(list(filtered.context["cl"].list_display).index("status_label"))
    for order, expected in [(column, [late, on_time]), (f"-{column}", [on_time, late])]:  # "late" < "on_time"
        listed = editor_client.get(url, {"o": order})
        assert list(listed.context["cl"].result_list) == expected
