"""Small builders for test data: real rows in the PostgreSQL test database.

Each builder takes keyword overrides; anything not given gets a plain,
unique default. Tests say what matters to them and nothing else.
"""

import datetime
import itertools

from agreements.models import Agreement, AgreementParty, AgreementStatusChange, Commitment
from core.models import Source
from events.models import Delegation, Event, Initiative
from organizations.models import Ballot, Dues, Membership, Office, Organization, OrganizationName, Person

_counter = itertools.count(1)


def _n() -> int:
    return next(_counter)


def make_source(**kw) -> Source:
    n = _n()
    kw.setdefault("key", f"source-{n}")
    kw.setdefault("title_vi", f"Nguồn {n}")
    return Source.objects.create(**kw)


def _record(kw):
    if "source" not in kw:
        kw["source"] = make_source()
    kw.setdefault("visibility", "public")
    return kw


def make_organization(**kw) -> Organization:
    n = _n()
    kw.setdefault("slug", f"org-{n}")
    kw.setdefault("acronym", f"ORG{n}")
    kw.setdefault("name_vi", f"Tổ chức {n}")
    kw.setdefault("kind", "international")
    return Organization.objects.create(**_record(kw))


def make_organization_name(**kw) -> OrganizationName:
    n = _n()
    kw.setdefault("key", f"name-{n}")
    kw.setdefault("organization", kw.get("organization") or make_organization())
    kw.setdefault("name_vi", f"Tên cũ {n}")
    kw.setdefault("valid_until", datetime.date(2010, 6, 8))
    return OrganizationName.objects.create(**_record(kw))


def make_membership(**kw) -> Membership:
    kw.setdefault("member", kw.get("member") or make_organization(kind="national_body"))
    kw.setdefault("organization", kw.get("organization") or make_organization())
    return Membership.objects.create(**_record(kw))


def make_dues(**kw) -> Dues:
    kw.setdefault("membership", kw.get("membership") or make_membership())
    kw.setdefault("year", 2020)
    return Dues.objects.create(**_record(kw))


def make_person(**kw) -> Person:
    n = _n()
    kw.setdefault("slug", f"person-{n}")
    kw.setdefault("full_name", f"Nguyễn Văn {n}")
    return Person.objects.create(**_record(kw))


def make_office(**kw) -> Office:
    n = _n()
    kw.setdefault("slug", f"office-{n}")
    kw.setdefault("role", "chair")
    kw.setdefault("body", kw.get("body") or make_organization(kind="committee"))
    if "holder_person" not in kw and "holder_organization" not in kw:
        kw["holder_organization"] = make_organization(kind="national_body")
    return Office.objects.create(**_record(kw))


def make_ballot(**kw) -> Ballot:
    n = _n()
    kw.setdefault("committee", kw.get("committee") or make_organization(kind="committee"))
    kw.setdefault("reference", f"ISO/DIS {10000 + n}")
    kw.setdefault("closes_on", datetime.date(2020, 6, 30))
    return Ballot.objects.create(**_record(kw))


def make_agreement(**kw) -> Agreement:
    n = _n()
    kw.setdefault("slug", f"agreement-{n}")
    kw.setdefault("kind", "mou")
    kw.setdefault("title_vi", f"Bản ghi nhớ hợp tác {n}")
    return Agreement.objects.create(**_record(kw))


def make_party(**kw) -> AgreementParty:
    kw.setdefault("agreement", kw.get("agreement") or make_agreement())
    if "organization" not in kw and "country" not in kw:
        kw["organization"] = make_organization(kind="national_body")
    return AgreementParty.objects.create(**_record(kw))


def make_status_change(**kw) -> AgreementStatusChange:
    kw.setdefault("agreement", kw.get("agreement") or make_agreement())
    kw.setdefault("status", "signed")
    kw.setdefault("changed_on", datetime.date(2018, 1, 1))
    return AgreementStatusChange.objects.create(**_record(kw))


def make_commitment(**kw) -> Commitment:
    n = _n()
    kw.setdefault("agreement", kw.get("agreement") or make_agreement(kind="fta"))
    kw.setdefault("code", f"c{n}")
    kw.setdefault("title_vi", f"Cam kết {n}")
    return Commitment.objects.create(**_record(kw))


def make_event(**kw) -> Event:
    n = _n()
    kw.setdefault("slug", f"event-{n}")
    kw.setdefault("title_vi", f"Hội nghị {n}")
    kw.setdefault("start_on", datetime.date(2019, 11, 30))
    return Event.objects.create(**_record(kw))


def make_delegation(**kw) -> Delegation:
    n = _n()
    kw.setdefault("slug", f"delegation-{n}")
    kw.setdefault("title_vi", f"Đoàn công tác {n}")
    if "head" not in kw and "headcount" not in kw:
        kw["headcount"] = 3
    return Delegation.objects.create(**_record(kw))


def make_initiative(**kw) -> Initiative:
    n = _n()
    kw.setdefault("slug", f"initiative-{n}")
    kw.setdefault("title_vi", f"Sáng kiến {n}")
    kw.setdefault("year", 2017)
    return Initiative.objects.create(**_record(kw))
