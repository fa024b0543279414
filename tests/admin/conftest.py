import pytest
from django.urls import reverse

from tests.staff import logged_in, make_staff


@pytest.fixture
def editor(db):
    """A staff member who edits and may publish (the Publishers group: the
    Editors' permissions plus approving publication), not a superuser: the
    admin's forms are tested with saves that apply at once. A plain Editor's
    public change waits for review: tests/staffadmin/test_publication_review.py."""
    return make_staff("editor", "Publishers")


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
