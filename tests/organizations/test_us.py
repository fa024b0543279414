"""organizations.us: "we" are our organization and its units at any depth
(docs/domain.md), one definition used by the home page, the map, the
organization pages and the period report."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from organizations import selectors, us
from organizations.models import Membership, Organization
from public.selectors.home import home_figures
from tests.factories import make_membership, make_organization
from workflow.report.selectors import memberships_held

D = datetime.date


@pytest.fixture
def units(settings):
    settings.COOPDB_OWN_ORGANIZATION = "us-top"
    top = make_organization(slug="us-top", kind="national_body")
    unit = make_organization(slug="us-unit", parent=top, kind="national_body")
    sub_unit = make_organization(slug="us-sub-unit", parent=unit, kind="national_body")
    return top, unit, sub_unit


def test_we_are_our_organization_and_its_units_at_any_depth(units):
    other = make_organization(slug="not-us")
    make_organization(slug="under-not-us", parent=other)
    assert us.own_organization_ids() == {o.pk for o in units}
    assert set(Organization.objects.filter(us.ours_q()).values_list("slug", flat=True)) == {
        "us-top",
        "us-unit",
        "us-sub-unit",
    }
    assert "us-sub-unit" not in set(Organization.objects.filter(us.not_us_q()).values_list("slug", flat=True))


def test_ours_q_costs_no_query_of_its_own(units):
    with CaptureQueriesContext(connection) as queries:
        list(Membership.objects.filter(us.ours_q("member__")))
    assert len(queries) == 1


def test_a_sub_units_membership_is_ours_everywhere(units):
    """Before, the home page and organization pages counted only the top
    organization's memberships and the report also its direct units."""
    top, _unit, sub_unit = units
    body = make_organization(slug="body-abroad")
    held = make_membership(member=sub_unit, organization=body, since=D(2018, 1, 1), until=D(2030, 1, 1))
    # A unit seated in our own organization is not one of our memberships.
    make_membership(member=sub_unit, organization=top, since=D(2018, 1, 1), until=D(2030, 1, 1))
    assert list(selectors.our_memberships()) == [held]
    assert list(memberships_held(start=D(2020, 1, 1), end=D(2020, 12, 31))) == [held]
    assert home_figures(D(2020, 6, 1))[0].value == 1
