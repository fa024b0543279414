import datetime

import pytest
from django.utils import translation

from tests.staff import logged_in, make_staff

TODAY = datetime.date(2024, 3, 1)


@pytest.fixture(autouse=True)
def _english(settings):
    """Messages are asserted in English unless a test switches language."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def editor(db):
    return make_staff("editor", "Editors", email="lan@example.org")


@pytest.fixture
def publisher(db):
    """An Editor who may also publish: changes the public sees apply at once."""
    return make_staff("publisher", "Publishers", first_name="Hà", email="ha@example.org")


@pytest.fixture
def publisher_client(publisher):
    return logged_in(publisher)


@pytest.fixture
def colleague(db):
    return make_staff("colleague", "Editors", email="minh@example.org")


@pytest.fixture
def viewer(db):
    return make_staff("viewer", "Viewers")


@pytest.fixture
def editor_client(editor):
    return logged_in(editor)


@pytest.fixture
def viewer_client(viewer):
    return logged_in(viewer)
