"""Cross-cutting audit: crawl the public site and the API over a dataset where
every hidden record and private field carries a marker, and check no marker
leaves, counts are public-only, and odd input never gives a 500."""

import datetime
import re
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from agreements.models import Agreement
from agreements.services import record_status_change, sync_agreement_status
from tests.api.conftest import ENDPOINTS, _fresh_throttles, create_key  # noqa: F401
from tests.factories import make_agreement
from tests.leaks import amount, word
from tests.leaks import found as private_found
from tests.site.conftest import SECRET

# The private dues amounts and currencies (tests/site and tests/audit conftests).
PRIVATE = [amount("987654.32"), amount("13579.24"), word("XPT"), word("CHF")]
LIST_PARAMS = [
    {},
    {"sort": "-title"},
    {"sort": "unknown"},
    {"sort": "-"},
    {"page": "2"},
    {"page": "999999"},
    {"page": "-1"},
    {"page": "abc"},
    {"q": SECRET},
]


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href") if tag == "a" else None
        if href:
            self.links.append(href)


def _body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode(errors="replace")


def _leaked(text, markers, secret=True, echoed=""):
    """Markers in ``text``; a search page may echo its own query once per
    place it shows it, so ``echoed`` is removed first."""
    lowered = text.lower().replace(echoed.lower(), "") if echoed else text.lower()
    found = [m for m in (*markers, *([SECRET] if secret else [])) if m.lower() in lowered]
    return found + private_found(text.replace(echoed, "") if echoed else text, PRIVATE)


def echoed_results(html: str) -> int:
    """Results a search or a filtered list shows: its hits (search page) or
    its "Showing 1–n of N" line (lists, only rendered when N > 0)."""
    return html.count('class="search-hit"') + html.count('<p class="result-count" role="status">\n')


def _site_paths(path):
    return path.startswith(("/vi/", "/en/")) or path in ("/sitemap.xml",)


def crawl_site(client, markers, limit=600):
    """Every page reachable from both home pages, the feed and the sitemap,
    plus each list page with odd and marker-search params."""
    start = ["/vi/", "/en/", "/vi/events/feed.ics", "/en/events/feed.ics", "/sitemap.xml"]
    for lang in ("vi", "en"):
        start += [f"/{lang}/search/?{urlencode({'q': m})}" for m in markers]
    seen, queue, lists = set(), list(start), set()
    while queue and len(seen) < limit:
        address = queue.pop(0)
        if address in seen:
            continue
        seen.add(address)
        response = client.get(address)
        assert response.status_code == 200, address
        text = _body(response)
        echoed = parse_qs(urlsplit(address).query).get("q", [""])[0]
        assert not _leaked(text, markers, echoed=echoed), (address, _leaked(text, markers, echoed=echoed))
        if echoed:
            assert echoed_results(text) == 0, address
        if address == "/sitemap.xml":
            queue += [urlsplit(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", text)]
            continue
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        parser = _Links()
        parser.feed(text)
        for href in parser.links:
            split = urlsplit(urljoin(address, href))
            if split.netloc and split.netloc != "testserver" or not _site_paths(split.path):
                continue
            target = split.path + (f"?{split.query}" if split.query else "")
            # Query links (sort, page, filter tabs) one level deep: the list
            # loop below tries the params on every list anyway.
            if split.query and "?" in address:
                continue
            if target not in seen:
                queue.append(target)
            if split.path.endswith("s/") or split.path.endswith("/tree/"):
                lists.add(split.path)
    return seen, lists


def test_public_site_crawl_shows_no_hidden_record(client, leaks):
    markers = leaks.internal + leaks.government
    seen, lists = crawl_site(client, markers)
    assert len(seen) > 60 and len(lists) > 10, (len(seen), sorted(lists))
    for path in sorted(lists):
        for params in LIST_PARAMS + [{"q": m} for m in markers[:6]]:
            address = f"{path}?{urlencode(params)}"
            response = client.get(address)
            # A query the list cannot answer is refused (400), a page past the last is a 404: never a 500.
            assert response.status_code in (200, 400, 404), address
            echoed = params.get("q", "")
            assert not _leaked(_body(response), markers, echoed=echoed), address
            if echoed:
                assert echoed_results(_body(response)) == 0, address


def test_hidden_records_answer_like_missing_ones_on_the_site(client, leaks):
    """Same status and same page (once the typed slug is blanked out) as a slug
    that never existed."""
    missing = "leakmissing0000000"
    for hidden in (leaks.int_org.slug, leaks.gov_org.slug, leaks.int_person.slug):
        for name in ("organizations:detail", "public:partner-organization", "agreements:detail", "events:detail"):
            for lang in ("vi", "en"):
                pages = [client.get(f"/{lang}{reverse(name, args=[slug])[3:]}") for slug in (hidden, missing)]
                assert [page.status_code for page in pages] == [404, 404], (name, hidden)
                bodies = [
                    _body(page).replace(slug, "SLUG") for page, slug in zip(pages, (hidden, missing), strict=True)
                ]
                assert bodies[0] == bodies[1], (name, hidden)


def _api_rows(client, url, headers):
    rows = []
    while url:
        response = client.get(url, headers=headers)
        assert response.status_code == 200, (url, response.content[:300])
        body = response.json()
        rows += body["results"]
        url = body.get("next")
    return rows


@pytest.mark.parametrize("caller", ["anonymous", "ministry"])
def test_api_crawl_shows_nothing_hidden(leaks, caller):
    client = Client()
    headers = {"X-Api-Key": create_key()[1]} if caller == "ministry" else {}
    anonymous = caller == "anonymous"
    forbidden = leaks.internal + (leaks.government if anonymous else [])
    for endpoint in ENDPOINTS:
        url = endpoint.list_url()
        rows = _api_rows(client, url, headers)
        assert not _leaked(str(rows), forbidden, anonymous), (url, _leaked(str(rows), forbidden, anonymous))
        for row in rows:
            response = client.get(endpoint.detail_url(row["id"]), headers=headers)
            assert response.status_code == 200
            assert not _leaked(_body(response), forbidden, anonymous), endpoint.detail_url(row["id"])
        for params in [{"format": "csv"}, *({"q": m} for m in forbidden)]:
            response = client.get(url, params, headers=headers)
            assert response.status_code == 200, (url, params, response.content[:300])
            text = _body(response)
            assert not _leaked(text, forbidden, anonymous), (url, params, _leaked(text, forbidden, anonymous))
            if "q" in params:
                assert response.json()["results"] == [], (url, params)


ODD_SITE_PARAMS = [
    {"page": str(10**30)},
    {"page": "-1"},
    {"page": "0"},
    {"sort": "unknown"},
    {"sort": "--title"},
    {"q": "x" * 5000},
    {"q": "hợp tác 😀 \u202e %00 '\""},
    {"q": "\x00"},
    {"starts_after": "2020-13-45"},
    {"since_after": "2020-02-30"},
    {"active_on": "99999-01-01"},
    {"in_force_on": "0000-00-00"},
    {"deadline_before": "2020-13-45"},
    {"year": "abc"},
    {"year": str(10**30)},
    {"kind": "nope"},
    {"country": "ZZ"},
    {"organization": str(2**70)},
    {"forum": "-5"},
    {"open": "maybe"},
    {"hosted_by_us": "x"},
    {"status": ["a", "b"]},
]


def test_odd_input_on_site_lists_is_never_500(leaks):
    client = Client(raise_request_exception=False)
    _seen, lists = crawl_site(Client(), [], limit=40)
    assert len(lists) > 10, sorted(lists)
    for path in sorted(lists):
        for params in ODD_SITE_PARAMS:
            response = client.get(path, params)
            assert response.status_code < 500, (path, params)
    odd_paths = [
        "/vi/events/calendar/2020/13/",
        "/vi/events/calendar/2020/0/",
        "/vi/events/calendar/0/1/",
        "/vi/events/calendar/99999/1/",
        "/en/events/calendar/10000/12/",
        "/vi/events/calendar/?year=2020&month=13",
        "/vi/events/calendar/?month=abc",
        "/vi/organizations/no-such-org/",
        "/vi/agreements/no-such/",
        "/vi/partners/country/ZZ/",
        "/vi/partners/country/vn/",
        "/vi/partners/country/x%00/",
        "/vi/search/?q=" + "a" * 5000,
        "/vi/events/feed.ics?x=%00",
        "/documents/999999999999999999999/",
        "/vi/events/%F0%9F%98%80/",
    ]
    for path in odd_paths:
        response = client.get(path)
        assert response.status_code < 500, path
        assert response.status_code in (200, 301, 302, 400, 404), (path, response.status_code)


ODD_API_PARAMS = [
    {"cursor": "x"},
    {"limit": "-1"},
    {"limit": str(10**30)},
    {"page": "-1"},
    {"ordering": "unknown"},
    {"ordering": "--id"},
    {"q": "x" * 5000},
    {"q": "😀\x00"},
    {"active_on": "2020-13-45"},
    {"in_force_on": "2020-02-30"},
    {"starts_after": "2020-13-45"},
    {"year": str(10**30)},
    {"id": "abc"},
    {"format": "csv", "q": "hợp tác"},
]


def test_odd_input_on_the_api_is_never_500(leaks):
    client = Client(raise_request_exception=False)
    for endpoint in ENDPOINTS:
        for params in ODD_API_PARAMS:
            response = client.get(endpoint.list_url(), params)
            assert response.status_code < 500, (endpoint.basename, params, response.content[:300])
        for pk in ("0", "-1", str(2**70), "abc", "%00"):
            response = client.get(endpoint.list_url() + pk + "/")
            assert response.status_code in (400, 404), (endpoint.basename, pk, response.status_code)


def test_an_internal_stage_does_not_set_the_public_status(client, db):
    """A stage recorded as internal (a termination not yet announced) must not
    show through the agreement's status, its status filter or in-force counts."""
    agreement = make_agreement(slug="stage-probe", title_vi="Bản ghi nhớ thăm dò")
    record_status_change(agreement=agreement, status="in_force", changed_on=datetime.date(2018, 1, 1))
    hidden = record_status_change(agreement=agreement, status="terminated", changed_on=datetime.date(2024, 1, 1))
    hidden.visibility = "internal"
    hidden.save()
    sync_agreement_status(agreement=agreement)  # what the admin does after saving a stage
    agreement.refresh_from_db()
    assert agreement.status == "in_force"
    detail = client.get(f"/api/v1/agreements/{agreement.pk}/").json()
    assert detail["status"] == "in_force"
    assert client.get("/api/v1/agreements/", {"status": "terminated"}).json()["results"] == []
    assert Agreement.objects.visible_to("public").in_force_on(datetime.date(2025, 1, 1)).filter(pk=agreement.pk)
    # Staff see the stage; once it is public, it is the status for everyone.
    hidden.visibility = "public"
    hidden.save()
    assert sync_agreement_status(agreement=agreement).status == "terminated"
