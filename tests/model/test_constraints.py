"""Each database constraint rejects a bad row by itself, with no form or
Python check in front of it (Model.objects.create straight to PostgreSQL)."""

import datetime

import pytest
from django.apps import apps
from django.db import IntegrityError, connection, transaction
from django.db.models import DateField, DateTimeField, ProtectedError

from agreements.models import Agreement, AgreementParty, AgreementStatusChange, Commitment
from core.models import ReportedFigure, Source
from events.models import Delegation, DelegationMember, Event
from organizations.models import Ballot, Dues, Membership, Office, Organization, OrganizationName
from tests import factories
from tests.samples import make_delegation_member, make_reported_figure

D = datetime.date
APPS = ("core", "organizations", "agreements", "events")


def _record(**fields):
    return {"source": factories.make_source(), "visibility": "public", **fields}


def _own_parent(make):
    def bad_row():
        obj = make()
        obj.parent_id = obj.pk
        obj.save()

    return bad_row


def _membership_duplicate():
    first = factories.make_membership()
    Membership.objects.create(**_record(member=first.member, organization=first.organization))


def _dues_duplicate():
    first = factories.make_dues(year=2020)
    Dues.objects.create(**_record(membership=first.membership, year=2020))


def _ballot_duplicate():
    first = factories.make_ballot()
    Ballot.objects.create(**_record(committee=first.committee, reference=first.reference, closes_on=D(2021, 1, 1)))


def _party_duplicate():
    first = factories.make_party()
    AgreementParty.objects.create(**_record(agreement=first.agreement, organization=first.organization))


def _stage_duplicate():
    first = factories.make_status_change(status="signed")
    AgreementStatusChange.objects.create(**_record(agreement=first.agreement, status="signed", year=2019))


def _code_duplicate():
    first = factories.make_commitment(code="tbt")
    Commitment.objects.create(**_record(agreement=first.agreement, code="tbt", title_vi="Lặp"))


def _member_duplicate():
    first = make_delegation_member()
    DelegationMember.objects.create(**_record(delegation=first.delegation, person=first.person))


# constraint name: a function that writes a row breaking it
BAD_ROWS = {
    "reportedfigure_period_ordered": lambda: ReportedFigure.objects.create(
        **_record(key="f", label_vi="Số", value=1, period_start=D(2020, 1, 1), period_end=D(2019, 1, 1))
    ),
    "organization_not_own_parent": _own_parent(factories.make_organization),
    "organization_founded_year_plausible": lambda: factories.make_organization(founded_year=1700),
    "membership_since_before_until": lambda: factories.make_membership(since=D(2020, 1, 1), until=D(2019, 1, 1)),
    "membership_unique_class": _membership_duplicate,
    "membership_not_of_itself": lambda: factories.make_membership(
        member=(org := factories.make_organization()), organization=org
    ),
    "dues_one_per_membership_year": _dues_duplicate,
    "dues_amount_not_negative": lambda: factories.make_dues(amount=-1, currency="USD"),
    "dues_year_plausible": lambda: factories.make_dues(year=1800),
    "dues_amount_has_currency": lambda: factories.make_dues(amount=100, currency=""),
    "office_term_ordered": lambda: factories.make_office(term_start=D(2020, 1, 1), term_end=D(2019, 1, 1)),
    "office_has_holder": lambda: Office.objects.create(
        **_record(slug="nobody", role="chair", body=factories.make_organization())
    ),
    "ballot_unique_document_stage": _ballot_duplicate,
    "ballot_opens_before_closing": lambda: factories.make_ballot(opens_on=D(2020, 7, 1), closes_on=D(2020, 6, 30)),
    "agreement_validity_ordered": lambda: factories.make_agreement(valid_from=D(2021, 1, 1), valid_until=D(2018, 1, 1)),
    "agreement_not_own_parent": _own_parent(factories.make_agreement),
    "party_is_someone": lambda: AgreementParty.objects.create(**_record(agreement=factories.make_agreement())),
    "party_unique": _party_duplicate,
    "party_signed_before_ratified": lambda: factories.make_party(signed_on=D(2020, 1, 1), ratified_on=D(2019, 1, 1)),
    "status_change_once_per_stage": _stage_duplicate,
    "status_change_is_dated": lambda: factories.make_status_change(changed_on=None, year=None),
    "commitment_unique_code": _code_duplicate,
    "event_dates_ordered": lambda: factories.make_event(start_on=D(2020, 1, 2), end_on=D(2020, 1, 1)),
    "delegation_has_people": lambda: Delegation.objects.create(**_record(slug="empty", title_vi="Đoàn")),
    "delegation_headcount_positive": lambda: factories.make_delegation(headcount=0),
    "delegation_dates_ordered": lambda: factories.make_delegation(start_on=D(2020, 1, 2), end_on=D(2020, 1, 1)),
    "delegation_member_once": _member_duplicate,
    "initiative_year_plausible": lambda: factories.make_initiative(year=1800),
    "organization_name_dates_ordered": lambda: factories.make_organization_name(
        valid_from=D(2010, 1, 2), valid_until=D(2010, 1, 1)
    ),
}


# Every date field's plausible range (1900-2100; founding dates from 1800):
# a typing slip of year 1, or 9999 on the fields that close a period (a 9999
# start would break the period's order first).
DATE_BUILDERS = {
    Source: factories.make_source,
    ReportedFigure: make_reported_figure,
    Organization: factories.make_organization,
    OrganizationName: factories.make_organization_name,
    Membership: factories.make_membership,
    Dues: factories.make_dues,
    Office: factories.make_office,
    Ballot: factories.make_ballot,
    Agreement: factories.make_agreement,
    AgreementParty: factories.make_party,
    AgreementStatusChange: factories.make_status_change,
    Commitment: factories.make_commitment,
    Event: factories.make_event,
    Delegation: factories.make_delegation,
}
PERIOD_ENDS = {"until", "valid_until", "end_on", "term_end", "period_end", "closes_on", "deadline", "voted_on"}


def _implausible(build, field_name):
    day = D(9999, 12, 31) if field_name in PERIOD_ENDS else D(1, 1, 1)
    return lambda: build(**{field_name: day})


BAD_ROWS.update(
    {
        f"{model._meta.model_name}_{field.name}_plausible": _implausible(build, field.name)
        for model, build in DATE_BUILDERS.items()
        for field in model._meta.fields
        if isinstance(field, DateField) and not isinstance(field, DateTimeField)
    }
)


def test_every_constraint_is_tried():
    names = {c.name for app in APPS for m in apps.get_app_config(app).get_models() for c in m._meta.constraints}
    assert names == set(BAD_ROWS)


@pytest.mark.parametrize("name", sorted(BAD_ROWS))
def test_the_database_rejects_the_bad_row(name):
    with pytest.raises(IntegrityError, match=name), transaction.atomic():
        BAD_ROWS[name]()


def test_a_referenced_organization_cannot_be_deleted_in_the_database():
    membership = factories.make_membership()
    with pytest.raises(ProtectedError):
        membership.organization.delete()
    # Below Django's PROTECT, the database's own foreign key holds too (checked
    # now rather than at commit: Django declares its foreign keys deferrable).
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("DELETE FROM organizations_organization WHERE id = %s", [membership.organization_id])
    assert Organization.objects.filter(pk=membership.organization_id).exists()


def test_the_same_builders_with_good_values_pass():
    """So the failures above are the constraints', not the builders'."""
    factories.make_membership(since=D(2019, 1, 1), until=D(2020, 1, 1))
    factories.make_dues(amount=0, currency="USD", year=1900)
    factories.make_delegation(headcount=1, start_on=D(2020, 1, 1), end_on=D(2020, 1, 1))
    factories.make_event(start_on=D(2020, 1, 1), end_on=D(2020, 1, 1))
    factories.make_agreement(valid_from=D(2018, 1, 1), valid_until=D(2018, 1, 1))
    factories.make_party(signed_on=D(2019, 1, 1), ratified_on=D(2019, 1, 1))
    factories.make_status_change(changed_on=None, year=2019)
    factories.make_initiative(year=2200)
    factories.make_organization(founded_year=1961)
    assert Organization.objects.count() >= 4
