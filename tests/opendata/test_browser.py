"""A visitor finds the open data from the footer and downloads it, in
Debian's Chromium; screenshots in test-artifacts/screenshots/open-data-*.png."""

import zipfile

import pytest

pytestmark = pytest.mark.browser


def test_from_the_footer_to_the_download(live_server, seed_data, page, screenshot):
    page.set_default_timeout(15_000)
    page.goto(live_server.url + "/vi/")
    page.locator("footer").get_by_role("link", name="Dữ liệu mở", exact=True).click()
    page.wait_for_url(live_server.url + "/vi/open-data/")
    assert page.get_by_role("heading", level=1).inner_text() == "Dữ liệu mở"
    assert page.locator("main table").first.locator("tbody tr").count() >= 18
    screenshot("open-data-vi")
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải toàn bộ (ZIP)").click()
    path = download.value.path()
    with zipfile.ZipFile(path) as archive:
        assert "datapackage.json" in archive.namelist()
    page.get_by_role("navigation", name="Ngôn ngữ").get_by_role("link", name="English").click()
    page.wait_for_url(live_server.url + "/en/open-data/")
    page.locator("#table-agreements summary").click()
    screenshot("open-data-en")
    assert page.console_errors == []
