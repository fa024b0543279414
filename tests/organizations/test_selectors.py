"""organizations.selectors: the one read path of the organization,
membership, dues, person, office and ballot lists (API and public pages)."""

import datetime

import pytest
from django.http import QueryDict

from core.choices import Audience
from core.filtersets import InvalidFilters
from organizations import selectors
from organizations.models import Ballot, Dues, Membership, Office, Organization, Person
from tests.factories import (
    make_ballot,
    make_dues,
    make_membership,
    make_office,
    make_organization,
    make_organization_name,
    make_person,
)
from tests.selector_checks import assert_keyword_only_and_typed, slugs

D = datetime.date
PUBLIC, GOVERNMENT = Audience.PUBLIC, Audience.GOVERNMENT

LISTS = [
    (selectors.organization_list, Organization, make_organization),
    (selectors.membership_list, Membership, make_membership),
    (selectors.dues_list, Dues, make_dues),
    (selectors.person_list, Person, make_person),
    (selectors.office_list, Office, make_office),
    (selectors.ballot_list, Ballot, make_ballot),
]
IDS = [model.__name__ for _selector, model, _make in LISTS]


@pytest.mark.parametrize(("selector", "model", "make"), LISTS, ids=IDS)
def test_list_selectors_are_keyword_only_and_typed(selector, model, make):
    assert_keyword_only_and_typed(selector, model)


@pytest.mark.parametrize(("selector", "model", "make"), LISTS, ids=IDS)
def test_each_list_keeps_the_rows_the_audience_may_see(selector, model, make):
    shown = make(visibility="public")
    ministry = make(visibility="government")
    make(visibility="internal")
    assert {row.pk for row in selector(audience=PUBLIC)} >= {shown.pk}
    assert ministry.pk not in {row.pk for row in selector(audience=PUBLIC)}
    assert {row.pk for row in selector(audience=GOVERNMENT)} >= {shown.pk, ministry.pk}
    assert all(row.visibility == "public" for row in selector(audience=PUBLIC))


def test_a_membership_of_a_hidden_organization_is_hidden_as_a_whole():
    hidden = make_organization(visibility="government")
    make_membership(organization=hidden, visibility="public")
    assert list(selectors.membership_list(audience=PUBLIC)) == []
    assert len(selectors.membership_list(audience=GOVERNMENT)) == 1


def test_former_names_prefetch_keeps_the_audience_s_names(django_assert_num_queries):
    organization = make_organization(slug="iso")
    make_organization_name(organization=organization, name_vi="Cũ công khai", valid_from=D(1990, 1, 1))
    make_organization_name(
        organization=organization, name_vi="Cũ nội bộ", valid_from=D(2000, 1, 1), visibility="government"
    )
    for audience, names in {PUBLIC: ["Cũ công khai"], GOVERNMENT: ["Cũ công khai", "Cũ nội bộ"]}.items():
        (row,) = selectors.organization_list(audience=audience).prefetch_related(selectors.former_names(audience))
        with django_assert_num_queries(0):
            assert [name.name_vi for name in row.names.all()] == names


def test_organization_list_is_by_acronym():
    make_organization(slug="z", acronym="ZZ")
    make_organization(slug="a", acronym="AA")
    make_organization(slug="m", acronym="MM")
    assert slugs(selectors.organization_list(audience=PUBLIC)) == ["a", "m", "z"]


def test_office_list_puts_the_latest_term_first_and_undated_last():
    make_office(slug="undated", term_start=None)
    make_office(slug="old", term_start=D(2010, 1, 1))
    make_office(slug="new", term_start=D(2020, 1, 1))
    assert slugs(selectors.office_list(audience=PUBLIC)) == ["new", "old", "undated"]


def test_membership_list_puts_unknown_starts_last_within_an_organization():
    body = make_organization(acronym="APO")
    make_membership(organization=body, member=make_organization(slug="unknown"), since=None)
    make_membership(organization=body, member=make_organization(slug="early"), since=D(1990, 1, 1))
    assert [m.member.slug for m in selectors.membership_list(audience=PUBLIC)] == ["early", "unknown"]


def test_organization_list_applies_the_filterset():
    make_organization(slug="body", kind="national_body")
    make_organization(slug="intl", kind="international")
    assert slugs(selectors.organization_list(audience=PUBLIC, filters=QueryDict("kind=national_body"))) == ["body"]


def test_dues_list_applies_the_filterset():
    make_dues(year=2019)
    make_dues(year=2021)
    assert [dues.year for dues in selectors.dues_list(audience=PUBLIC, filters={"year": "2021"})] == [2021]


def test_lists_refuse_filters_they_cannot_read():
    with pytest.raises(InvalidFilters) as raised:
        selectors.organization_list(audience=PUBLIC, filters={"kind": ["planet"]})
    assert list(raised.value.form_errors) == ["kind"]
    with pytest.raises(InvalidFilters):
        selectors.office_list(audience=PUBLIC, filters={"held_on": "soon"})
