"""The API's documentation page (Swagger UI, /api/v1/docs/) in Debian's
Chromium: it renders every endpoint from local files only, and axe-core (the
copy that axe-playwright-python ships) finds no serious or critical
accessibility violation, operations folded and unfolded."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

BLOCKING = {"serious", "critical"}


def violations(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{rule['id']} ({rule['impact']}): {[node['target'] for node in rule['nodes']][:5]}"
        for rule in results.response["violations"]
        if rule["impact"] in BLOCKING
    ]


def test_the_docs_page_passes_axe(live_server, page, screenshot):
    page.set_default_timeout(20_000)
    requests_outside = []
    page.on("request", lambda request: request.url.startswith(live_server.url) or requests_outside.append(request.url))
    page.goto(live_server.url + "/api/v1/docs/")
    page.locator(".opblock").first.wait_for()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator(".opblock").count() == 27  # a list and a detail per endpoint, and the change feed
    assert violations(page) == []
    # A list and a detail unfolded (parameters, responses, examples), the
    # list's "Try it out" form, and one schema unfolded.
    summaries = page.locator(".opblock-summary-control")
    summaries.nth(0).click()
    summaries.nth(1).click()
    page.locator(".opblock-body").nth(1).wait_for()
    page.locator(".try-out__btn").first.click()
    page.locator(".models .model-box-control").first.click()
    screenshot("api-docs")
    assert violations(page) == []
    assert requests_outside == [] and page.console_errors == []
