"""Each filter of each endpoint, through the API: it keeps the matching record
and drops the other one. A filter added without a case here fails
test_every_filter_has_a_case."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import resolve, reverse

from agreements.models import AgreementStatusChange
from core.models import ReportedFigure
from events.models import DelegationMember
from tests.api.conftest import ENDPOINTS, ids
from tests.factories import (
    make_agreement,
    make_ballot,
    make_commitment,
    make_delegation,
    make_dues,
    make_event,
    make_initiative,
    make_membership,
    make_office,
    make_organization,
    make_party,
    make_person,
    make_source,
)

D = datetime.date
# Covered for every endpoint by test_endpoints (search, ordering) and
# test_changes (updated_since).
GENERIC = {"q", "ordering", "updated_since"}


@dataclass
class Case:
    basename: str
    params: Callable[[Any], dict]
    match: Callable[[], Any]
    other: Callable[[], Any]

    @property
    def id(self):
        return f"{self.basename}:{','.join(sorted(self.params(_Dummy())))}"


class _Dummy:
    """Stands in for a record when only the parameter names are needed."""

    def __getattr__(self, name):
        return self

    def __call__(self, *args, **kwargs):
        return self

    def __str__(self):
        return "0"


def org(**kw):
    return make_organization(**kw)


def with_party(**kw):
    agreement = make_agreement()
    make_party(agreement=agreement, **kw)
    return agreement


def with_member(person):
    delegation = make_delegation()
    DelegationMember.objects.create(delegation=delegation, person=person, source=delegation.source)
    return delegation


def cited_source(**kw):
    source = make_source(**kw)
    ReportedFigure.objects.create(key=f"fig-{source.pk}", label_vi="Số", value=1, source=source, visibility="public")
    return source


def figure(**kw):
    source = make_source()
    return ReportedFigure.objects.create(
        key=f"fig-{source.pk}", label_vi="Số", value=1, source=source, visibility="public", **kw
    )


CASES = [
    # organizations
    Case("organization", lambda m: {"kind": "regional"}, lambda: org(kind="regional"), lambda: org(kind="forum")),
    Case("organization", lambda m: {"country": "SG"}, lambda: org(country="SG"), lambda: org(country="VN")),
    Case(
        "organization",
        lambda m: {"parent": m.parent_id},
        lambda: org(parent=org()),
        lambda: org(parent=org()),
    ),
    Case(
        "organization",
        lambda m: {"parent_acronym": "asean"},
        lambda: org(parent=org(acronym="ASEAN")),
        lambda: org(parent=org(acronym="APEC")),
    ),
    Case("organization", lambda m: {"acronym": "apo"}, lambda: org(acronym="APO"), lambda: org(acronym="APEC")),
    Case("organization", lambda m: {"slug": "apo"}, lambda: org(slug="apo"), lambda: org(slug="apec")),
    Case(
        "organization",
        lambda m: {"founded_after": "1961-01-01", "founded_before": "1961-12-31"},
        lambda: org(founded_on=D(1961, 5, 11)),
        lambda: org(founded_on=D(1989, 11, 6)),
    ),
    # memberships
    Case(
        "membership",
        lambda m: {"organization": m.organization_id},
        lambda: make_membership(),
        lambda: make_membership(),
    ),
    Case(
        "membership",
        lambda m: {"organization_acronym": "ISO"},
        lambda: make_membership(organization=org(acronym="ISO")),
        lambda: make_membership(organization=org(acronym="IEC")),
    ),
    Case(
        "membership",
        lambda m: {"organization_kind": "regional"},
        lambda: make_membership(organization=org(kind="regional")),
        lambda: make_membership(organization=org(kind="international")),
    ),
    Case("membership", lambda m: {"member": m.member_id}, lambda: make_membership(), lambda: make_membership()),
    Case(
        "membership",
        lambda m: {"member_acronym": "stameq"},
        lambda: make_membership(member=org(acronym="STAMEQ")),
        lambda: make_membership(member=org(acronym="KATS")),
    ),
    Case(
        "membership",
        lambda m: {"member_class": "p_member"},
        lambda: make_membership(member_class="p_member"),
        lambda: make_membership(member_class="o_member"),
    ),
    Case(
        "membership",
        lambda m: {"represents": "VN"},
        lambda: make_membership(represents="VN"),
        lambda: make_membership(represents="LA"),
    ),
    Case(
        "membership",
        lambda m: {"active_on": "2020-01-01"},
        # open-ended: a member on 2020-01-01 only as far as a source confirms it then
        lambda: make_membership(since=D(1996, 1, 1), last_confirmed_on=D(2020, 7, 26)),
        lambda: make_membership(since=D(1990, 1, 1), until=D(1999, 1, 1)),
    ),
    Case(
        "membership",
        lambda m: {"since_after": "1995-01-01", "since_before": "1996-12-31"},
        lambda: make_membership(since=D(1996, 1, 1)),
        lambda: make_membership(since=D(1977, 1, 1)),
    ),
    # dues
    Case("dues", lambda m: {"membership": m.membership_id}, lambda: make_dues(), lambda: make_dues()),
    Case("dues", lambda m: {"organization": m.membership.organization_id}, lambda: make_dues(), lambda: make_dues()),
    Case(
        "dues",
        lambda m: {"organization_acronym": "apo"},
        lambda: make_dues(membership=make_membership(organization=org(acronym="APO"))),
        lambda: make_dues(membership=make_membership(organization=org(acronym="ISO"))),
    ),
    Case("dues", lambda m: {"year": 2019}, lambda: make_dues(year=2019), lambda: make_dues(year=2020)),
    Case(
        "dues",
        lambda m: {"year_from": 2018, "year_to": 2019},
        lambda: make_dues(year=2019),
        lambda: make_dues(year=2020),
    ),
    Case(
        "dues",
        lambda m: {"status": "late"},
        lambda: make_dues(due_on=D(2020, 3, 1), paid_on=D(2020, 5, 1)),
        lambda: make_dues(due_on=D(2020, 3, 1), paid_on=D(2020, 2, 1)),
    ),
    Case(
        "dues",
        lambda m: {"due_before": "2020-03-31", "due_after": "2020-01-01"},
        lambda: make_dues(due_on=D(2020, 3, 1)),
        lambda: make_dues(due_on=D(2020, 6, 1)),
    ),
    # people
    Case("person", lambda m: {"unit": m.unit_id}, lambda: make_person(unit=org()), lambda: make_person(unit=org())),
    Case(
        "person",
        lambda m: {"unit_acronym": "htqt"},
        lambda: make_person(unit=org(acronym="HTQT")),
        lambda: make_person(unit=org(acronym="TDC")),
    ),
    # offices
    Case("office", lambda m: {"role": "co_chair"}, lambda: make_office(role="co_chair"), lambda: make_office()),
    Case("office", lambda m: {"body": m.body_id}, lambda: make_office(), lambda: make_office()),
    Case(
        "office",
        lambda m: {"body_acronym": "accsq"},
        lambda: make_office(body=org(acronym="ACCSQ")),
        lambda: make_office(body=org(acronym="APO")),
    ),
    Case(
        "office",
        lambda m: {"holder_organization": m.holder_organization_id},
        lambda: make_office(),
        lambda: make_office(),
    ),
    Case(
        "office",
        lambda m: {"holder_organization_acronym": "stameq"},
        lambda: make_office(holder_organization=org(acronym="STAMEQ")),
        lambda: make_office(holder_organization=org(acronym="KATS")),
    ),
    Case(
        "office",
        lambda m: {"holder_person": m.holder_person_id},
        lambda: make_office(holder_person=make_person()),
        lambda: make_office(holder_person=make_person()),
    ),
    Case(
        "office",
        lambda m: {"held_on": "2020-06-01"},
        lambda: make_office(term_start=D(2019, 1, 1), term_end=D(2021, 1, 1)),
        lambda: make_office(term_start=D(2015, 1, 1), term_end=D(2016, 1, 1)),
    ),
    Case(
        "office",
        lambda m: {"ends_before": "2020-12-31"},
        lambda: make_office(term_end=D(2020, 6, 1)),
        lambda: make_office(term_end=D(2022, 6, 1)),
    ),
    # ballots
    Case("ballot", lambda m: {"committee": m.committee_id}, lambda: make_ballot(), lambda: make_ballot()),
    Case(
        "ballot",
        lambda m: {"committee_acronym": "iso/tc 176"},
        lambda: make_ballot(committee=org(acronym="ISO/TC 176")),
        lambda: make_ballot(committee=org(acronym="ISO/TC 34")),
    ),
    Case("ballot", lambda m: {"stage": "fdis"}, lambda: make_ballot(stage="fdis"), lambda: make_ballot(stage="cd")),
    Case(
        "ballot",
        lambda m: {"vote": "approve"},
        lambda: make_ballot(vote="approve"),
        lambda: make_ballot(vote="abstain"),
    ),
    Case(
        "ballot",
        lambda m: {"closes_after": "2020-01-01", "closes_before": "2020-12-31"},
        lambda: make_ballot(closes_on=D(2020, 6, 30)),
        lambda: make_ballot(closes_on=D(2021, 6, 30)),
    ),
    # agreements
    Case("agreement", lambda m: {"kind": "fta"}, lambda: make_agreement(kind="fta"), lambda: make_agreement()),
    Case(
        "agreement",
        lambda m: {"status": "in_force"},
        lambda: make_agreement(status="in_force"),
        lambda: make_agreement(status="signed"),
    ),
    Case("agreement", lambda m: {"slug": "evfta"}, lambda: make_agreement(slug="evfta"), lambda: make_agreement()),
    Case(
        "agreement",
        lambda m: {"parent": m.parent_id},
        lambda: make_agreement(parent=make_agreement()),
        lambda: make_agreement(parent=make_agreement()),
    ),
    Case(
        "agreement",
        lambda m: {"parent_slug": "mou-ru"},
        lambda: make_agreement(parent=make_agreement(slug="mou-ru")),
        lambda: make_agreement(parent=make_agreement(slug="mou-kr")),
    ),
    Case(
        "agreement",
        lambda m: {"organization": m.parties.get().organization_id},
        lambda: with_party(organization=org()),
        lambda: with_party(organization=org()),
    ),
    Case(
        "agreement",
        lambda m: {"organization_acronym": "rosstandart"},
        lambda: with_party(organization=org(acronym="Rosstandart")),
        lambda: with_party(organization=org(acronym="KATS")),
    ),
    Case(
        "agreement",
        lambda m: {"country": "RU"},
        lambda: with_party(country="RU"),
        lambda: with_party(country="KR"),
    ),
    Case(
        "agreement",
        lambda m: {"signed_after": "2018-01-01", "signed_before": "2018-12-31"},
        lambda: make_agreement(signed_on=D(2018, 6, 1)),
        lambda: make_agreement(signed_on=D(2019, 6, 30)),
    ),
    Case(
        "agreement",
        lambda m: {"in_force_on": "2020-12-31"},
        lambda: make_agreement(status="in_force", valid_from=D(2020, 8, 1)),
        lambda: make_agreement(status="signed", valid_from=D(2022, 1, 1)),
    ),
    Case(
        "agreement",
        lambda m: {"expires_before": "2021-12-31"},
        lambda: make_agreement(valid_until=D(2021, 12, 31)),
        lambda: make_agreement(valid_until=D(2030, 1, 1)),
    ),
    # commitments
    Case("commitment", lambda m: {"agreement": m.agreement_id}, lambda: make_commitment(), lambda: make_commitment()),
    Case(
        "commitment",
        lambda m: {"agreement_slug": "evfta"},
        lambda: make_commitment(agreement=make_agreement(slug="evfta", kind="fta")),
        lambda: make_commitment(agreement=make_agreement(slug="cptpp", kind="fta")),
    ),
    Case(
        "commitment",
        lambda m: {"agreement_kind": "plan"},
        lambda: make_commitment(agreement=make_agreement(kind="plan")),
        lambda: make_commitment(agreement=make_agreement(kind="fta")),
    ),
    Case(
        "commitment",
        lambda m: {"status": "implemented"},
        lambda: make_commitment(status="implemented"),
        lambda: make_commitment(status="in_progress"),
    ),
    Case(
        "commitment",
        lambda m: {"open": "true"},
        lambda: make_commitment(status="in_progress"),
        lambda: make_commitment(status="implemented"),
    ),
    Case(
        "commitment",
        lambda m: {"open": "false"},
        lambda: make_commitment(status="cancelled"),
        lambda: make_commitment(status="ongoing"),
    ),
    Case(
        "commitment",
        lambda m: {"responsible_unit": m.responsible_unit_id},
        lambda: make_commitment(responsible_unit=org()),
        lambda: make_commitment(responsible_unit=org()),
    ),
    Case(
        "commitment",
        lambda m: {"responsible_unit_acronym": "tbt"},
        lambda: make_commitment(responsible_unit=org(acronym="TBT")),
        lambda: make_commitment(responsible_unit=org(acronym="HTQT")),
    ),
    Case(
        "commitment",
        lambda m: {"deadline_before": "2021-12-31", "deadline_after": "2021-01-01"},
        lambda: make_commitment(deadline=D(2021, 6, 30)),
        lambda: make_commitment(deadline=D(2023, 6, 30)),
    ),
    # events
    Case("event", lambda m: {"kind": "workshop"}, lambda: make_event(kind="workshop"), lambda: make_event()),
    Case("event", lambda m: {"mode": "online"}, lambda: make_event(mode="online"), lambda: make_event()),
    Case("event", lambda m: {"forum": m.forum_id}, lambda: make_event(forum=org()), lambda: make_event(forum=org())),
    Case(
        "event",
        lambda m: {"forum_acronym": "apec"},
        lambda: make_event(forum=org(acronym="APEC")),
        lambda: make_event(forum=org(acronym="ASEAN")),
    ),
    Case("event", lambda m: {"country": "JP"}, lambda: make_event(country="JP"), lambda: make_event(country="VN")),
    Case(
        "event",
        lambda m: {"hosted_by_us": "true"},
        lambda: make_event(hosted_by_us=True),
        lambda: make_event(hosted_by_us=False),
    ),
    Case(
        "event",
        lambda m: {"chaired_by_us": "true"},
        lambda: make_event(chaired_by_us=True),
        lambda: make_event(chaired_by_us=False),
    ),
    Case(
        "event",
        lambda m: {"starts_after": "2020-01-01", "starts_before": "2020-12-31"},
        lambda: make_event(start_on=D(2020, 7, 1)),
        lambda: make_event(start_on=D(2019, 7, 1)),
    ),
    Case(
        "event",
        lambda m: {"active_on": "2019-11-30"},
        lambda: make_event(start_on=D(2019, 11, 28), end_on=D(2019, 12, 1)),
        lambda: make_event(start_on=D(2019, 11, 1), end_on=D(2019, 11, 2)),
    ),
    # delegations
    Case(
        "delegation",
        lambda m: {"direction": "incoming"},
        lambda: make_delegation(direction="incoming"),
        lambda: make_delegation(direction="outgoing"),
    ),
    Case(
        "delegation",
        lambda m: {"funding": "host"},
        lambda: make_delegation(funding="host"),
        lambda: make_delegation(funding="state_budget"),
    ),
    Case(
        "delegation",
        lambda m: {"event": m.event_id},
        lambda: make_delegation(event=make_event()),
        lambda: make_delegation(event=make_event()),
    ),
    Case(
        "delegation",
        lambda m: {"forum": m.forum_id},
        lambda: make_delegation(forum=org()),
        lambda: make_delegation(forum=org()),
    ),
    Case(
        "delegation",
        lambda m: {"forum_acronym": "apo"},
        lambda: make_delegation(forum=org(acronym="APO")),
        lambda: make_delegation(forum=org(acronym="ISO")),
    ),
    Case(
        "delegation",
        lambda m: {"counterpart": m.counterpart_id},
        lambda: make_delegation(counterpart=org()),
        lambda: make_delegation(counterpart=org()),
    ),
    Case(
        "delegation",
        lambda m: {"counterpart_acronym": "kats"},
        lambda: make_delegation(counterpart=org(acronym="KATS")),
        lambda: make_delegation(counterpart=org(acronym="JISC")),
    ),
    Case(
        "delegation",
        lambda m: {"person": m.memberships.get().person_id},
        lambda: with_member(make_person()),
        lambda: with_member(make_person()),
    ),
    Case(
        "delegation",
        lambda m: {"head": m.head_id},
        lambda: make_delegation(head=make_person()),
        lambda: make_delegation(head=make_person()),
    ),
    Case(
        "delegation",
        lambda m: {"country": "TW"},
        lambda: make_delegation(country="TW"),
        lambda: make_delegation(country="IN"),
    ),
    Case(
        "delegation",
        lambda m: {"starts_after": "2019-01-01", "starts_before": "2019-12-31"},
        lambda: make_delegation(start_on=D(2019, 11, 30)),
        lambda: make_delegation(start_on=D(2017, 11, 30)),
    ),
    # initiatives
    Case(
        "initiative",
        lambda m: {"status": "adopted"},
        lambda: make_initiative(status="adopted"),
        lambda: make_initiative(status="proposed"),
    ),
    Case(
        "initiative",
        lambda m: {"forum": m.forum_id},
        lambda: make_initiative(forum=org()),
        lambda: make_initiative(forum=org()),
    ),
    Case(
        "initiative",
        lambda m: {"forum_acronym": "apec"},
        lambda: make_initiative(forum=org(acronym="APEC")),
        lambda: make_initiative(forum=org(acronym="ASEAN")),
    ),
    Case(
        "initiative",
        lambda m: {"proposer": m.proposer_id},
        lambda: make_initiative(proposer=org()),
        lambda: make_initiative(proposer=org()),
    ),
    Case(
        "initiative",
        lambda m: {"event": m.event_id},
        lambda: make_initiative(event=make_event()),
        lambda: make_initiative(event=make_event()),
    ),
    Case(
        "initiative", lambda m: {"year": 2017}, lambda: make_initiative(year=2017), lambda: make_initiative(year=2020)
    ),
    Case(
        "initiative",
        lambda m: {"year_from": 2019, "year_to": 2020},
        lambda: make_initiative(year=2020),
        lambda: make_initiative(year=2017),
    ),
    # sources and reported figures
    Case(
        "source",
        lambda m: {"published_after": "2020-01-01", "published_before": "2020-12-31"},
        lambda: cited_source(published_on=D(2020, 7, 26)),
        lambda: cited_source(published_on=D(2015, 1, 1)),
    ),
    Case(
        "reportedfigure",
        lambda m: {"qualifier": "more_than"},
        lambda: figure(qualifier="more_than"),
        lambda: figure(qualifier="exact"),
    ),
    Case(
        "reportedfigure",
        lambda m: {"as_of_after": "2020-01-01", "as_of_before": "2020-12-31"},
        lambda: figure(as_of=D(2020, 7, 26)),
        lambda: figure(as_of=D(2016, 1, 1)),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_filter(api, case):
    match, other = case.match(), case.other()
    found = ids(api.get(reverse(f"api:{case.basename}-list"), **case.params(match)))
    assert match.pk in found and other.pk not in found


def test_every_filter_has_a_case():
    covered = {(case.basename, name) for case in CASES for name in case.params(_Dummy())}
    missing = []
    for endpoint in ENDPOINTS:
        filterset = resolve(endpoint.list_url()).func.cls.filterset_class
        missing += [(endpoint.basename, name) for name in filterset.base_filters if name not in GENERIC]
    assert sorted(set(missing) - covered) == []


def test_status_history_and_ordering_are_not_filters_on_hidden_rows(api, key):
    # A hidden status change must not make its agreement match a status filter:
    # the status filter reads the agreement's own current status only.
    agreement = make_agreement(status="signed")
    AgreementStatusChange.objects.create(
        agreement=agreement, status="terminated", year=2020, visibility="internal", source=agreement.source
    )
    assert agreement.pk not in ids(api.get("/api/v1/agreements/", key=key, status="terminated"))
