import pytest
from django.urls import reverse

from tests.staff import logged_in, make_staff


@pytest.fixture
def editor(db):
    """A staff member in the Editors group (not a superuser)."""
    return make_staff("editor", "Editors")


@pytest.fixture
def viewer(db):
    return make_staff("viewer", "Viewers")


@pytest.fixture
def editor_client(editor):
    return logged_in(editor)


@pytest.fixture
def viewer_client(viewer):
    return logged_in(viewer)


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)
