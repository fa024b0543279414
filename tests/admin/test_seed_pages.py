"""The admin on the shipped seed data: every list page, and the change pages
of seeded rows, render for an Editor (real texts, real references)."""

from tests.admin.conftest import admin_url
from tests.samples import MODELS

PER_MODEL = 2


def test_every_admin_page_renders_with_the_seed_data(seed_data, editor_client):
    opened = 0
    for model in MODELS:
        assert editor_client.get(admin_url(model, "changelist")).status_code == 200, model
        # A few rows of each model keep this fast; the list page showed them all.
        for pk in model.objects.order_by("pk").values_list("pk", flat=True)[:PER_MODEL]:
            response = editor_client.get(admin_url(model, "change", pk))
            assert response.status_code == 200, (model, pk)
            opened += 1
    assert opened > len(MODELS)  # the seed fills most models
