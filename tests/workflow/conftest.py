import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import translation

from tests.factories import make_organization, make_source

TODAY = datetime.date(2024, 3, 1)


@pytest.fixture(autouse=True)
def _english(settings):
    """Messages are asserted in English; the Vietnamese pages have their own tests."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def admin_user(db):
    # No password: tests log in with force_login, and hashing one costs ~0.5 s.
    return get_user_model().objects.create(username="boss", email="boss@example.org", is_staff=True, is_superuser=True)


@pytest.fixture
def staff_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.fixture
def editor_client(client, db):
    """A staff member of the Editors group (not a superuser)."""
    user = get_user_model().objects.create(username="lan", is_staff=True, first_name="Lan")
    user.groups.add(Group.objects.get(name="Publishers"))  # saves apply at once (no review)
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def vietq(db):
    """The source key the spreadsheets in these tests cite."""
    return make_source(key="vietq", title_vi="VietQ")


@pytest.fixture
def stameq(db, settings):
    return make_organization(slug=settings.COOPDB_OWN_ORGANIZATION, acronym="STAMEQ", kind="national_body")
