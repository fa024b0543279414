"""Staff in Debian's Chromium: a spreadsheet import with its preview, and the
period report on the seed data (screenshots in test-artifacts/screenshots)."""

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.browser
PASSWORD = "staff-browser-test"


@pytest.fixture
def logged_in(page, live_server, transactional_db):
    # The site has no favicon (not this app's business): keep its 404 out of console_errors.
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=""))
    get_user_model().objects.create_superuser("staff", "staff@example.org", PASSWORD)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "staff")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    return page


def test_the_period_report_on_the_seed_data(logged_in, live_server, seed_data, screenshot):
    page = logged_in
    page.locator("#workflow-module a").nth(1).click()  # the period report, linked from the admin index
    page.fill("#id_start", "2015-01-01")
    page.fill("#id_end", "2020-12-31")
    page.locator("form.workflow-filter input[type=submit]").click()
    page.wait_for_selector("#section-ftas")
    screenshot("staff-03-report")

    counted = page.locator("#section-ftas .figure:not(.stated) .value").all_inner_texts()
    assert counted == ["13", "1"]  # in force in the period; RCEP signed, not yet in force
    assert page.locator("#section-ftas .figure.stated .value").inner_text().endswith(" 13")
    assert page.locator("#section-memberships .figure.stated .value").inner_text().endswith(" 14")
    assert page.locator("#section-chairs .figure .value").inner_text() == "4"
    assert page.locator("svg[role=img]").count() >= 4
    page.emulate_media(media="print")
    assert not page.locator("#header").is_visible()
    assert not page.locator(".report-actions").is_visible()
    screenshot("staff-04-report-print")
    assert page.console_errors == []
