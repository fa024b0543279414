"""The visibility rule every page, API and export relies on."""

import pytest

from core.querysets import visible_or_none
from organizations.models import Dues, Membership, Organization
from tests.factories import make_dues, make_membership, make_organization

AUDIENCES = {
    "public": {"public"},
    "government": {"public", "government"},
    "staff": {"public", "government", "internal"},
}


@pytest.mark.parametrize("audience", AUDIENCES)
def test_each_audience_reads_exactly_its_levels(audience):
    for level in ("public", "government", "internal"):
        make_organization(slug=f"org-{level}", visibility=level)
    seen = set(Organization.objects.visible_to(audience).values_list("visibility", flat=True))
    assert seen == AUDIENCES[audience]


def test_a_public_membership_of_a_hidden_organization_is_hidden():
    hidden = make_organization(visibility="internal")
    membership = make_membership(organization=hidden, visibility="public")
    assert not Membership.objects.visible_to("public").filter(pk=membership.pk).exists()
    assert Membership.objects.visible_to("staff").filter(pk=membership.pk).exists()


def test_visibility_parents_reach_through_several_relations():
    membership = make_membership(member=make_organization(visibility="government"))
    dues = make_dues(membership=membership)
    assert not Dues.objects.visible_to("public").filter(pk=dues.pk).exists()
    assert Dues.objects.visible_to("government").filter(pk=dues.pk).exists()


def test_a_hidden_optional_reference_renders_as_absent():
    hidden = make_organization(visibility="internal")
    assert visible_or_none(hidden, "public") is None
    assert visible_or_none(hidden, "government") is None
    assert visible_or_none(hidden, "staff") == hidden
    assert visible_or_none(None, "public") is None
