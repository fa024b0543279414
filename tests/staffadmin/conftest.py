import datetime

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from django.utils import translation

TODAY = datetime.date(2024, 3, 1)


@pytest.fixture(autouse=True)
def _english(settings):
    """Messages are asserted in English unless a test switches language."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def _staff(username: str, group: str, **kw) -> User:
    user = User.objects.create_user(username=username, password=None, is_staff=True, first_name="Lan", **kw)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(db):
    return _staff("editor", "Editors", email="lan@example.org")


@pytest.fixture
def colleague(db):
    return _staff("colleague", "Editors", email="minh@example.org")


@pytest.fixture
def viewer(db):
    return _staff("viewer", "Viewers")


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def editor_client(editor):
    return logged_in(editor)


@pytest.fixture
def viewer_client(viewer):
    return logged_in(viewer)
