import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

PASSWORD = "correct horse battery staple 42"
LOGIN = reverse("admin:login")
INDEX = reverse("admin:index")


@pytest.fixture(autouse=True)
def _empty_counters():
    """Throttle counters live in the cache; every test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def staff(db):
    user = User.objects.create_user(username="lan", password=PASSWORD, is_staff=True, first_name="Lan")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def log_in(client: Client, username: str, password: str, address: str = "127.0.0.1", **headers):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": INDEX},
        REMOTE_ADDR=address,
        headers=headers,
    )
