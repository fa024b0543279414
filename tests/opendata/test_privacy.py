"""Nothing private reaches any file of the package or its page: no private
field (internal notes, dues amounts, contact details), no government or
internal record, no hidden nested row, no count that reveals them."""

import datetime
import json

import pytest
from django.test import Client

from agreements.models import AgreementStatusChange
from events.models import DelegationMember
from tests.api.conftest import ENDPOINTS, PRIVATE_MARKERS, all_pages
from tests.factories import make_agreement, make_delegation, make_organization, make_party, make_person
from tests.leaks import found, word
from tests.opendata.conftest import run_worker, zip_members


@pytest.fixture
def records_of_every_level(public_records):
    """Public records hold the private markers in their private fields;
    government and internal ones carry a distinctive text of their own."""
    secrets = []
    for endpoint in ENDPOINTS:
        for level in ("government", "internal"):
            secret = f"{level.upper()}SECRET{endpoint.basename.upper()}"
            endpoint.build(visibility=level, text=secret)
            # A dues row's text names its (public) organization: the
            # counts test checks that the hidden dues rows are left out.
            if endpoint.basename != "dues":
                secrets.append(secret)
    # Hidden rows nested in a public record, and hidden references.
    agreement = make_agreement(slug="public-agreement-with-secrets")
    make_party(agreement=agreement, organization=make_organization(acronym="SECRETPARTNER", visibility="internal"))
    make_party(agreement=agreement, country="KR", visibility="government", signatory_vi="SECRETSIGNATORY")
    AgreementStatusChange.objects.create(
        agreement=agreement,
        status="negotiating",
        year=2016,
        visibility="internal",
        note_vi="SECRETSTAGE",
        source=agreement.source,
    )
    delegation = make_delegation(head=make_person(full_name="SECRETHEAD", visibility="internal"))
    DelegationMember.objects.create(
        delegation=delegation,
        person=make_person(full_name="SECRETMEMBER", visibility="government"),
        source=delegation.source,
    )
    make_organization(acronym="PUBLICCHILD", parent=make_organization(acronym="SECRETPARENT", visibility="internal"))
    secrets += ["SECRETPARTNER", "SECRETSIGNATORY", "SECRETSTAGE", "SECRETHEAD", "SECRETMEMBER", "SECRETPARENT"]
    return secrets


def test_no_private_field_or_hidden_record_in_any_file(records_of_every_level):
    client = Client()
    members = zip_members(client.get("/open-data/coopdb-open-data.zip"))
    patterns = [*PRIVATE_MARKERS, *(word(secret) for secret in records_of_every_level)]
    assert len(members) >= 22
    for name, content in members.items():
        leaked = found(content.decode("utf-8-sig"), patterns)
        assert not leaked, f"{name} leaked {leaked}"
        # The same files one by one.
        assert client.get(f"/open-data/{name}").getvalue() == content
    for language in ("vi", "en"):
        page = client.get(f"/{language}/open-data/").content.decode()
        assert not found(page, patterns)
    # The public records are there (the test would pass on an empty package otherwise).
    assert b"PUBLICCHILD" in members["data/organizations.csv"]


def test_counts_are_the_public_api_lists(records_of_every_level):
    """Each table has exactly the rows an anonymous API caller lists."""
    client = Client()
    descriptor = json.loads(client.get("/open-data/datapackage.json").getvalue())
    dataset = json.loads(client.get("/open-data/coopdb.json").getvalue())
    page = client.get("/en/open-data/").content.decode()
    for resource in descriptor["resources"]:
        if "-" in resource["name"] and resource["name"] != "reported-figures":
            continue  # a nested list: no API list of its own
        listed = all_pages(client, f"/api/v1/{resource['name']}/", limit=500)
        package_ids = [row["id"] for row in dataset["tables"][resource["name"]]]
        assert sorted(package_ids) == sorted(row["id"] for row in listed), resource["name"]
        assert resource["rows"] == len(listed)
        assert f'<td class="num">{len(listed)}</td>' in page
    agreement = next(row for row in dataset["tables"]["agreements"] if row["slug"] == "public-agreement-with-secrets")
    parties = [row for row in dataset["tables"]["agreement-parties"] if row["agreement_id"] == agreement["id"]]
    stages = [row for row in dataset["tables"]["agreement-status-history"] if row["agreement_id"] == agreement["id"]]
    assert parties == [] and stages == []


def test_a_hidden_reference_is_empty(records_of_every_level):
    dataset = json.loads(Client().get("/open-data/coopdb.json").getvalue())
    child = next(row for row in dataset["tables"]["organizations"] if row["acronym"] == "PUBLICCHILD")
    assert child["parent_id"] is None
    heads = {row["head_id"] for row in dataset["tables"]["delegations"]}
    people = {row["id"] for row in dataset["tables"]["people"]}
    assert heads - {None} <= people


@pytest.mark.django_db(transaction=True)  # the worker closes its connection
def test_dates_from_a_changed_day_are_rebuilt(public_records, time_machine):
    """Dues status is derived from today's date: a build of an earlier day is
    stale; the first request of the day queues its rebuild (no signal does)."""
    client = Client()
    time_machine.move_to(datetime.datetime(2030, 1, 1, 9, tzinfo=datetime.UTC), tick=False)
    first = client.get("/open-data/datapackage.json")["ETag"]
    time_machine.move_to(datetime.datetime(2030, 1, 2, 9, tzinfo=datetime.UTC), tick=False)
    assert client.get("/open-data/datapackage.json")["ETag"] == first  # served until rebuilt
    run_worker()
    assert client.get("/open-data/datapackage.json")["ETag"] != first
    assert json.loads(client.get("/open-data/datapackage.json").getvalue())["created"] == "2030-01-02T09:00:00Z"
