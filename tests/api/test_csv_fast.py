"""The CSV exports PostgreSQL builds (api.csv_sql: COPY … TO STDOUT) are the
same files, byte for byte, as the ones the serializers build, for every
audience; their columns come from the serializers; and an export is one
COPY whatever its size."""

import datetime
from urllib.parse import parse_qsl

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from psycopg.pq import TransactionStatus
from rest_framework import serializers

import coopdb.urls  # noqa: F401  (every endpoint's viewset)
from agreements.api import csv as agreements_csv
from agreements.api.serializers import AgreementSerializer
from agreements.models import Agreement, AgreementParty
from api import csv_sql
from api.renderers import columns
from api.viewsets import RecordViewSet
from coopdb import datagen
from core.choices import Audience
from core.models import Source
from tests.api.conftest import ENDPOINTS, create_key
from tests.factories import (
    make_agreement,
    make_organization,
    make_organization_name,
    make_party,
    make_source,
    make_status_change,
)


def _viewsets(base) -> list:
    return [viewset for sub in base.__subclasses__() for viewset in (sub, *_viewsets(sub))]


PATHS = tuple(
    f"/api/v1/{name}/"
    for name in (
        "agreements",
        "commitments",
        "events",
        "organizations",
        "people",
        "ballots",
        "initiatives",
        "memberships",
        "offices",
        "dues",
        "delegations",
    )  # fmt: skip
)
# Every list exported by COPY (the endpoints' modules are imported by the URLs).
COPIED = sorted({viewset for viewset in _viewsets(RecordViewSet) if viewset.csv_copy is not None}, key=str)


def both_files(api, monkeypatch, key=None, path="/api/v1/agreements/", **params):
    fast = api.get(path, key=key, format="csv", **params)
    assert fast.status_code == 200, fast.content
    fast_bytes = b"".join(fast.streaming_content)
    with monkeypatch.context() as patch:
        for viewset in COPIED:
            patch.setattr(viewset, "csv_copy", None)  # the serializers' rows
        slow = api.get(path, key=key, format="csv", **params)
        slow_bytes = b"".join(slow.streaming_content)
    return fast_bytes, slow_bytes


def same_files(api, monkeypatch, **params) -> bytes:
    fast, slow = both_files(api, monkeypatch, **params)
    assert fast.decode() == slow.decode()  # a readable diff first
    assert fast == slow
    return fast


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
    assert same_files(api, monkeypatch).count(b"\r\n") == 4  # header and the three public agreements
    same_files(api, monkeypatch, key=create_key()[1])


@pytest.fixture
def odd_text():
    """What Python's csv module and PostgreSQL's COPY could write differently:
    quotes, carriage returns, every formula prefix, leading blanks, a lone
    ``\\.``, control characters, backslashes and slashes in the nested JSON."""
    source = make_source(key="+source", title_vi='Nguồn "trích dẫn"\r\nhai dòng', title_en="\\.", url="")
    texts = ["-âm", "@tên", "\tthụt", "\rđầu", " cách", "a,b", 'ngoặc "kép"', "\\.", "x\\y/z", "\x01\x1f\x7f"]
    for n, text in enumerate(texts):
        agreement = make_agreement(slug=f"odd-{n}", title_vi=text, title_en=text, summary_vi=text, source=source,
                                   text_url="", short_title_vi="")  # fmt: skip
        make_party(agreement=agreement, organization=make_organization(acronym=text, name_en=""), signatory_vi=text)
        make_party(agreement=agreement, organization=None, country="KH", signatory_en=text)
        make_status_change(agreement=agreement, note_vi=text, note_en="", year=2019, changed_on=None)


def test_the_fast_csv_equals_the_serializers_on_odd_text(api, monkeypatch, odd_text):
    body = same_files(api, monkeypatch)
    assert b'"ngo\xe1\xba\xb7c ""k\xc3\xa9p"""' in body and b"'-\xc3\xa2m" in body


@pytest.mark.parametrize("zone", ["Asia/Ho_Chi_Minh", "UTC", "America/St_Johns"])
def test_the_fast_csv_writes_times_and_days_as_drf_does(api, monkeypatch, settings, zone):
    """Timestamps in the current time zone (with and without microseconds, a
    half-hour and a historical offset in seconds, UTC as Z); a leap day."""
    settings.TIME_ZONE = zone
    times = [
        datetime.datetime(2024, 3, 1, 9, 5, 7, tzinfo=datetime.UTC),
        datetime.datetime(2024, 7, 1, 23, 59, 59, 120, tzinfo=datetime.UTC),
        datetime.datetime(1899, 12, 31, 17, 0, 0, 999999, tzinfo=datetime.UTC),
    ]
    for moment in times:
        agreement = make_agreement()
        Agreement.objects.filter(pk=agreement.pk).update(created_at=moment, updated_at=moment)
    Source.objects.update(published_on=datetime.date(2024, 2, 29))
    same_files(api, monkeypatch)


def test_the_fast_csv_equals_the_serializers_on_generated_data(api, monkeypatch):
    datagen.generate(agreements=120, seed=5)
    key = create_key()[1]
    for path in PATHS:
        for caller in (None, key):
            assert same_files(api, monkeypatch, key=caller, path=path).count(b"\r\n") >= 2  # a header and rows
    same_files(api, monkeypatch, kind=["fta", "mou"], ordering="title_vi")
    same_files(api, monkeypatch, q="hop tac")
    page = api.get("/api/v1/agreements/", limit=7).json()["next"]
    same_files(api, monkeypatch, path=page.split("?")[0], **dict(parse_qsl(page.split("?")[1])))


@pytest.mark.parametrize("viewset", COPIED, ids=lambda viewset: viewset.__name__)
def test_every_copied_list_equals_the_serializers_on_built_records(api, monkeypatch, viewset):
    """Each endpoint's builder fills every optional reference and nested row,
    at every level, with formula-like text, quotes and line breaks."""
    endpoint = next(e for e in ENDPOINTS if e.basename == viewset.queryset.model._meta.model_name)
    for visibility in ("public", "government", "internal"):
        for text in (None, "=tổng(1)", 'tên "kép",\r\nhai dòng'):
            endpoint.build(visibility=visibility, text=text)
    union = make_organization(member_countries=["FR", "DE", "AT"], acronym="-EU")
    for visibility in ("public", "government", "internal"):
        make_organization_name(organization=union, visibility=visibility, name_en="")
    path = endpoint.list_url()
    assert same_files(api, monkeypatch, path=path).count(b"\r\n") >= 4
    same_files(api, monkeypatch, path=path, key=create_key()[1])


def test_the_fast_csv_equals_the_serializers_on_the_seed_data(api, monkeypatch, seed_data):
    assert same_files(api, monkeypatch).count(b"\r\n") > 2


def test_the_fast_csv_is_one_copy_whatever_the_size(api):
    datagen.generate(agreements=60, seed=5)
    with CaptureQueriesContext(connection) as queries:
        body = b"".join(api.get("/api/v1/agreements/", format="csv").streaming_content)
    assert body.count(b"\r\n") > 30
    assert [query["sql"].split()[0] for query in queries] == ["SELECT", "COPY"]  # the validators, the rows


def test_the_connection_is_free_before_the_body_is_read(api):
    """The COPY has ended when the view returns: middleware, or the next
    request on this thread, may query while the body is still being sent
    (a half-read COPY would hold the connection, and psycopg's lock on it)."""
    datagen.generate(agreements=200, seed=5)
    response = api.get("/api/v1/agreements/", format="csv")
    assert connection.connection.info.transaction_status != TransactionStatus.ACTIVE
    assert AgreementParty.objects.count() > 0
    chunks = iter(response.streaming_content)
    assert next(chunks).startswith(b"\xef\xbb\xbfid,") and len(next(chunks)) == csv_sql.CHUNK_BYTES
    response.close()  # a download cut short: nothing left to cancel


@pytest.mark.parametrize("viewset", COPIED, ids=lambda viewset: viewset.__name__)
def test_the_copied_columns_are_the_serializers(viewset, rf):
    request = rf.get("/")
    view = viewset(request=request, format_kwarg=None, action="list", kwargs={}, fixed_audience=Audience.PUBLIC)
    serializer = view.get_serializer()
    queryset = viewset.queryset.model.objects.all()
    _, _, names = csv_sql.statement(queryset, serializer, viewset.csv_copy, request=request, audience="public")
    assert names == columns(serializer)


def test_a_column_the_sql_cannot_build_is_an_error_not_a_gap(rf):
    class Grown(AgreementSerializer):
        score = serializers.SerializerMethodField()

        class Meta(AgreementSerializer.Meta):
            fields = [*AgreementSerializer.Meta.fields, "score"]

        def get_score(self, agreement):
            return 1

    serializer = Grown(context={"request": rf.get("/"), "audience": "public"})
    with pytest.raises(NotImplementedError, match="score"):
        csv_sql.statement(Agreement.objects.all(), serializer, agreements_csv.PLAN, request=rf.get("/"),
                          audience="public")  # fmt: skip
