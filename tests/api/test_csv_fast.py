"""The agreements' CSV built from values() rows (agreements.api.csv) is the
same file, byte for byte, as the one the serializers build, for every
audience; and it runs a fixed number of queries per chunk."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agreements.api.views import AgreementViewSet
from coopdb import datagen
from tests.api.conftest import create_key
from tests.factories import make_agreement, make_organization, make_party, make_status_change


def serializer_path(monkeypatch):
    monkeypatch.setattr(AgreementViewSet, "csv_values", lambda self, queryset: None)


def both_files(api, monkeypatch, key=None, **params):
    fast = api.get("/api/v1/agreements/", key=key, format="csv", **params)
    assert fast.status_code == 200, fast.content
    fast_bytes = b"".join(fast.streaming_content)
    with monkeypatch.context() as patch:
        serializer_path(patch)
        slow = api.get("/api/v1/agreements/", key=key, format="csv", **params)
        slow_bytes = b"".join(slow.streaming_content)
    return fast_bytes, slow_bytes


@pytest.fixture
def tricky():
    """Diacritics, empty and null values, hidden parents and organizations,
    formula-like text and children of every visibility."""
    hidden_parent = make_agreement(visibility="internal", title_vi="Hiệp định mẹ nội bộ")
    shown_parent = make_agreement(title_vi="Hiệp định khung", short_title_vi="KHUNG", title_en="Framework")
    child = make_agreement(
        parent=hidden_parent, title_vi="=Bản ghi nhớ «đo lường»", summary_vi="Tóm tắt, có dấu phẩy\nvà dòng mới",
        text_url="https://example.org/văn-bản", valid_until=None, signed_on=None,
    )  # fmt: skip
    make_agreement(parent=shown_parent, short_title_en="", status="terminated")
    make_party(agreement=child, organization=make_organization(visibility="internal"), signatory_vi="Ông Nguyễn Văn Ấ")
    make_party(agreement=child, organization=None, country="LA", role="witness")
    make_party(agreement=shown_parent, visibility="government")
    make_status_change(agreement=child, status="terminated", changed_on=None, year=2019, note_vi="Hết hiệu lực")
    make_status_change(agreement=child, status="signed", visibility="internal")


def test_the_fast_csv_equals_the_serializers_on_tricky_rows(api, monkeypatch, tricky):
    fast, slow = both_files(api, monkeypatch)
    assert fast == slow and fast.count(b"\r\n") == 4  # header and the three public agreements
    fast, slow = both_files(api, monkeypatch, key=create_key()[1])
    assert fast == slow


def test_the_fast_csv_equals_the_serializers_on_generated_data(api, monkeypatch):
    datagen.generate(agreements=120, seed=5)
    for key in (None, create_key()[1]):
        fast, slow = both_files(api, monkeypatch, key=key)
        assert fast == slow and fast.count(b"\r\n") > 40
    fast, slow = both_files(api, monkeypatch, kind=["fta", "mou"], ordering="title_vi")
    assert fast == slow


def test_the_fast_csv_equals_the_serializers_on_the_seed_data(api, monkeypatch, seed_data):
    fast, slow = both_files(api, monkeypatch)
    assert fast == slow and fast.count(b"\r\n") > 2


def test_the_fast_csv_runs_a_fixed_number_of_queries_per_chunk(api, monkeypatch):
    datagen.generate(agreements=60, seed=5)
    monkeypatch.setattr("api.viewsets.CSV_CHUNK", 10)
    with CaptureQueriesContext(connection) as queries:
        body = b"".join(api.get("/api/v1/agreements/", format="csv").streaming_content)
    chunks = -(-(body.count(b"\r\n") - 1) // 10)
    assert chunks >= 2
    for table in ("agreements_agreementparty", "agreements_agreementstatuschange"):
        assert sum(f'FROM "{table}"' in query["sql"] for query in queries) == chunks
