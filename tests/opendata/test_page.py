"""/vi/open-data/ and /en/open-data/: the package described in the visitor's
language, linked from the footer of every page, in a constant number of
queries once built."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from opendata import services
from tests.factories import make_agreement, make_organization
from tests.query_counts import check_query_counts


def test_the_page_in_vietnamese(public_records):
    page = Client().get("/vi/open-data/")
    assert page.status_code == 200
    text = page.content.decode()
    assert '<html lang="vi">' in text
    for expected in ("Dữ liệu mở", "Tải toàn bộ (ZIP)", "Giấy phép", "Các bảng", "Creative Commons Attribution 4.0"):
        assert expected in text
    assert 'href="/open-data/coopdb-open-data.zip"' in text
    assert 'href="/open-data/datapackage.json"' in text
    assert 'href="/api/v1/docs/"' in text
    assert "(phiên bản 1.0.1)" in text
    assert "Thứ tự trong danh sách" in text or "thứ tự trong danh sách" in text.lower()


def test_the_page_in_english(public_records):
    text = Client().get("/en/open-data/").content.decode()
    assert '<html lang="en">' in text
    for expected in ("Open data", "Download everything (ZIP)", "Licence", "(version 1.0.1)"):
        assert expected in text
    for table in ("organizations", "agreement-parties", "reported-figures", "delegation-members"):
        assert f'href="/open-data/data/{table}.csv"' in text
    assert "Dữ liệu mở" not in text


def test_open_data_is_linked_from_every_page():
    make_organization(slug="linked-org")
    client = Client()
    for language, address in (("vi", "/vi/"), ("en", "/en/organizations/"), ("vi", "/vi/search/?q=x")):
        assert f'href="/{language}/open-data/"' in client.get(address).content.decode(), address
    assert client.get("/open-data/")["Location"] == "/vi/open-data/"


def _queries(client) -> dict[str, int]:
    counts = {}
    for address in ("/vi/open-data/", "/en/open-data/", "/open-data/coopdb-open-data.zip"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(address).status_code == 200
        counts[address] = len(queries)
    return counts


def test_queries_once_built(request, public_records):
    """One query (the package's row) whatever the amount of data; the build
    itself runs only when the data changed."""
    client = Client()
    services.fresh_package()
    small = _queries(client)
    for n in range(30):
        make_agreement(slug=f"more-{n}")
    services.build()
    assert _queries(client) == small
    check_query_counts(request, "open data", small)
