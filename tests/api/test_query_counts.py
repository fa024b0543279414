"""Each list and detail runs a fixed number of queries, whatever the page size.

One complete record per endpoint (every optional reference and nested list
filled) is built, then copied ROWS times with bulk_create: each copy points at
its own related rows in the database, so a missing select_related or prefetch
shows as one query per row.
"""

import copy
from urllib.parse import urlsplit

import pytest
from django.urls import resolve

from agreements.models import Agreement, Commitment
from core.models import ReportedFigure, Source
from events.models import Delegation
from organizations.models import Ballot, Dues, Membership, Organization
from tests.api.conftest import ENDPOINT_IDS, ENDPOINTS

ROWS = 101  # a full page of 100 and a next page
# Visibility-filtered Prefetch objects of the endpoints that nest lists.
PREFETCHES = {"agreement": 2, "delegation": 1, "organization": 1}
KEY_LOOKUP = 1  # the key and its ministry, in one query
# Child rows copied with each record, so the prefetches have work to do.
CHILDREN = {Agreement: ("parties", "status_changes"), Delegation: ("memberships",)}


def _copy(obj, **changes):
    clone = copy.copy(obj)
    clone.pk = clone.id = None
    clone._state = copy.copy(obj._state)
    clone._state.adding = True
    for name, value in changes.items():
        setattr(clone, name, value)
    return clone


def copies(record, count):
    """``count`` copies of ``record`` (and of its child rows), respecting unique constraints."""
    model = type(record)
    changes = []
    if model is Membership:
        organizations = Organization.objects.bulk_create(
            [_copy(record.organization, slug=f"{record.organization.slug}-{n}") for n in range(count)]
        )
        changes = [{"organization": organization} for organization in organizations]
    else:
        changes = [_unique_changes(record, n) for n in range(count)]
    clones = model.objects.bulk_create([_copy(record, **change) for change in changes])
    for relation in CHILDREN.get(model, ()):
        rows = list(getattr(record, relation).all())
        parent_field = getattr(model, relation).field.name
        rows_model = getattr(model, relation).rel.related_model
        rows_model.objects.bulk_create([_copy(row, **{parent_field: clone}) for clone in clones for row in rows])
    if model is Source:
        figure = ReportedFigure.objects.get(source=record)
        ReportedFigure.objects.bulk_create(
            [_copy(figure, key=f"{figure.key}-{n}", source=clone) for n, clone in enumerate(clones)]
        )
    return clones


def _unique_changes(record, n):
    fields = type(record)._meta.fields
    slug_like = {f.name: f"{getattr(record, f.attname)}-{n}" for f in fields if f.unique and not f.primary_key}
    if isinstance(record, Dues):
        slug_like["year"] = 1900 + n
    if isinstance(record, Ballot):
        slug_like["reference"] = f"{record.reference}-{n}"
    if isinstance(record, Commitment):
        slug_like["code"] = f"{record.code}-{n}"
    return slug_like


@pytest.fixture(params=ENDPOINTS, ids=ENDPOINT_IDS)
def endpoint_with_rows(request):
    endpoint = request.param
    record = endpoint.build()
    return endpoint, [record, *copies(record, ROWS - 1)]


CSV_VALIDATORS = 1


# A list built as JSON by PostgreSQL (api.projection): the page's keys, then its rows.
PROJECTED_LIST = 2


def list_queries(endpoint, serialized: int) -> int:
    projected = resolve(urlsplit(endpoint.list_url()).path).func.cls.projection is not None
    return PROJECTED_LIST if projected else serialized


def test_queries_do_not_grow_with_the_page(api, key, django_assert_num_queries, endpoint_with_rows):
    endpoint, records = endpoint_with_rows
    expected = 1 + PREFETCHES.get(endpoint.basename, 0)
    listed = list_queries(endpoint, expected)
    for limit in (1, 100):
        with django_assert_num_queries(listed):
            response = api.get(endpoint.list_url(), limit=limit)
        assert len(response.json()["results"]) == limit
        with django_assert_num_queries(listed + KEY_LOOKUP):
            response = api.get(endpoint.list_url(), key=key, limit=limit)
        with django_assert_num_queries(listed + KEY_LOOKUP):
            assert api.get(response.json()["next"], key=key).status_code == 200
    with django_assert_num_queries(expected):
        assert api.get(endpoint.detail_url(records[-1].pk)).status_code == 200
    # The whole list as CSV: after the one aggregate query of its validators
    # (ETag, Last-Modified), one COPY whatever the size (api.csv_sql).
    with django_assert_num_queries(1 + CSV_VALIDATORS):
        response = api.get(endpoint.list_url(), format="csv")
        body = b"".join(response.streaming_content)
    assert body.count(b"\r\n") >= ROWS + 1
