"""The shared FilterSets: what the API and the public pages filter with."""

import datetime
from urllib.parse import urlencode

import pytest
from django.http import QueryDict

from agreements.filtersets import AgreementFilterSet, CommitmentFilterSet
from core.checks import check_filtersets
from core.filtersets import ReportedFigureFilterSet, SourceFilterSet, VisibleFilterSet
from events.filtersets import DelegationFilterSet, EventFilterSet, InitiativeFilterSet
from events.models import DelegationMember
from organizations.filtersets import (
    BallotFilterSet,
    DuesFilterSet,
    MembershipFilterSet,
    OfficeFilterSet,
    OrganizationFilterSet,
    PersonFilterSet,
)
from organizations.models import Dues
from tests.factories import (
    make_agreement,
    make_commitment,
    make_delegation,
    make_dues,
    make_event,
    make_membership,
    make_organization,
    make_party,
    make_person,
)

ALL_FILTERSETS = [
    OrganizationFilterSet,
    MembershipFilterSet,
    DuesFilterSet,
    PersonFilterSet,
    OfficeFilterSet,
    BallotFilterSet,
    AgreementFilterSet,
    CommitmentFilterSet,
    EventFilterSet,
    DelegationFilterSet,
    InitiativeFilterSet,
    SourceFilterSet,
    ReportedFigureFilterSet,
]


def filtered(filterset_class, data, audience="public", queryset=None):
    model = filterset_class._meta.model
    queryset = queryset if queryset is not None else model.objects.visible_to(audience)
    filterset = filterset_class(QueryDict(urlencode(data)), queryset=queryset, audience=audience)
    assert filterset.is_valid(), filterset.errors
    return list(filterset.qs)


@pytest.mark.parametrize("filterset_class", ALL_FILTERSETS)
def test_filtersets_build_without_private_fields(filterset_class):
    private = set(getattr(filterset_class._meta.model, "private_fields", ()))
    filterset = filterset_class({}, queryset=filterset_class._meta.model.objects.none())
    assert "q" in filterset.filters and "ordering" in filterset.filters
    assert not private & set(filterset.filters)


def test_a_filter_on_a_private_field_is_a_start_up_error():
    """coopdb.E001 (core.checks): refused by ``manage.py check`` and at
    start-up, not by an assert on each request."""
    import django_filters

    class Leaky(VisibleFilterSet):
        amount = django_filters.NumberFilter()
        ordering = django_filters.OrderingFilter(fields=["year", "currency"])

        class Meta:
            model = Dues
            fields = []

    errors = check_filtersets(classes=[Leaky])
    assert [error.id for error in errors] == ["coopdb.E001", "coopdb.E001"]
    assert "Leaky.amount reaches the private field(s) amount" in errors[0].msg
    assert "Leaky.ordering reaches the private field(s) currency" in errors[1].msg
    assert check_filtersets(classes=[DuesFilterSet, AgreementFilterSet]) == []


@pytest.mark.parametrize(
    ("filterset_class", "data"),
    [
        (AgreementFilterSet, {"kind": "nonsense"}),
        (AgreementFilterSet, {"in_force_on": "2020-13-45"}),
        (AgreementFilterSet, {"organization": "abc"}),
        (AgreementFilterSet, {"organization": str(2**64)}),
        (AgreementFilterSet, {"ordering": "internal_note"}),
        (AgreementFilterSet, {"country": "vietnam"}),
        (DuesFilterSet, {"ordering": "amount"}),
        (DuesFilterSet, {"year": "twenty"}),
        (PersonFilterSet, {"ordering": "email"}),
        (OrganizationFilterSet, {"q": "x" * 500}),
        (OrganizationFilterSet, {"q": "a\x00b"}),
    ],
)
def test_bad_values_are_form_errors(filterset_class, data):
    filterset = filterset_class(QueryDict(urlencode(data)), queryset=filterset_class._meta.model.objects.all())
    assert not filterset.is_valid()
    assert filterset.errors


@pytest.mark.parametrize("query", ["hop tac", "HỢP TÁC", "do luong", "Đo lường"])
def test_search_is_accent_insensitive_in_both_languages(query):
    wanted = make_agreement(title_vi="Hợp tác đo lường", title_en="Cooperation")
    make_agreement(title_vi="Thương mại", title_en="Trade")
    assert filtered(AgreementFilterSet, {"q": query}) == [wanted]
    assert filtered(AgreementFilterSet, {"q": "cooperation"}) == [wanted]


def test_party_filters_match_only_visible_parties():
    hidden = make_organization(acronym="SECRET", visibility="internal")
    agreement = make_agreement()
    make_party(agreement=agreement, organization=hidden)
    make_party(agreement=agreement, country="RU", visibility="government")
    for data in ({"organization_acronym": "secret"}, {"organization": str(hidden.pk)}, {"country": "RU"}):
        assert filtered(AgreementFilterSet, data) == []
    assert filtered(AgreementFilterSet, {"country": "RU"}, audience="government") == [agreement]
    assert filtered(AgreementFilterSet, {"organization_acronym": "secret"}, audience="government") == []


def test_party_filter_finds_a_visible_party_once():
    iso = make_organization(acronym="ISO")
    agreement = make_agreement()
    make_party(agreement=agreement, organization=iso)
    make_party(agreement=agreement, organization=iso, country="VN")
    assert filtered(AgreementFilterSet, {"organization_acronym": "iso"}) == [agreement]


def test_optional_reference_filters_ignore_hidden_references():
    hidden_forum = make_organization(acronym="HIDDEN", visibility="government")
    event = make_event(forum=hidden_forum)
    assert filtered(EventFilterSet, {"forum": str(hidden_forum.pk)}) == []
    assert filtered(EventFilterSet, {"forum_acronym": "hidden"}) == []
    assert filtered(EventFilterSet, {"forum_acronym": "hidden"}, audience="government") == [event]


def test_membership_filter_by_internal_organization_reveals_nothing():
    internal = make_organization(acronym="INT", visibility="internal")
    make_membership(organization=internal)
    public = make_membership()
    assert filtered(MembershipFilterSet, {"organization_acronym": "INT"}, audience="government") == []
    assert filtered(MembershipFilterSet, {"organization": str(public.organization_id)}) == [public]


def test_delegation_member_filter_ignores_hidden_member_rows():
    person = make_person()
    delegation = make_delegation()
    DelegationMember.objects.create(
        delegation=delegation, person=person, source=delegation.source, visibility="government"
    )
    assert filtered(DelegationFilterSet, {"person": str(person.pk)}) == []
    assert filtered(DelegationFilterSet, {"person": str(person.pk)}, audience="government") == [delegation]


def test_date_filters():
    in_force = make_agreement(
        status="in_force", valid_from=datetime.date(2020, 8, 1), signed_on=datetime.date(2019, 6, 30)
    )
    make_agreement(status="in_force", valid_from=datetime.date(2021, 1, 1), signed_on=datetime.date(2020, 11, 15))
    assert filtered(AgreementFilterSet, {"in_force_on": "2020-12-31"}) == [in_force]
    assert filtered(AgreementFilterSet, {"signed_after": "2019-01-01", "signed_before": "2019-12-31"}) == [in_force]
    due = make_commitment(deadline=datetime.date(2020, 1, 1))
    make_commitment(deadline=datetime.date(2022, 1, 1))
    assert filtered(CommitmentFilterSet, {"deadline_before": "2020-06-30"}) == [due]


def test_membership_active_on_and_dues_status():
    current = make_membership(since=datetime.date(1996, 1, 1), last_confirmed_on=datetime.date(2020, 7, 26))
    make_membership(since=datetime.date(1990, 1, 1), until=datetime.date(1995, 12, 31))
    make_membership(since=datetime.date(1996, 1, 1))  # open-ended, never confirmed by a dated source
    assert filtered(MembershipFilterSet, {"active_on": "2020-01-01"}) == [current]
    late = make_dues(membership=current, year=2019, due_on=datetime.date(2019, 3, 1), paid_on=datetime.date(2019, 5, 1))
    make_dues(membership=current, year=2020, due_on=datetime.date(2020, 3, 1), paid_on=datetime.date(2020, 2, 1))
    assert filtered(DuesFilterSet, {"status": "late"}) == [late]
    assert [d.status for d in filtered(DuesFilterSet, {"status": "late"}, queryset=Dues.objects.with_status())] == [
        "late"
    ]


def test_ordering_whitelist():
    b = make_agreement(slug="b-agreement")
    a = make_agreement(slug="a-agreement")
    assert filtered(AgreementFilterSet, {"ordering": "slug"}) == [a, b]
    assert filtered(AgreementFilterSet, {"ordering": "-slug"}) == [b, a]


def test_a_union_answers_for_its_member_countries():
    eaeu = make_organization(acronym="EAEU", kind="regional", member_countries=["AM", "BY", "KZ", "KG", "RU"])
    agreement = make_agreement(kind="fta")
    make_party(agreement=agreement, organization=eaeu)
    assert filtered(AgreementFilterSet, {"country": "KZ"}) == [agreement]
    assert filtered(AgreementFilterSet, {"country": "RU"}) == [agreement]
    assert filtered(AgreementFilterSet, {"country": "UZ"}) == []
    assert filtered(AgreementFilterSet, {"country": "US"}) == []


def test_a_union_party_counts_only_for_audiences_that_may_see_it():
    union = make_organization(acronym="EU", kind="regional", member_countries=["FR", "DE"])
    agreement = make_agreement(kind="fta")
    make_party(agreement=agreement, organization=union, visibility="government")
    assert filtered(AgreementFilterSet, {"country": "FR"}) == []
    assert filtered(AgreementFilterSet, {"country": "FR"}, audience="government") == [agreement]


def test_an_internal_union_answers_for_nobody_outside_staff():
    union = make_organization(acronym="XU", kind="regional", member_countries=["PL"], visibility="internal")
    agreement = make_agreement(kind="fta")
    make_party(agreement=agreement, organization=union)
    assert filtered(AgreementFilterSet, {"country": "PL"}) == []
    assert filtered(AgreementFilterSet, {"country": "PL"}, audience="government") == []
