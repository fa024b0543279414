"""Fixtures and per-endpoint builders for the REST API tests.

Every builder creates one complete record of its endpoint (optional
references, nested rows and private fields all filled), with the private
fields holding the PRIVATE_MARKERS, which must appear in no API response.
"""

import datetime
import decimal
import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from agreements.models import AgreementStatusChange
from api.models import Ministry, MinistryAPIKey
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
from tests.leaks import amount, word

NOTE = "PRIVATE-NOTE-7Q2X"
EMAIL = "private-mail-7q2x@example.org"
PHONE = "+84 PRIVATE 7Q2X"
AMOUNT = decimal.Decimal("987654.32")
CURRENCY = "XAU"
PRIVATE_MARKERS = (word(NOTE), word(EMAIL), word("7q2x"), word("7Q2X"), amount(str(AMOUNT)), word(CURRENCY))


def _text(text, default):
    return text if text is not None else default


def build_organization(visibility="public", text=None):
    return make_organization(
        visibility=visibility,
        internal_note=NOTE,
        name_vi=_text(text, "Tổ chức quốc tế"),
        name_en="International body",
        description_vi="Mô tả",
        parent=make_organization(),
        country="VN",
        founded_on=datetime.date(1961, 5, 11),
    )


def build_membership(visibility="public", text=None):
    return make_membership(
        visibility=visibility,
        internal_note=NOTE,
        note_vi=_text(text, "Thành viên đầy đủ"),
        since=datetime.date(1996, 1, 1),
        represents="VN",
    )


def build_dues(visibility="public", text=None):
    membership = make_membership(organization=make_organization(name_vi=_text(text, "Tổ chức thu niên liễm")))
    return make_dues(
        visibility=visibility,
        internal_note=NOTE,
        membership=membership,
        amount=AMOUNT,
        currency=CURRENCY,
        due_on=datetime.date(2020, 3, 31),
        paid_on=datetime.date(2020, 3, 1),
    )


def build_person(visibility="public", text=None):
    return make_person(
        visibility=visibility,
        internal_note=NOTE,
        full_name=_text(text, "Vũ Tú Quyên"),
        position_vi="Phó Vụ trưởng",
        unit=make_organization(kind="unit"),
        email=EMAIL,
        phone=PHONE,
    )


def build_office(visibility="public", text=None):
    return make_office(
        visibility=visibility,
        internal_note=NOTE,
        title_vi=_text(text, "Chủ tịch"),
        holder_organization=make_organization(kind="national_body"),
        holder_person=make_person(email=EMAIL, phone=PHONE),
        term_start=datetime.date(2019, 1, 1),
    )


def build_ballot(visibility="public", text=None):
    return make_ballot(visibility=visibility, internal_note=NOTE, title_vi=_text(text, "Dự thảo tiêu chuẩn"))


def build_agreement(visibility="public", text=None):
    agreement = make_agreement(
        visibility=visibility,
        internal_note=NOTE,
        title_vi=_text(text, "Bản ghi nhớ"),
        title_en="Memorandum",
        parent=make_agreement(),
        status="in_force",
        signed_on=datetime.date(2018, 6, 1),
        valid_from=datetime.date(2018, 6, 1),
    )
    make_party(agreement=agreement, internal_note=NOTE, country="RU", signed_on=datetime.date(2018, 6, 1))
    AgreementStatusChange.objects.create(
        agreement=agreement, status="signed", changed_on=datetime.date(2018, 6, 1), source=agreement.source
    )
    return agreement


def build_commitment(visibility="public", text=None):
    return make_commitment(
        visibility=visibility,
        internal_note=NOTE,
        title_vi=_text(text, "Hàng rào kỹ thuật"),
        responsible_unit=make_organization(kind="unit"),
        responsible_person=make_person(email=EMAIL, phone=PHONE),
        deadline=datetime.date(2021, 12, 31),
    )


def build_event(visibility="public", text=None):
    return make_event(
        visibility=visibility,
        internal_note=NOTE,
        title_vi=_text(text, "Hội nghị thường niên"),
        forum=make_organization(),
    )


def build_delegation(visibility="public", text=None):
    delegation = make_delegation(
        visibility=visibility,
        internal_note=NOTE,
        title_vi=_text(text, "Đoàn công tác"),
        event=make_event(),
        forum=make_organization(),
        counterpart=make_organization(),
        head=make_person(email=EMAIL, phone=PHONE),
        start_on=datetime.date(2019, 11, 30),
    )
    DelegationMember.objects.create(
        delegation=delegation, person=make_person(email=EMAIL), source=delegation.source, internal_note=NOTE
    )
    return delegation


def build_initiative(visibility="public", text=None):
    return make_initiative(
        visibility=visibility,
        internal_note=NOTE,
        title_vi=_text(text, "Sáng kiến thành phố thông minh"),
        forum=make_organization(),
        proposer=make_organization(),
        event=make_event(),
    )


_figures = itertools.count(1)


def build_figure(visibility="public", text=None, source=None):
    return ReportedFigure.objects.create(
        key=f"figure-{next(_figures)}",
        label_vi=_text(text, "Số tổ chức quốc tế"),
        value=14,
        visibility=visibility,
        internal_note=NOTE,
        source=source or make_source(),
    )


def build_source(visibility="public", text=None):
    """A source is as visible as the records citing it: cite it from one figure."""
    source = make_source(title_vi=_text(text, "Bài báo VietQ"))
    build_figure(visibility=visibility, source=source)
    return source


@dataclass(frozen=True)
class Endpoint:
    basename: str
    build: Callable[..., Any]

    def list_url(self):
        return reverse(f"api:{self.basename}-list")

    def detail_url(self, pk):
        return reverse(f"api:{self.basename}-detail", args=[pk])

    def __str__(self):
        return self.basename


ENDPOINTS = [
    Endpoint("organization", build_organization),
    Endpoint("membership", build_membership),
    Endpoint("dues", build_dues),
    Endpoint("person", build_person),
    Endpoint("office", build_office),
    Endpoint("ballot", build_ballot),
    Endpoint("agreement", build_agreement),
    Endpoint("commitment", build_commitment),
    Endpoint("event", build_event),
    Endpoint("delegation", build_delegation),
    Endpoint("initiative", build_initiative),
    Endpoint("source", build_source),
    Endpoint("reportedfigure", build_figure),
]
ENDPOINT_IDS = [endpoint.basename for endpoint in ENDPOINTS]


@pytest.fixture(autouse=True)
def _fresh_throttles(settings):
    """Generous limits and empty counters: only the throttle tests throttle."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"ministry_key": "100000/minute", "anonymous": "100000/minute"},
    }
    cache.clear()
    yield
    cache.clear()


def create_key(*, expiry_date=None, revoked=False, last_used_at=None) -> tuple[MinistryAPIKey, str]:
    ministry = Ministry.objects.create(name_vi="Bộ Công Thương", name_en="Ministry of Industry and Trade")
    api_key, key = MinistryAPIKey.objects.create_key(ministry=ministry, name="integration", expiry_date=expiry_date)
    if revoked:
        api_key.revoked = True
        api_key.save()
    if last_used_at:
        MinistryAPIKey.objects.filter(pk=api_key.pk).update(last_used_at=last_used_at)
    return api_key, key


@pytest.fixture
def key():
    """A valid ministry key (already used this minute, so no last-used write)."""
    return create_key(last_used_at=timezone.now())[1]


class ApiClient:
    """``get(url, key=..., **params)`` returning the response, JSON parsed as ``.json()``."""

    def __init__(self):
        self.client = Client(raise_request_exception=True)

    def get(self, url, key=None, headers=None, **params):
        headers = dict(headers or {})
        if key:
            headers["X-Api-Key"] = key
        return self.client.get(url, params, headers=headers)

    def request(self, method, url, key=None, **kwargs):
        headers = kwargs.pop("headers", {})
        if key:
            headers["X-Api-Key"] = key
        return getattr(self.client, method)(url, headers=headers, **kwargs)


@pytest.fixture
def api():
    return ApiClient()


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def all_pages(api, url, key=None, **params) -> list[dict]:
    rows, response = [], api.get(url, key=key, **params)
    while True:
        assert response.status_code == 200, response.content
        body = response.json()
        rows += body["results"]
        if not body["next"]:
            return rows
        response = api.get(body["next"], key=key)
