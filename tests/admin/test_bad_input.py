"""Bad input is a readable error on the page, never a 500, and nothing is saved.

Each database constraint is broken once through its model's admin change
page; the page must answer 200 with the constraint's own message (in
Vietnamese, the admin's default language) and leave the row as it was.
"""

import datetime
import html

import pytest
from django.apps import apps
from django.db.models import CheckConstraint, DateField, DateTimeField, UniqueConstraint
from django.utils import translation

from agreements.models import Agreement, AgreementParty, AgreementStatusChange, Commitment
from core.models import ReportedFigure, Source
from events.models import Delegation, DelegationMember, Event, Initiative
from organizations.models import Ballot, Dues, Membership, Office, Organization, OrganizationName
from tests import factories
from tests.admin.conftest import admin_url
from tests.admin.forms import page_form_data
from tests.samples import make_delegation_member, make_reported_figure

D = datetime.date
APPS = ("core", "organizations", "agreements", "events")


def _conflicting_membership(obj):
    factories.make_membership(member=obj.member, organization=obj.organization, member_class="associate")
    return {"member_class": "associate"}


def _conflicting_dues(obj):
    factories.make_dues(membership=obj.membership, year=2021)
    return {"year": 2021}


def _conflicting_ballot(obj):
    factories.make_ballot(committee=obj.committee, reference="ISO/DIS 99999", stage=obj.stage)
    return {"reference": "ISO/DIS 99999"}


def _conflicting_party(obj):
    other = factories.make_party(agreement=obj.agreement)
    return {"organization": other.organization}


def _conflicting_stage(obj):
    factories.make_status_change(agreement=obj.agreement, status="ratified", changed_on=D(2019, 1, 1))
    return {"status": "ratified"}


def _conflicting_code(obj):
    factories.make_commitment(agreement=obj.agreement, code="tbt")
    return {"code": "tbt"}


def _conflicting_member(obj):
    other = make_delegation_member(delegation=obj.delegation)
    return {"person": other.person}


# constraint name: (model, builder, the changes that break it)
CASES = {
    "reportedfigure_period_ordered": (
        ReportedFigure,
        make_reported_figure,
        lambda o: {"period_start": D(2020, 1, 1), "period_end": D(2019, 1, 1)},
    ),
    "organization_not_own_parent": (Organization, factories.make_organization, lambda o: {"parent": o}),
    "organization_founded_year_plausible": (
        Organization,
        factories.make_organization,
        lambda o: {"founded_year": 1700},
    ),
    "membership_since_before_until": (
        Membership,
        factories.make_membership,
        lambda o: {"since": D(2020, 1, 1), "until": D(2019, 1, 1)},
    ),
    "membership_unique_class": (Membership, factories.make_membership, _conflicting_membership),
    "membership_not_of_itself": (Membership, factories.make_membership, lambda o: {"organization": o.member}),
    "dues_one_per_membership_year": (Dues, factories.make_dues, _conflicting_dues),
    "dues_amount_not_negative": (Dues, factories.make_dues, lambda o: {"amount": "-5", "currency": "USD"}),
    "dues_year_plausible": (Dues, factories.make_dues, lambda o: {"year": 1800}),
    "dues_amount_has_currency": (Dues, factories.make_dues, lambda o: {"amount": "100", "currency": ""}),
    "office_term_ordered": (
        Office,
        factories.make_office,
        lambda o: {"term_start": D(2020, 1, 1), "term_end": D(2019, 1, 1)},
    ),
    "office_has_holder": (Office, factories.make_office, lambda o: {"holder_organization": None}),
    "ballot_unique_document_stage": (Ballot, factories.make_ballot, _conflicting_ballot),
    "ballot_opens_before_closing": (Ballot, factories.make_ballot, lambda o: {"opens_on": D(2020, 7, 1)}),
    "agreement_validity_ordered": (
        Agreement,
        factories.make_agreement,
        lambda o: {"valid_from": D(2021, 1, 1), "valid_until": D(2018, 1, 1)},
    ),
    "agreement_not_own_parent": (Agreement, factories.make_agreement, lambda o: {"parent": o}),
    "party_is_someone": (AgreementParty, factories.make_party, lambda o: {"organization": None, "country": ""}),
    "party_unique": (AgreementParty, factories.make_party, _conflicting_party),
    "party_signed_before_ratified": (
        AgreementParty,
        factories.make_party,
        lambda o: {"signed_on": D(2020, 1, 1), "ratified_on": D(2019, 1, 1)},
    ),
    "status_change_once_per_stage": (AgreementStatusChange, factories.make_status_change, _conflicting_stage),
    "status_change_is_dated": (
        AgreementStatusChange,
        factories.make_status_change,
        lambda o: {"changed_on": None, "year": None},
    ),
    "commitment_unique_code": (Commitment, factories.make_commitment, _conflicting_code),
    "event_dates_ordered": (Event, factories.make_event, lambda o: {"end_on": D(2019, 1, 1)}),
    "delegation_has_people": (Delegation, factories.make_delegation, lambda o: {"headcount": None}),
    "delegation_headcount_positive": (Delegation, factories.make_delegation, lambda o: {"headcount": 0}),
    "delegation_dates_ordered": (
        Delegation,
        factories.make_delegation,
        lambda o: {"start_on": D(2020, 1, 1), "end_on": D(2019, 1, 1)},
    ),
    "delegation_member_once": (DelegationMember, make_delegation_member, _conflicting_member),
    "initiative_year_plausible": (Initiative, factories.make_initiative, lambda o: {"year": 1800}),
    "organization_name_dates_ordered": (
        OrganizationName,
        factories.make_organization_name,
        lambda o: {"valid_from": D(2011, 1, 1), "valid_until": D(2010, 1, 1)},
    ),
}

BUILDERS = {model: build for model, build, _changes in CASES.values()}
BUILDERS[Source] = factories.make_source


def _typing_slip(field_name):
    return lambda obj: {field_name: D(1, 1, 1)}


# Every date field's plausible-range check, broken with the year 1.
CASES.update(
    {
        f"{model._meta.model_name}_{field.name}_plausible": (model, BUILDERS[model], _typing_slip(field.name))
        for model in BUILDERS
        for field in model._meta.fields
        if isinstance(field, DateField) and not isinstance(field, DateTimeField)
    }
)

# The admin says these in words closer to the form than the database's.
ADMIN_MESSAGES = {
    # Checked by the form first: the constraint itself has no message of its own.
    "organization_founded_year_plausible": "Năm thành lập phải nằm trong khoảng từ 1800 đến 2200.",
    # Named members (the inline) also count in the admin.
    "delegation_has_people": "Hãy nêu tên thành viên, trưởng đoàn hoặc nhập số người.",
}


def _constraints():
    for app in APPS:
        for model in apps.get_app_config(app).get_models():
            for constraint in model._meta.constraints:
                yield model, constraint


def test_every_constraint_has_a_case_and_a_message():
    names = set()
    for _model, constraint in _constraints():
        names.add(constraint.name)
        assert isinstance(constraint, (CheckConstraint, UniqueConstraint))
        if constraint.name not in ADMIN_MESSAGES:
            assert constraint.violation_error_message != constraint.default_violation_error_message, constraint.name
    assert names == set(CASES)


def _expected_message(name: str) -> str:
    if name in ADMIN_MESSAGES:
        return ADMIN_MESSAGES[name]
    constraint = next(c for _, c in _constraints() if c.name == name)
    with translation.override("vi"):
        return str(constraint.violation_error_message)


def _snapshot(model, pk):
    return model.objects.filter(pk=pk).values().get()


@pytest.mark.parametrize("name", sorted(CASES))
def test_breaking_a_constraint_in_the_admin_shows_its_message(editor_client, name):
    model, build, breaking_changes = CASES[name]
    obj = build()
    changes = breaking_changes(obj)  # may add the row a duplicate would clash with
    before = _snapshot(model, obj.pk)
    history_before = model.history.count()
    url = admin_url(model, "change", obj.pk)
    data = page_form_data(editor_client.get(url), **changes)

    response = editor_client.post(url, data)

    assert response.status_code == 200
    assert _expected_message(name) in html.unescape(response.content.decode())
    assert _snapshot(model, obj.pk) == before
    assert model.history.count() == history_before
