"""The audit's dataset: the site's public ``world`` and its ``secrets``, plus
records of every kind where each hidden record and private field carries its
own marker. INTERNAL markers may reach nobody outside the admin; GOVERNMENT
markers only a ministry key."""

import datetime
import uuid
from types import SimpleNamespace

import pytest

from core.models import ReportedFigure
from events.models import DelegationMember
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
from tests.site.conftest import secrets, world  # noqa: F401  (fixtures reused here)

D = datetime.date


def marker(kind: str) -> str:
    return f"leak{kind}{uuid.uuid4().hex[:10]}"


@pytest.fixture
def leaks(secrets):  # noqa: F811
    internal, government = [], []

    def hidden(kind="int"):
        value = marker(kind)
        (internal if kind == "int" else government).append(value)
        return value

    int_org = make_organization(slug=hidden(), acronym=hidden(), name_vi=hidden(), visibility="internal")
    gov_org = make_organization(
        slug=hidden("gov"), acronym=hidden("gov"), name_vi=hidden("gov"), visibility="government"
    )
    int_person = make_person(slug=hidden(), full_name=hidden(), email=f"{hidden()}@x.org", visibility="internal")
    public_person = make_person(
        slug="public-person", full_name="Trần Thị Công Khai", email=f"{hidden()}@x.org", phone=hidden()
    )
    pub_org = make_organization(
        slug="public-org", acronym="PUBORG", name_vi="Tổ chức công khai", internal_note=hidden()
    )

    # Public records pointing at hidden ones.
    make_organization(slug="child-of-int", acronym="CHILDINT", name_vi="Con công khai", parent=int_org)
    make_membership(member=pub_org, organization=gov_org, note_vi="Thành viên công khai")
    make_membership(member=pub_org, organization=int_org)
    pub_membership = make_membership(member=pub_org, organization=make_organization(slug="iec-like", acronym="IECX"))
    make_dues(membership=pub_membership, year=2021, amount="13579.24", currency="XPT", internal_note=hidden())
    public_mou = make_agreement(slug="public-mou", title_vi="Bản ghi nhớ công khai", internal_note=hidden())
    make_party(agreement=public_mou, organization=int_org, signatory=hidden())
    make_party(agreement=public_mou, organization=gov_org)
    make_party(agreement=public_mou, organization=pub_org, internal_note=hidden())
    make_agreement(slug=hidden(), kind="plan", title_vi=hidden(), parent=public_mou, visibility="internal")
    int_mou = make_agreement(slug=hidden(), title_vi=hidden(), visibility="internal")
    make_agreement(slug="plan-of-int-mou", kind="plan", title_vi="Kế hoạch công khai", parent=int_mou)
    make_commitment(
        agreement=public_mou,
        code="pubc",
        title_vi="Cam kết công khai",
        responsible_unit=int_org,
        responsible_person=int_person,
        internal_note=hidden(),
    )
    make_commitment(agreement=public_mou, code="pubc2", title_vi="Cam kết hai", responsible_person=public_person)
    make_event(slug="event-in-int-forum", title_vi="Sự kiện diễn đàn", forum=int_org, internal_note=hidden())
    make_event(slug="event-in-gov-forum", title_vi="Sự kiện chính phủ", forum=gov_org, start_on=D(2020, 2, 2))
    delegation = make_delegation(
        slug="delegation-int-head",
        title_vi="Đoàn công khai",
        head=int_person,
        counterpart=gov_org,
        forum=int_org,
        event=make_event(slug=hidden(), title_vi=hidden(), visibility="internal"),
        internal_note=hidden(),
    )
    DelegationMember.objects.create(delegation=delegation, person=int_person, source=delegation.source)
    DelegationMember.objects.create(delegation=delegation, person=public_person, source=delegation.source)
    make_initiative(slug="initiative-int-forum", title_vi="Sáng kiến công khai", forum=int_org, proposer=gov_org)
    make_office(
        slug="office-int-holder", role="chair", body=pub_org, holder_person=int_person, holder_organization=int_org
    )
    make_ballot(committee=pub_org, reference="ISO/DIS 99999", comment=hidden(), visibility="internal")
    make_ballot(committee=int_org, reference=hidden())

    # Hidden records of every kind.
    make_event(slug=hidden("gov"), title_vi=hidden("gov"), visibility="government", start_on=D(2019, 11, 10))
    make_delegation(slug=hidden(), title_vi=hidden(), visibility="internal")
    make_initiative(slug=hidden("gov"), title_vi=hidden("gov"), visibility="government")
    make_office(slug=hidden(), title_vi=hidden(), body=pub_org, visibility="internal")
    make_commitment(agreement=public_mou, code=hidden(), title_vi=hidden(), visibility="internal")
    make_agreement(slug=hidden("gov"), kind="fta", title_vi=hidden("gov"), visibility="government")
    ReportedFigure.objects.create(
        key=hidden(), label_vi=hidden(), value=7, visibility="internal", source=make_source(title_vi=hidden())
    )
    return SimpleNamespace(
        internal=internal, government=government, int_org=int_org, gov_org=gov_org, int_person=int_person
    )
