"""The bench's floor queries (bench/floor.py) build the API's documents, so
the bench compares the cost of like with like: here on rows that exercise
each derived or optional field (an agreement's standing, a commitment's
bilingual reference, an organization's member countries and former names,
undated rows sorting last), not only on what the generator writes."""

import datetime
import json

import pytest
from django.db import connection
from django.test import Client

from bench import floor
from tests import factories

PAST, FUTURE = datetime.date(2012, 3, 4), datetime.date(2090, 3, 4)


def floor_document(sql: str, **params):
    # Django's session time zone (UTC): the blocks write timestamps in the
    # project's zone whatever the session's.
    with connection.cursor() as cursor:
        cursor.execute(sql, floor.parameters(**params))
        return json.loads(cursor.fetchone()[0])


def differences(api_rows: list, floor_rows: list) -> list:
    """(row id, field, API value, floor value) for each field that differs."""
    assert [row["id"] for row in api_rows] == [row["id"] for row in floor_rows]
    return [
        (api["id"], field, api.get(field), theirs.get(field))
        for api, theirs in zip(api_rows, floor_rows, strict=True)
        for field in sorted(set(api) | set(theirs))
        if api.get(field, "missing") != theirs.get(field, "missing")
    ]


def agreements_in_every_standing():
    make = factories.make_agreement
    make(valid_until=PAST)  # ended on its validity end
    make(valid_until=FUTURE, signed_on=PAST)  # current
    make(status="terminated")  # ended, undated: no stage recorded
    by_year = make(signed_on=datetime.date(2001, 5, 6))
    factories.make_status_change(agreement=by_year, status="expired", changed_on=None, year=2015)
    factories.make_status_change(agreement=by_year, status="terminated", changed_on=PAST)
    factories.make_status_change(agreement=make(), status="terminated", changed_on=FUTURE)  # not yet
    hidden = make(signed_on=datetime.date(2005, 1, 1))
    factories.make_status_change(agreement=hidden, status="expired", changed_on=PAST, visibility="internal")
    factories.make_party(agreement=hidden, signatory_vi="Bộ trưởng")
    factories.make_agreement(visibility="internal")


def organizations_with_former_names():
    union = factories.make_organization(member_countries=["VN", "DE", "FR"])
    factories.make_organization_name(organization=union, name_en="Old name", valid_from=datetime.date(2001, 1, 1))
    factories.make_organization_name(organization=union, acronym="OLD", valid_until=datetime.date(2000, 1, 1))
    factories.make_organization_name(organization=union, visibility="internal")
    factories.make_organization(parent=union)


def commitments_with_references():
    agreement = factories.make_agreement(kind="fta", signed_on=PAST)
    factories.make_commitment(agreement=agreement, reference_vi="Chương 6", reference_en="Chapter 6")
    factories.make_commitment(agreement=agreement, reference_vi="Điều 2", deadline=FUTURE)
    factories.make_commitment(agreement=agreement, responsible_unit=factories.make_organization())


def events_some_undated_in_order():
    factories.make_event(start_on=PAST, forum=factories.make_organization())
    factories.make_event(start_on=FUTURE, city_vi="Hà Nội", country="VN")


@pytest.mark.parametrize("name", sorted(floor.LISTS))
def test_floor_documents_equal_the_api_lists_and_details(name):
    agreements_in_every_standing()
    organizations_with_former_names()
    commitments_with_references()
    events_some_undated_in_order()
    client = Client()
    api_rows = client.get(f"/api/v1/{name}/?limit=50").json()["results"]
    assert len(api_rows) >= 2
    assert differences(api_rows, floor_document(floor.list_sql(name), limit=50)["results"]) == []
    for row in api_rows:
        detail = client.get(f"/api/v1/{name}/{row['id']}/").json()
        assert differences([detail], [floor_document(floor.detail_sql(name), pk=row["id"])]) == []


def test_the_fixture_reaches_every_agreement_standing():
    # Guards the test above: the rows it builds cover each branch of the rule.
    agreements_in_every_standing()
    rows = Client().get("/api/v1/agreements/?limit=50").json()["results"]
    standings = {(row["standing"]["state"], row["standing"]["as_of"]) for row in rows}
    assert standings == {("ended", str(PAST)), ("current", None), ("ended", None)}
    assert rows[-1]["signed_on"] is None  # undated last
