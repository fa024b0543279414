"""The exporter's question in Chromium: open the map, click Japan, read what
covers it; the matrix scrolls inside its own box on a phone."""

import datetime
import re

import pytest

from public.selectors.coverage import country_coverage

pytestmark = pytest.mark.browser

# The screen position of a point inside a country's largest shape.
_POINT_INSIDE = """code => {
  const path = document.querySelector(`svg.world-map a[data-country="${code}"] path`);
  const svg = path.ownerSVGElement, box = path.getBBox(), matrix = path.getScreenCTM();
  for (let i = 1; i < 40; i++) for (let j = 1; j < 40; j++) {
    const point = svg.createSVGPoint();
    point.x = box.x + box.width * i / 40; point.y = box.y + box.height * j / 40;
    if (path.isPointInFill(point)) { const s = point.matrixTransform(matrix); return [s.x, s.y]; }
  }
  throw new Error("no point inside " + code);
}"""


def test_click_japan_on_the_map_to_its_coverage_page(live_server, seed_data, page, screenshot, chromium):
    page.set_default_timeout(10_000)
    page.goto(live_server.url + "/en/partners/")
    page.get_by_role("link", name="Map of cooperation").first.click()
    page.wait_for_url(live_server.url + "/en/map/")
    assert page.locator("svg.world-map a.map-country").count() > 30
    screenshot("coverage-01-map")

    # Click a point inside Japan's shape (its box's centre may be sea), as a visitor would.
    x, y = page.evaluate(_POINT_INSIDE, "JP")
    page.mouse.click(x, y)
    page.wait_for_url(live_server.url + "/en/countries/jp/")
    assert page.get_by_role("heading", level=1).inner_text() == "Agreements covering Japan"
    expected = {str(row.agreement) for row in country_coverage("JP", datetime.date.today())}
    shown = set(page.locator("table.coverage tbody th a").all_inner_texts())
    assert shown == expected and expected
    screenshot("coverage-02-japan")

    # Back to the partner timeline, and from there to the coverage page again.
    page.get_by_role("link", name=re.compile("Everything recorded with Japan")).click()
    page.wait_for_url(live_server.url + "/en/partners/country/JP/")
    page.get_by_role("link", name=re.compile("Which agreements cover Japan")).click()
    page.wait_for_url(live_server.url + "/en/countries/jp/")
    assert page.console_errors == []

    phone = chromium.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN", is_mobile=True)
    try:
        mobile = phone.new_page()
        mobile.goto(live_server.url + "/vi/countries/")
        assert mobile.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        assert mobile.locator(".scroll-cue").is_visible()
        assert mobile.evaluate(
            "(() => { const b = document.querySelector('.matrix-scroll'); return b.scrollWidth > b.clientWidth; })()"
        )
        screenshot("coverage-03-phone-matrix", target=mobile)
        mobile.goto(live_server.url + "/vi/map/")
        assert mobile.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        screenshot("coverage-04-phone-map", target=mobile)
    finally:
        phone.close()


# Right edge of every label and value of the home page's bar chart, in the drawing's own units.
_OVERFLOW = """() => {
  const svg = document.querySelector("svg.bar-list"), width = svg.viewBox.baseVal.width;
  return [...svg.querySelectorAll("text")]
    .map(text => [text.textContent, text.getBBox().x + text.getBBox().width])
    .filter(([, right]) => right > width + 0.5);
}"""


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_home_figures_chart_keeps_its_labels_inside_the_drawing(live_server, seed_data, page, language):
    """SVG text does not wrap: a long label ("…, thông tin gần nhất
    30/11/2019–14/06/2020") is cut into lines, never off at the edge."""
    page.goto(f"{live_server.url}/{language}/")
    assert page.locator("svg.bar-list text").count() >= 5
    assert page.evaluate(_OVERFLOW) == []
