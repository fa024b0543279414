"""Staff accounts for tests: a user in one of the staff groups, and a client
logged in as them. force_login needs no password, and skipping the hash keeps
the tests fast. The page header greets staff by first name, so the username
only shows where a page names who did something (the history)."""

from django.contrib.auth.models import Group, User
from django.test import Client


def make_staff(username: str, group: str, **kw) -> User:
    kw.setdefault("first_name", "Lan")
    user = User.objects.create_user(username=username, password=None, is_staff=True, **kw)
    user.groups.add(Group.objects.get(name=group))
    return user


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client
