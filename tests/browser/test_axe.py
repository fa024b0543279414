"""axe-core (from the npm registry, package.json) over every public page of
the URL map (tests/urlmap.py), on the seed data, in both languages, on a
desktop (1366 px) and a phone (390 px): no violation at any impact. One
browser context per width, reused for every page, so the crawl stays quick.

A new public route is crawled without editing this file; a new route with
arguments needs a sample in ``_samples`` (the test says which)."""

import datetime
import json
from pathlib import Path

import pytest
from django.db.models import Count, Q

from agreements.models import Agreement
from events.models import Delegation, Event, Initiative
from organizations.models import Organization
from tests.urlmap import routes

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = {"desktop": 1366, "phone": 390}
LANGUAGES = ("vi", "en")

def _samples() -> dict[str, list[dict]]:
    """Arguments for each public route that takes some: the records whose
    pages are the hardest to get right (widest tables, most sections)."""
    public = Q(visibility="public")
    widest = (
        Agreement.objects.filter(public)
        .annotate(n=Count("parties", filter=Q(parties__visibility="public")))
        .order_by("-n", "slug")
        .first()
    )
    with_children = Agreement.objects.filter(public, children__isnull=False).order_by("slug").first()
    with_commitments = Agreement.objects.filter(public, commitments__isnull=False).order_by("slug").first()
    agreements = {a.slug for a in (widest, with_children, with_commitments) if a}
    events = Event.objects.filter(public).order_by("-start_on", "slug")
    placeless = events.filter(city="", country="").first() or events.first()
    with_delegations = events.filter(delegations__isnull=False).first() or events.first()
    latest = events.first().start_on if events.exists() else datetime.date.today()
    organizations = Organization.objects.filter(public).order_by("slug")
    partner = organizations.filter(agreement_parties__isnull=False).exclude(slug="stameq").first()
    no_acronym = organizations.filter(acronym="").first()
    return {
        "organizations:detail": [{"slug": "apo"}, {"slug": no_acronym.slug}],
        "agreements:detail": [{"slug": slug} for slug in sorted(agreements)],
        "events:detail": [{"slug": e.slug} for e in {placeless, with_delegations}],
        "events:calendar-month": [{"year": latest.year, "month": latest.month}],
        "events:delegation": [{"slug": Delegation.objects.filter(public).order_by("slug").first().slug}],
        "events:initiative": [{"slug": Initiative.objects.filter(public).order_by("slug").first().slug}],
        "public:partner-country": [{"code": "RU"}, {"code": "JP"}],
        "public:partner-organization": [{"slug": partner.slug}],
        # Who covers what: a country with many agreements, and one covered through the EU.
        "public:country": [{"code": "jp"}, {"code": "de"}],
    }


def _addresses(lang: str) -> list[str]:
    samples = _samples()
    addresses, missing = [], []
    for route in routes(lang):
        if not (route.is_html_page and route.route.startswith(f"{lang}/")):
            continue
        if not route.arguments:
            addresses.append(route.url())
        elif route.name in samples:
            addresses.extend(route.url(**values) for values in samples[route.name])
        else:
            missing.append(route.name)
    assert not missing, f"Add a sample for these public routes to tests/browser/test_axe.py::_samples: {missing}"
    # States of the pages besides their first view: a search with results, a
    # filtered list, a refused filter (400) and a missing page (404).
    addresses += [
        f"/{lang}/search/?q=nga",
        f"/{lang}/agreements/?kind=fta",
        f"/{lang}/agreements/?sort=bogus&page=abc",
        f"/{lang}/no-such-page/",
    ]
    return addresses


def _axe(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async () => {
            const result = await axe.run(document, {resultTypes: ["violations"]});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(" ")),
            }));
        }"""
    )


def test_axe_finds_no_violation_on_any_public_page(live_server, seed_data, chromium):
    assert AXE.exists(), "axe-core is missing: run npm ci (make test does)"
    found, views = [], 0
    for width_name, width in WIDTHS.items():
        # bypass_csp: the site's Content-Security-Policy would refuse the
        # injected axe script; it changes nothing else on the pages.
        context = chromium.new_context(
            viewport={"width": width, "height": 900}, is_mobile=width_name == "phone", bypass_csp=True
        )
        try:
            page = context.new_page()
            for lang in LANGUAGES:
                for address in _addresses(lang):
                    page.goto(live_server.url + address)
                    views += 1
                    for violation in _axe(page):
                        found.append({"page": address, "width": width, **violation})
                    if width_name == "phone":
                        fits = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
                        if not fits:
                            found.append({"page": address, "width": width, "id": "page-scrolls-sideways"})
        finally:
            context.close()
    print(f"\naxe-core: {views} page views, {len(found)} violations")
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)


def test_wide_table_shows_a_scroll_cue_on_a_phone(live_server, seed_data, chromium):
    """At 390 px the widest agreement's parties table scrolls inside its own
    box, which is labelled and reachable with the keyboard, with a visible
    "scroll" hint; at 1366 px the hint is hidden."""
    slug = _samples()["agreements:detail"][0]["slug"]
    for lang, hint_text in (("vi", "Kéo ngang để xem thêm →"), ("en", "Scroll sideways to see more →")):
        for width, shown in ((390, True), (1366, False)):
            context = chromium.new_context(viewport={"width": width, "height": 900})
            try:
                page = context.new_page()
                page.goto(f"{live_server.url}/{lang}/agreements/{slug}/")
                box = page.locator(".table-scroll").first
                assert box.get_attribute("tabindex") == "0"
                assert box.get_attribute("role") == "region" and box.get_attribute("aria-label")
                overflows = box.evaluate("el => el.scrollWidth > el.clientWidth")
                assert overflows == shown, (lang, width)
                hint = page.locator(".table-scroll + .scroll-hint").first
                assert hint.is_visible() == shown, (lang, width)
                if shown:
                    assert hint.inner_text() == hint_text
                    box.focus()
                    page.keyboard.press("ArrowRight")
                    page.wait_for_function("el => el.scrollLeft > 0", arg=box.element_handle())
            finally:
                context.close()
