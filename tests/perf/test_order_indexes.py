"""The default orders of the agreements and events lists (undated rows last)
are served by their order indexes, with no sort of every visible row."""

import pytest
from django.db import connection, transaction

from agreements.models import Agreement
from api.pagination import order_by_keys, sort_keys
from events.models import Event


def first_page_plan(queryset) -> str:
    """The plan of the API's first page, sorts priced out: an index that
    serves the order is then always chosen, and a Sort remains only when
    none can."""
    page = order_by_keys(queryset, sort_keys(queryset))[:50]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_sort = off")
        return page.explain()


@pytest.mark.parametrize(
    ("queryset", "index"),
    [
        (lambda: Agreement.objects.visible_to("public").order_by("-signed_on", "slug"), "agreement_list_order"),
        (lambda: Event.objects.visible_to("public").order_by("-start_on", "slug"), "event_list_order"),
    ],
    ids=["agreements", "events"],
)
def test_the_first_page_walks_the_order_index(queryset, index):
    plan = first_page_plan(queryset())
    assert index in plan
    assert "Sort" not in plan
