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
