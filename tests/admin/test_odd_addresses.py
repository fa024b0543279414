"""No admin address answers 5xx, whatever its parameters hold: a crawl over
every registered model's list, add, change, history, import and export pages
(GET only) with NUL characters, huge numbers, unknown lookups and bad dates."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.db import models
from django.urls import NoReverseMatch, reverse

from tests.samples import SAMPLES

NUL = "\x00"
HUGE = "9" * 40
ODD_VALUES = (HUGE, "32/13/2019", "1e999999")


@pytest.fixture
def superuser_client(client, db):
    user = User.objects.create_superuser("root", password=None)
    client.force_login(user)
    return client


def _url(model, view, *args):
    try:
        return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)
    except NoReverseMatch:
        return None  # e.g. a model without import


def _sample(model):
    if model in SAMPLES:
        return SAMPLES[model]()
    return model._default_manager.first()


def _filter_parameters(model_admin, request) -> list[str]:
    names = []
    for entry in model_admin.get_list_filter(request):
        if isinstance(entry, str):
            names.append(f"{entry}__exact")
        elif isinstance(entry, tuple):
            names.append(entry[0])
        else:
            names.append(entry.parameter_name)
    date_fields = [f.name for f in model_admin.model._meta.fields if isinstance(f, models.DateField)]
    for name in date_fields:
        names += [f"{name}__gte", f"{name}__year", f"{name}__month"]
    return names + ["p", "o", "id__exact", "no_such_field__lookup", "_to_field"]


def _assert_no_5xx(client, url, params):
    response = client.get(url, params)
    assert response.status_code < 500, (url, params, response.status_code)
    return response


@pytest.mark.parametrize("model", list(admin.site._registry), ids=lambda m: m._meta.label_lower)
def test_odd_parameters_never_answer_5xx(superuser_client, rf, model):
    model_admin = admin.site._registry[model]
    obj = _sample(model)
    request = rf.get("/")
    request.user = User.objects.get(username="root")
    changelist = _url(model, "changelist")
    assert superuser_client.get(changelist, {"q": NUL}).status_code == 400
    _assert_no_5xx(superuser_client, changelist, {"q": HUGE})
    for parameter in _filter_parameters(model_admin, request):
        for value in ODD_VALUES:
            _assert_no_5xx(superuser_client, changelist, {parameter: value})
    pages = [_url(model, "add"), _url(model, "import"), _url(model, "export")]
    if obj is not None:
        pages += [_url(model, "change", obj.pk), _url(model, "history", obj.pk), _url(model, "delete", obj.pk)]
    pages += [_url(model, "change", "abc"), _url(model, "change", HUGE), _url(model, "history", HUGE)]
    for page in filter(None, pages):
        for value in (HUGE, "32/13/2019"):
            _assert_no_5xx(superuser_client, page, {"_changelist_filters": value, "parent": value, "q": value})


def test_a_nul_in_an_autocomplete_term_is_a_400_not_a_500(superuser_client):
    params = {"term": NUL, "app_label": "agreements", "model_name": "agreement", "field_name": "parent"}
    response = superuser_client.get("/admin/autocomplete/", params)
    assert response.status_code == 400
    assert "NUL" in response.content.decode()


def test_a_nul_in_a_list_filter_is_a_400_not_a_500(superuser_client):
    response = superuser_client.get("/admin/agreements/agreement/?status__exact=%00")
    assert response.status_code == 400


@pytest.mark.parametrize("term", [HUGE, "%", "đoàn" * 200, "' OR 1=1 --"])
def test_odd_autocomplete_terms_answer(superuser_client, term):
    params = {"term": term, "app_label": "agreements", "model_name": "agreement", "field_name": "parent"}
    assert superuser_client.get("/admin/autocomplete/", params).status_code == 200


def test_an_unknown_filter_resets_the_list_with_a_message(superuser_client):
    response = superuser_client.get("/admin/agreements/agreement/", {"no_such_field__lookup": "1"}, follow=True)
    assert response.status_code == 200
    messages = [str(m) for m in response.context["messages"]]
    assert "Không hiểu được bộ lọc của danh sách, nên hiển thị toàn bộ danh sách." in messages
