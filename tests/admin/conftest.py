import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from django.urls import reverse


def _staff(username: str, group: str) -> User:
    # force_login needs no password: skipping the hash keeps the tests fast.
    # The page header greets staff by first name, so the username only shows
    # where a page names who did something (the history).
    user = User.objects.create_user(username=username, password=None, is_staff=True, first_name="Lan")
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(db):
    """A staff member in the Editors group (not a superuser)."""
    return _staff("editor", "Editors")


@pytest.fixture
def viewer(db):
    return _staff("viewer", "Viewers")


def _logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def editor_client(editor):
    return _logged_in(editor)


@pytest.fixture
def viewer_client(viewer):
    return _logged_in(viewer)


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)
