"""The shared ``seed_data`` fixture loads inside the test's transaction only."""

from django.conf import settings

from organizations.models import Organization


def test_seed_data_returns_the_own_organization_with_the_seed_loaded(seed_data):
    assert seed_data.slug == settings.COOPDB_OWN_ORGANIZATION
    assert Organization.objects.filter(parent__slug="apo", kind="coe").count() == 5


def test_a_test_without_the_fixture_sees_an_empty_database(db):
    assert not Organization.objects.exists()
