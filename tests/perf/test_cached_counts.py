"""Public list pages cache their counts, and a saved or deleted record shows
at once (core.counts: the data version)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import make_agreement


def counts(client):
    response = client.get(reverse("agreements:list"))
    return response.context["page_obj"].paginator.count, response.context["kind_total"]


def test_counts_are_cached_until_a_record_changes(client, db):
    agreements = [make_agreement(visibility="public") for _ in range(3)]
    make_agreement(visibility="internal")
    assert counts(client) == (3, 3)
    with CaptureQueriesContext(connection) as queries:
        assert counts(client) == (3, 3)
    assert not any("COUNT(" in query["sql"].upper() for query in queries)
    make_agreement(visibility="public")
    assert counts(client) == (4, 4)
    agreements[0].delete()
    assert counts(client) == (3, 3)
    agreements[1].visibility = "internal"
    agreements[1].save()
    assert counts(client) == (2, 2)


def _count_queries(client, address) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(address).status_code == 200
    return sum("COUNT(" in query["sql"].upper() for query in queries)


def test_every_sort_of_a_filter_shares_one_count(client, db):
    """The key leaves the ordering out: another column, the other direction
    or another language's sort expression reuses the entry."""
    for n in range(3):
        make_agreement(visibility="public", kind="mou", title_vi=f"Bản ghi nhớ {n}")
    make_agreement(visibility="public", kind="fta")
    base = reverse("agreements:list") + "?kind=mou"
    first = _count_queries(client, base + "&sort=title")
    assert first >= 1
    assert client.get(base + "&sort=title").context["page_obj"].paginator.count == 3
    for sort in ("-title", "signed", "-signed", "kind"):
        assert _count_queries(client, base + f"&sort={sort}") == 0, sort
    english = reverse("agreements:list").replace("/vi/", "/en/", 1)
    assert _count_queries(client, english + "?kind=mou&sort=-title") == 0
    # Another filter is another count.
    assert _count_queries(client, reverse("agreements:list") + "?kind=fta&sort=title") >= 1
