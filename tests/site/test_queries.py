"""Each page runs a constant number of queries whatever the amount of data:
the counts with 1 extra row of every kind equal those with 30."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    make_agreement,
    make_commitment,
    make_delegation,
    make_event,
    make_initiative,
    make_membership,
    make_office,
    make_organization,
    make_party,
    make_person,
    make_status_change,
)
from tests.query_counts import check_query_counts
from tests.site.test_pages import url

PAGES = [
    ("public:home", ()),
    ("public:search", (), {"q": "hoi nghi"}),
    ("public:search", (), {"q": "hoi nghi", "kind": "events"}),
    ("public:search", (), {"q": "hoi ngh"}),  # no whole word: the last one read as a prefix
    ("public:search", (), {"q": "rosstandrat"}),  # nothing: names spelt closely
    # The search box's suggestions (JSON): the best rows of each kind, no counts.
    ("public:search-suggest", (), {"q": "hoi nghi"}),
    ("public:search-suggest", (), {"q": "hoi ngh"}),
    ("public:search-suggest", (), {"q": "rosstandrat"}),
    ("public:partners", ()),
    ("public:partner-organization", ("rosstandart",)),
    ("public:partner-country", ("RU",)),
    ("public:coverage", ()),
    ("public:country", ("ru",)),
    ("public:map", ()),
    ("organizations:list", ()),
    ("organizations:tree", ()),
    ("organizations:detail", ("apo",)),
    ("organizations:memberships", ()),
    ("organizations:offices", ()),
    ("agreements:list", ()),
    ("agreements:list", (), {"kind": "mou", "country": "RU"}),
    ("agreements:detail", ("mou-rosstandart",)),
    ("agreements:ftas", ()),
    ("agreements:commitments", ()),
    ("events:list", ()),
    ("events:detail", ("apo-governing-body",)),
    ("events:calendar-month", (2019, 11)),
    ("events:ical", ()),
    ("events:delegations", ()),
    ("events:delegation", ("delegation-moscow",)),
    ("events:initiatives", ()),
    ("events:initiative", ("apec-smart-cities",)),
    ("public:about", ()),
    ("public:contact", ()),
    ("public:accessibility", ()),
    ("public:privacy", ()),
    ("public:api", ()),
    # The same pages in English (name, args, query, language).
    ("public:about", (), {}, "en"),
    ("public:contact", (), {}, "en"),
    ("public:accessibility", (), {}, "en"),
    ("public:privacy", (), {}, "en"),
    ("public:api", (), {}, "en"),
]


def _grow(world, start: int, stop: int):
    """Rows ``start..stop-1`` of every kind, hanging off the records the pages show."""
    w = world
    for n in range(start, stop):
        body = make_organization(slug=f"grow-body-{n}", acronym=f"GB{n}", parent=w.iso, kind="committee")
        make_membership(member=w.stameq, organization=body, since=datetime.date(2000, 1, 1))
        fta = make_agreement(slug=f"grow-fta-{n}", kind="fta", title_vi=f"Hiệp định {n}")
        make_party(agreement=fta, country="RU")
        make_status_change(agreement=fta, status="signed")
        make_commitment(agreement=fta, responsible_unit=w.stameq, responsible_person=w.head)
        plan = make_agreement(slug=f"grow-plan-{n}", kind="plan", parent=w.mou, signed_on=datetime.date(2019, 1, 1))
        make_party(agreement=plan, organization=w.rosstandart)
        make_party(agreement=w.mou, country=["FR", "DE", "IT", "ES", "JP", "KR", "CN", "US", "GB", "AU"][n % 10])
        make_commitment(agreement=w.mou)
        make_office(slug=f"grow-office-{n}", body=w.apo, holder_organization=w.stameq, holder_person=w.head)
        event = make_event(
            slug=f"grow-event-{n}", title_vi=f"Hội nghị {n}", forum=w.apo, start_on=datetime.date(2019, 11, 1 + n % 28)
        )
        delegation = make_delegation(
            slug=f"grow-delegation-{n}", event=w.hosted, counterpart=w.rosstandart, head=w.head, country="RU"
        )
        delegation.memberships.create(person=make_person(), source=delegation.source)
        w.delegation.memberships.create(person=make_person(), source=w.delegation.source)
        make_initiative(slug=f"grow-initiative-{n}", forum=w.apo, proposer=w.stameq, event=event)


def _counts(client):
    counts = {}
    for name, args, *rest in PAGES:
        query, lang = [*rest, {}, "vi"][:2] if len(rest) != 1 else (rest[0], "vi")
        address = url(name, *args, lang=lang, **query)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(address)
        assert response.status_code == 200, address
        counts[address] = len(queries)
    return counts


def test_every_page_runs_a_constant_number_of_queries(client, world, capsys, request):
    _grow(world, 0, 1)
    with_one = _counts(client)
    _grow(world, 1, 30)
    with_thirty = _counts(client)
    with capsys.disabled():
        print("\nqueries per page (1 row / 30 rows of each kind):")
        for address, count in with_one.items():
            print(f"  {count:3d} / {with_thirty[address]:3d}  {address}")
    assert with_thirty == with_one
    # Each page's own count, in tests/query_counts.json (the search: per kind of record a count and
    # its best rows, plus a count per kind for each retry: the last word as a
    # prefix, then names spelt closely).
    check_query_counts(request, "site pages", with_thirty)
