"""What must never leave through the API: private fields, hidden references,
hidden nested rows; not through values, filters, search or ordering."""

import datetime

import pytest

from agreements.models import AgreementStatusChange
from events.models import DelegationMember
from tests.api.conftest import ENDPOINT_IDS, ENDPOINTS, NOTE, PRIVATE_MARKERS, all_pages
from tests.factories import (
    make_agreement,
    make_commitment,
    make_delegation,
    make_event,
    make_initiative,
    make_office,
    make_organization,
    make_party,
    make_person,
)
from tests.leaks import found


def assert_no_private_marker(response):
    text = b"".join(response.streaming_content if response.streaming else [response.content]).decode()
    leaked = found(text, PRIVATE_MARKERS)
    assert not leaked, f"{response.request['PATH_INFO']} leaked {leaked}"


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=ENDPOINT_IDS)
def test_private_fields_appear_in_no_response(api, key, endpoint):
    records = [endpoint.build(visibility=level) for level in ("public", "government")]
    for caller in (None, key):
        for params in ({}, {"format": "csv"}):
            assert_no_private_marker(api.get(endpoint.list_url(), key=caller, **params))
            for record in records:
                assert_no_private_marker(api.get(endpoint.detail_url(record.pk), key=caller, **params))


PRIVATE_PARAMETERS = [
    {"internal_note": NOTE},
    {"ordering": "internal_note"},
    {"ordering": "-internal_note"},
    {"amount": "987654.32"},
    {"ordering": "amount"},
    {"currency": "XAU"},
    {"email": "private-mail-7q2x@example.org"},
    {"ordering": "email"},
    {"phone": "x"},
    {"ordering": "phone"},
]


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=ENDPOINT_IDS)
def test_no_filter_or_ordering_on_private_fields(api, key, endpoint):
    for params in PRIVATE_PARAMETERS:
        response = api.get(endpoint.list_url(), key=key, **params)
        assert response.status_code == 400, params
        assert_no_private_marker(response)


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=ENDPOINT_IDS)
def test_search_does_not_reach_private_fields(api, key, endpoint):
    endpoint.build()
    for query in (NOTE, "private-mail-7q2x", "987654"):
        assert api.get(endpoint.list_url(), key=key, q=query).json()["results"] == []


def _government_org():
    return make_organization(visibility="government", acronym="GOVORG")


def _government_person():
    return make_person(visibility="government", full_name="Government Person")


def _government_agreement():
    return make_agreement(visibility="government", slug="government-agreement")


def _government_event():
    return make_event(visibility="government", slug="government-event")


# (endpoint, reference field, builder of a record pointing at `target`, target builder)
REFERENCES = [
    ("organization", "parent", lambda t: make_organization(parent=t), _government_org),
    ("person", "unit", lambda t: make_person(unit=t), _government_org),
    ("office", "holder_organization", lambda t: make_office(holder_organization=t), _government_org),
    ("office", "holder_person", lambda t: make_office(holder_person=t), _government_person),
    ("agreement", "parent", lambda t: make_agreement(parent=t), _government_agreement),
    ("commitment", "responsible_unit", lambda t: make_commitment(responsible_unit=t), _government_org),
    ("commitment", "responsible_person", lambda t: make_commitment(responsible_person=t), _government_person),
    ("event", "forum", lambda t: make_event(forum=t), _government_org),
    ("delegation", "event", lambda t: make_delegation(event=t), _government_event),
    ("delegation", "forum", lambda t: make_delegation(forum=t), _government_org),
    ("delegation", "counterpart", lambda t: make_delegation(counterpart=t), _government_org),
    ("delegation", "head", lambda t: make_delegation(head=t), _government_person),
    ("initiative", "forum", lambda t: make_initiative(forum=t), _government_org),
    ("initiative", "proposer", lambda t: make_initiative(proposer=t), _government_org),
    ("initiative", "event", lambda t: make_initiative(event=t), _government_event),
]


@pytest.mark.parametrize(
    ("basename", "field", "build", "make_target"), REFERENCES, ids=[f"{r[0]}.{r[1]}" for r in REFERENCES]
)
def test_hidden_optional_references_render_as_null(api, key, basename, field, build, make_target):
    target = make_target()
    record = build(target)
    url = f"/api/v1/{_plural(basename)}/{record.pk}/"
    assert api.get(url).json()[field] is None
    assert api.get(url, key=key).json()[field]["id"] == target.pk
    target.visibility = "internal"
    target.save()
    for caller in (None, key):
        assert api.get(url, key=caller).json()[field] is None
        csv = api.get(url, key=caller, format="csv").content.decode()
        assert str(getattr(target, "slug", "")) not in csv


def test_hidden_nested_rows_are_left_out(api, key):
    agreement = make_agreement()
    secret_partner = make_organization(acronym="SECRETPARTNER", visibility="internal")
    make_party(agreement=agreement, organization=secret_partner)
    make_party(agreement=agreement, country="KR", visibility="government")
    make_party(agreement=agreement, country="RU")
    AgreementStatusChange.objects.create(
        agreement=agreement, status="negotiating", year=2016, visibility="internal", source=agreement.source
    )
    AgreementStatusChange.objects.create(
        agreement=agreement, status="signed", changed_on=datetime.date(2018, 6, 1), source=agreement.source
    )
    url = f"/api/v1/agreements/{agreement.pk}/"
    public = api.get(url).json()
    assert [party["country"] for party in public["parties"]] == ["RU"]
    assert [change["status"] for change in public["status_history"]] == ["signed"]
    keyed = api.get(url, key=key).json()
    assert [party["country"] for party in keyed["parties"]] == ["KR", "RU"]
    assert "SECRETPARTNER" not in api.get(url, key=key).content.decode()

    delegation = make_delegation()
    DelegationMember.objects.create(
        delegation=delegation, person=make_person(visibility="government"), source=delegation.source
    )
    DelegationMember.objects.create(
        delegation=delegation, person=make_person(), source=delegation.source, visibility="internal"
    )
    url = f"/api/v1/delegations/{delegation.pk}/"
    assert api.get(url).json()["members"] == []
    assert len(api.get(url, key=key).json()["members"]) == 1


def test_counts_do_not_leak_through_pagination(api, key):
    for level in ("public", "government", "internal"):
        make_agreement(visibility=level)
    anonymous = all_pages(api, "/api/v1/agreements/", limit=1)
    keyed = all_pages(api, "/api/v1/agreements/", key=key, limit=1)
    assert [row["visibility"] for row in anonymous] == ["public"]
    assert sorted(row["visibility"] for row in keyed) == ["government", "public"]


def _plural(basename):
    return {"person": "people", "dues": "dues"}.get(basename, f"{basename}s")


def test_a_serializer_listing_a_private_field_is_a_start_up_error():
    """coopdb.E002 (api.checks): by name or under another name (source=)."""
    from rest_framework import serializers

    from api.checks import check_serializers
    from organizations.api.serializers import DuesSerializer

    class ByName(DuesSerializer):
        class Meta(DuesSerializer.Meta):
            fields = [*DuesSerializer.Meta.fields, "amount"]

    class BySource(DuesSerializer):
        money = serializers.CharField(source="currency")

        class Meta(DuesSerializer.Meta):
            fields = [*DuesSerializer.Meta.fields, "money"]

    errors = check_serializers(classes=[ByName, BySource, DuesSerializer])
    assert [error.id for error in errors] == ["coopdb.E002", "coopdb.E002"]
    assert "ByName would publish the private field(s) amount." in errors[0].msg
    assert "BySource would publish the private field(s) currency." in errors[1].msg


def test_manage_py_check_refuses_a_leaky_filterset_or_serializer():
    """The checks are registered: ``manage.py check`` passes on the code as
    it is and fails while a leaky class exists (as at start-up)."""
    import gc

    import django_filters
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    from core.filtersets import VisibleFilterSet
    from organizations.models import Dues

    call_command("check", tags=["coopdb"])

    class LeakyForCheck(VisibleFilterSet):
        amount = django_filters.NumberFilter()

        class Meta:
            model = Dues
            fields = []

    with pytest.raises(SystemCheckError, match=r"coopdb\.E001.*LeakyForCheck\.amount"):
        call_command("check", tags=["coopdb"])
    del LeakyForCheck
    gc.collect()  # so that no later check in this process meets it
    assert "LeakyForCheck" not in {cls.__name__ for cls in VisibleFilterSet.__subclasses__()}
    call_command("check", tags=["coopdb"])
