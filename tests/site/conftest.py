"""Data for the public site's tests: a small, realistic public world, and a
set of hidden records and private fields that carry the SECRET marker."""

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from agreements.services import record_status_change
from tests.factories import (
    make_agreement,
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
)

# Every hidden record and private field carries this; no public response may.
SECRET = "zzsecret"

D = datetime.date


@pytest.fixture
def world(db):
    """Public records shaped like the seed: STAMEQ, ISO and a committee under it,
    Rosstandart's MoU and its implementation plan, an FTA with a TBT commitment,
    an APO chair, events, a delegation and an initiative."""
    stameq = make_organization(
        slug="stameq",
        acronym="STAMEQ",
        name_vi="Tổng cục Tiêu chuẩn Đo lường Chất lượng",
        name_en="Directorate for Standards, Metrology and Quality",
        kind="national_body",
        country="VN",
    )
    iso = make_organization(
        slug="iso",
        acronym="ISO",
        name_vi="Tổ chức Tiêu chuẩn hóa Quốc tế",
        name_en="International Organization for Standardization",
        country="CH",
    )
    tc176 = make_organization(
        slug="iso-tc-176", acronym="ISO/TC 176", name_vi="Ban kỹ thuật quản lý chất lượng", kind="committee", parent=iso
    )
    apo = make_organization(
        slug="apo",
        acronym="APO",
        name_vi="Tổ chức Năng suất châu Á",
        name_en="Asian Productivity Organization",
        kind="regional",
        country="JP",
        founded_on=D(1961, 5, 11),
    )
    rosstandart = make_organization(
        slug="rosstandart",
        acronym="Rosstandart",
        name_vi="Cơ quan Liên bang về Quy chuẩn Kỹ thuật và Đo lường Liên bang Nga",
        name_en="Federal Agency on Technical Regulating and Metrology",
        kind="national_body",
        country="RU",
    )
    # Open-ended memberships and offices count as current only while a source
    # confirms them (core.truth): these were confirmed today.
    confirmed = {"last_confirmed_on": timezone.localdate()}
    iso_membership = make_membership(member=stameq, organization=iso, since=D(1977, 1, 1), **confirmed)
    make_membership(member=stameq, organization=tc176, member_class="p_member", since_year=2000, **confirmed)
    make_membership(member=stameq, organization=apo, since=D(1996, 1, 1), **confirmed)

    mou = make_agreement(
        slug="mou-rosstandart",
        kind="mou",
        title_vi="Bản ghi nhớ hợp tác về tiêu chuẩn và đo lường với Rosstandart",
        title_en="Memorandum of understanding on cooperation in standards and metrology with Rosstandart",
        signed_on=D(2016, 5, 17),
        status="in_force",
    )
    plan = make_agreement(
        slug="plan-rosstandart-2018-2021",
        kind="plan",
        parent=mou,
        title_vi="Kế hoạch thực hiện Bản ghi nhớ với Rosstandart giai đoạn 2018–2021",
        title_en="Implementation plan of the MoU with Rosstandart, 2018–2021",
        signed_on=D(2018, 3, 1),
        valid_from=D(2018, 1, 1),
        valid_until=D(2021, 12, 31),
    )
    for agreement in (mou, plan):
        make_party(agreement=agreement, organization=stameq)
        make_party(agreement=agreement, organization=rosstandart)
    record_status_change(agreement=plan, status="signed", changed_on=D(2018, 3, 1))
    plan_action = make_commitment(
        agreement=plan, code="exchange", title_vi="Trao đổi chuyên gia đo lường", deadline=D(2021, 12, 31)
    )

    evfta = make_agreement(
        slug="evfta",
        kind="fta",
        short_title_vi="EVFTA",
        title_vi="Hiệp định Thương mại tự do Việt Nam – Liên minh châu Âu",
        title_en="EU–Vietnam Free Trade Agreement",
    )
    make_party(agreement=evfta, country="VN")
    record_status_change(agreement=evfta, status="negotiating", year=2012)
    record_status_change(agreement=evfta, status="signed", changed_on=D(2019, 6, 30))
    record_status_change(agreement=evfta, status="ratified", changed_on=D(2020, 6, 8))
    record_status_change(agreement=evfta, status="in_force", changed_on=D(2020, 8, 1))
    tbt = make_commitment(
        agreement=evfta,
        code="tbt",
        reference="Chương 5",
        title_vi="Hàng rào kỹ thuật trong thương mại",
        title_en="Technical barriers to trade",
        deadline=D(2025, 8, 1),
        status="ongoing",
        responsible_unit=stameq,
    )

    chair = make_office(
        slug="apo-chair", role="chair", body=apo, holder_organization=stameq, term_start=D(2019, 7, 1), **confirmed
    )
    hosted = make_event(
        slug="apo-governing-body",
        kind="annual_meeting",
        title_vi="Hội nghị thường niên APO",
        title_en="APO annual meeting",
        forum=apo,
        start_on=D(2019, 11, 28),
        end_on=D(2019, 11, 30),
        city_vi="Hà Nội",
        country="VN",
        hosted_by_us=True,
    )
    online = make_event(
        slug="accsq-online",
        title_vi="Hội nghị ACCSQ trực tuyến",
        start_on=D(2020, 6, 15),
        mode="online",
        chaired_by_us=True,
    )
    moscow = make_event(slug="moscow-visit", title_vi="Làm việc tại Moskva", start_on=D(2018, 3, 1), country="RU")
    head = make_person(slug="vu-tu-quyen", full_name="Vũ Tú Quyên", position_vi="Phó Vụ trưởng", unit=stameq)
    delegation = make_delegation(
        slug="delegation-moscow",
        title_vi="Đoàn công tác sang Liên bang Nga",
        counterpart=rosstandart,
        country="RU",
        start_on=D(2018, 3, 1),
        head=head,
        headcount=None,
        event=moscow,
    )
    initiative = make_initiative(
        slug="apec-smart-cities",
        title_vi="Sáng kiến về tiêu chuẩn và đánh giá sự phù hợp cho thành phố thông minh",
        title_en="Standards and conformity assessment for smart cities",
        year=2017,
        status="completed",
        proposer=stameq,
    )
    return SimpleNamespace(**locals())


@pytest.fixture
def secrets(world):
    """Hidden records linked to public ones, and private fields on public ones,
    every one carrying SECRET. ``counts`` is what the public may count."""
    w = world
    hidden_org = make_organization(
        slug=f"{SECRET}-org", acronym=f"{SECRET.upper()}ORG", name_vi=f"Tổ chức {SECRET}", visibility="internal"
    )
    gov_org = make_organization(
        slug=f"{SECRET}-gov", acronym=f"{SECRET}GOV", name_vi=f"Cơ quan {SECRET}", visibility="government", country="RU"
    )
    hidden_person = make_person(
        slug=f"{SECRET}-person", full_name=f"Người {SECRET}", visibility="internal", email=f"{SECRET}@example.org"
    )
    # Private fields on public records.
    w.head.email = f"{SECRET}-mail@example.org"
    w.head.phone = f"+84 {SECRET}"
    w.head.internal_note = f"note {SECRET}"
    w.head.save()
    w.mou.internal_note = f"note {SECRET}"
    w.mou.save()
    make_dues(membership=w.iso_membership, year=2020, amount="987654.32", currency="CHF", internal_note=SECRET)

    # Hidden organizations behind public records.
    child_of_hidden = make_organization(slug="child-of-hidden", acronym="CHILDH", parent=hidden_org)
    confirmed = {"last_confirmed_on": timezone.localdate()}
    make_membership(member=w.stameq, organization=hidden_org, **confirmed)
    make_membership(member=w.stameq, organization=gov_org, visibility="public", **confirmed)
    make_party(agreement=w.mou, organization=hidden_org)
    make_party(agreement=w.evfta, organization=gov_org)
    make_event(slug="event-hidden-forum", title_vi="Sự kiện công khai", forum=hidden_org, start_on=D(2019, 5, 5))
    make_office(
        slug="office-hidden-holder",
        role="secretary",
        body=w.apo,
        holder_organization=hidden_org,
        holder_person=hidden_person,
    )
    w.tbt.responsible_person = hidden_person
    w.tbt.save()
    make_delegation(
        slug="delegation-hidden-head", title_vi="Đoàn công tác công khai", head=hidden_person, counterpart=hidden_org
    )

    # Hidden records of every kind.
    hidden_mou = make_agreement(
        slug=f"{SECRET}-agreement", title_vi=f"Bản ghi nhớ {SECRET}", parent=w.mou, visibility="government"
    )
    make_agreement(slug="plan-under-hidden", kind="plan", title_vi="Kế hoạch công khai", parent=hidden_mou)
    make_agreement(slug=f"{SECRET}-fta", kind="fta", title_vi=f"FTA {SECRET}", visibility="internal", status="in_force")
    make_party(agreement=w.plan, organization=w.rosstandart, country="RU", visibility="internal", signatory=SECRET)
    make_commitment(agreement=w.evfta, code=SECRET, title_vi=f"Cam kết {SECRET}", visibility="internal")
    record_status_change(agreement=w.evfta, status="concluded", changed_on=D(2018, 7, 1), note=SECRET)
    w.evfta.status_changes.filter(status="concluded").update(visibility="internal")
    make_office(slug=f"{SECRET}-office", title_vi=f"Chủ tịch {SECRET}", body=w.apo, visibility="internal")
    make_office(slug="office-hidden-body", role="chair", body=hidden_org, holder_organization=w.stameq)
    make_event(slug=f"{SECRET}-event", title_vi=f"Hội nghị {SECRET}", start_on=D(2019, 11, 29), visibility="internal")
    make_event(
        slug=f"{SECRET}-event-now",
        title_vi=f"Hội nghị {SECRET}",
        start_on=datetime.date.today(),
        visibility="government",
    )
    make_delegation(slug=f"{SECRET}-delegation", title_vi=f"Đoàn {SECRET}", visibility="internal", country="RU")
    make_initiative(slug=f"{SECRET}-initiative", title_vi=f"Sáng kiến {SECRET}", visibility="government")
    w.delegation.memberships.create(person=hidden_person, role_vi=SECRET, source=w.delegation.source)
    return SimpleNamespace(hidden_org=hidden_org, gov_org=gov_org, child_of_hidden=child_of_hidden)
