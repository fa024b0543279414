"""A visitor's path through the public site, in Debian's Chromium, on the seed
data; a screenshot of each step lands in test-artifacts/screenshots/site-*.png."""

import re

import pytest

from agreements.models import Agreement
from organizations.models import Organization

pytestmark = pytest.mark.browser

PLAN = "stameq-rosstandart-plan-2018-2021"
MOU = "stameq-rosstandart-mou"


def test_visitor_path_desktop_and_phone(live_server, seed_data, page, screenshot, chromium):
    page.set_default_timeout(10_000)
    # 1. Home, in Vietnamese by default.
    page.goto(live_server.url + "/")
    assert page.url == live_server.url + "/vi/"
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.locator(".figures li").count() == 5
    screenshot("site-01-home")

    # 2. The language switcher keeps the visitor on the same page.
    page.get_by_role("navigation", name="Ngôn ngữ").get_by_role("link", name="English").click()
    page.wait_for_url(live_server.url + "/en/")
    assert page.locator("html").get_attribute("lang") == "en"
    screenshot("site-02-home-en")

    # 3. "hop tac" without diacritics finds the "hợp tác" records.
    page.get_by_role("combobox", name="Search the registry").fill("hop tac")
    page.get_by_role("combobox", name="Search the registry").press("Enter")
    page.wait_for_url(re.compile(r"/en/search/\?q=hop\+tac"))
    hop_tac = Organization.objects.filter(name_vi__icontains="hợp tác", visibility="public")
    assert hop_tac.exists()
    for organization in hop_tac:
        assert page.locator(f'a[href="/en/organizations/{organization.slug}/"]').count() == 1
    screenshot("site-03-search-hop-tac")

    # 4. Agreements, filtered by kind and partner country.
    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Agreements").click()
    page.get_by_label("Kind", exact=True).select_option("plan")
    page.get_by_label("Partner country").select_option("RU")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"kind=plan"))
    rows = page.locator("main table tbody tr")
    assert rows.count() == 1
    screenshot("site-04-agreements-filtered")

    # 5. The Rosstandart implementation plan...
    rows.first.get_by_role("link").first.click()
    page.wait_for_url(f"{live_server.url}/en/agreements/{PLAN}/")
    assert page.get_by_role("heading", level=1).inner_text() == str(Agreement.objects.get(slug=PLAN).title_en)
    screenshot("site-05-rosstandart-plan")

    # 6. ...and its parent MoU, which lists the plan under it.
    page.locator('a[rel="up"]').click()
    page.wait_for_url(f"{live_server.url}/en/agreements/{MOU}/")
    assert page.locator(f'a[href="/en/agreements/{PLAN}/"]').count() >= 1
    screenshot("site-06-parent-mou")

    # 7. The partner timeline for Russia, from the party's country link.
    page.get_by_role("link", name="Russia", exact=True).first.click()
    page.wait_for_url(f"{live_server.url}/en/partners/country/RU/")
    assert page.locator(f'.timeline a[href="/en/agreements/{PLAN}/"]').count() == 1
    assert page.locator(f'.timeline a[href="/en/agreements/{MOU}/"]').count() == 1
    screenshot("site-07-timeline-russia")
    assert page.console_errors == []

    # 8. A phone-sized window: home and an agreement page still read well.
    phone = chromium.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN", is_mobile=True)
    try:
        mobile = phone.new_page()
        errors = []
        mobile.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
        mobile.on("pageerror", lambda exc: errors.append(str(exc)))
        mobile.goto(live_server.url + "/vi/")
        assert _no_horizontal_scroll(mobile)
        screenshot("site-08-phone-home", target=mobile)
        mobile.goto(f"{live_server.url}/vi/agreements/{MOU}/")
        assert _no_horizontal_scroll(mobile)
        screenshot("site-09-phone-agreement", target=mobile)
        mobile.goto(f"{live_server.url}/vi/agreements/")  # a wide, sortable table
        assert _no_horizontal_scroll(mobile)
        assert errors == []
    finally:
        phone.close()


def _no_horizontal_scroll(page) -> bool:
    """The page fits the phone's width (wide tables scroll inside their own box)."""
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
