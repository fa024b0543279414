"""Suggestions under the header's search box as a visitor types (issue 14,
point 1), in Debian's Chromium on the seed data, under the site's
Content-Security-Policy: the WAI-ARIA combobox, driven with the keyboard to
the record; axe-core with the list open, desktop and phone; and the plain form
without JavaScript."""

import json
import re

import pytest
from django.utils import translation

from public.selectors.search import suggestions
from tests.browser.test_axe import WIDTHS, _axe

pytestmark = pytest.mark.browser

SUGGEST = re.compile(r"/search/suggest/\?")


def _new_page(chromium, *, width=1366, **options):
    context = chromium.new_context(viewport={"width": width, "height": 900}, is_mobile=width < 500, **options)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.errors = []  # console errors (a CSP refusal is one) and uncaught exceptions
    page.on("console", lambda msg: msg.type == "error" and page.errors.append(msg.text))
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.suggest_requests = []
    page.on("request", lambda request: SUGGEST.search(request.url) and page.suggest_requests.append(request.url))
    return context, page


def _type(page, words):
    box = page.locator("#site-search")
    box.fill("")
    box.press_sequentially(words, delay=40)  # faster than the 200 ms debounce
    listbox = page.get_by_role("listbox")
    listbox.wait_for(state="visible")
    return box, listbox


def _expected_urls(query, lang):
    with translation.override(lang):
        return [item.url for item in suggestions(query=query)]


def test_apo_and_hop_ta_by_keyboard_to_the_record(live_server, seed_data, chromium, screenshot):
    context, page = _new_page(chromium)
    try:
        page.goto(live_server.url + "/vi/")
        box = page.locator("#site-search")
        assert box.get_attribute("role") == "combobox" and box.get_attribute("aria-expanded") == "false"
        box, listbox = _type(page, "APO")
        assert len(page.suggest_requests) == 1, page.suggest_requests  # debounced: one request for three keys
        assert box.get_attribute("aria-expanded") == "true"
        assert box.get_attribute("aria-controls") == listbox.get_attribute("id")
        assert listbox.get_attribute("aria-label") == "Gợi ý"
        options = listbox.get_by_role("option")
        expected = _expected_urls("APO", "vi")
        assert options.count() == len(expected) == 8
        assert options.first.inner_text().startswith("APO — Tổ chức Năng suất châu Á")
        assert options.first.locator("mark").all_inner_texts() == ["APO"]  # the words typed, in bold
        status = page.locator(".search-box [role=status]")
        assert status.inner_text() == "Có 8 gợi ý. Dùng phím mũi tên lên, xuống để chọn."
        # Arrows move the highlight (wrapping), the focus stays in the box.
        box.press("ArrowDown")
        assert box.get_attribute("aria-activedescendant") == options.nth(0).get_attribute("id")
        assert options.nth(0).get_attribute("aria-selected") == "true"
        box.press("ArrowUp")
        assert box.get_attribute("aria-activedescendant") == options.nth(7).get_attribute("id")
        box.press("ArrowDown")
        assert page.evaluate("document.activeElement.id") == "site-search"
        screenshot("suggest-01-apo", target=page)
        # Escape closes, keeping the words; ArrowDown reopens.
        box.press("Escape")
        assert listbox.is_hidden() and box.get_attribute("aria-expanded") == "false"
        assert box.input_value() == "APO"
        assert box.get_attribute("aria-activedescendant") is None
        box.press("ArrowDown")
        assert box.get_attribute("aria-expanded") == "true"
        box.press("Enter")
        page.wait_for_url(live_server.url + expected[0])
        assert expected[0] == "/vi/organizations/apo/"

        # In English, without diacritics, mid-word: "hop ta" → the "hợp tác" records.
        page.goto(live_server.url + "/en/")
        box, listbox = _type(page, "hop ta")
        expected = _expected_urls("hop ta", "en")
        options = listbox.get_by_role("option")
        assert options.count() == len(expected) > 1
        assert listbox.get_attribute("aria-label") == "Suggestions"
        status = page.locator(".search-box [role=status]")
        assert status.inner_text() == f"{len(expected)} suggestions. Use the up and down arrow keys to choose one."
        assert "International Cooperation Department" in options.first.inner_text()
        box.press("ArrowDown")
        box.press("ArrowDown")
        screenshot("suggest-02-hop-ta-en", target=page)
        box.press("Enter")
        page.wait_for_url(live_server.url + expected[1])
        assert page.errors == []
    finally:
        context.close()


def test_enter_without_a_choice_and_without_javascript_opens_the_search_page(live_server, seed_data, chromium):
    context, page = _new_page(chromium)
    try:
        page.goto(live_server.url + "/vi/")
        box, _listbox = _type(page, "hop ta")
        box.press("Enter")  # nothing highlighted: the form's own submit
        page.wait_for_url(re.compile(r"/vi/search/\?q=hop\+ta$"))
        # One letter: no request, no list.
        box = page.locator("#site-search")
        box.fill("")
        before = len(page.suggest_requests)
        box.press_sequentially("a")
        page.wait_for_timeout(400)
        assert len(page.suggest_requests) == before and page.get_by_role("listbox").is_hidden()
        assert page.errors == []
    finally:
        context.close()
    context, page = _new_page(chromium, java_script_enabled=False)
    try:
        page.goto(live_server.url + "/en/")
        box = page.locator("#site-search")
        assert box.get_attribute("role") is None  # a plain search box
        box.fill("hop tac")
        box.press("Enter")
        page.wait_for_url(re.compile(r"/en/search/\?q=hop\+tac$"))
        assert page.locator(".search-hit").count() > 0
    finally:
        context.close()


def test_axe_with_the_suggestions_open(live_server, seed_data, chromium, screenshot):
    """No violation at any impact with the list open and an option
    highlighted, on the home and search pages, both languages, desktop and
    phone (and no sideways scroll on the phone)."""
    found, views = [], 0
    for width_name, width in WIDTHS.items():
        # bypass_csp: only so axe can be injected (the test above runs under the CSP).
        context, page = _new_page(chromium, width=width, bypass_csp=True)
        try:
            for lang in ("vi", "en"):
                for address in (f"/{lang}/", f"/{lang}/search/?q=nga"):
                    page.goto(live_server.url + address)
                    box, _listbox = _type(page, "hop ta")
                    box.press("ArrowDown")
                    views += 1
                    found += [{"page": address, "width": width, **violation} for violation in _axe(page)]
                    if not page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"):
                        found.append({"page": address, "width": width, "id": "page-scrolls-sideways"})
            screenshot(f"suggest-03-open-{width_name}", target=page)
            assert page.errors == []
        finally:
            context.close()
    print(f"\naxe-core with the suggestions open: {views} page views, {len(found)} violations")
    assert views == 8 and not found, json.dumps(found, indent=1, ensure_ascii=False)
