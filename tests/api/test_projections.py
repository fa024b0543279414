"""Lists built as JSON by PostgreSQL (api.projection, each app's
api/projections.py) send what the serializers send: the same request with the
projection switched off must give the same document and Last-Modified, for
every audience, ordering, filter and cursor page, on the seed data, on
generated data and on rows built for the edge cases."""

import contextlib
import datetime
from urllib.parse import urlsplit

import pytest
import time_machine
from django.core.management import call_command
from django.db.models import F
from django.test import Client

from agreements.api.views import AgreementViewSet, CommitmentViewSet
from agreements.models import Agreement, AgreementParty, AgreementStatusChange, Commitment
from events.api.views import EventViewSet
from events.models import Event
from organizations.api.views import OrganizationViewSet
from organizations.models import Organization, OrganizationName, Person
from tests import factories

VIEWSETS = {
    "agreements": AgreementViewSet,
    "commitments": CommitmentViewSet,
    "events": EventViewSet,
    "organizations": OrganizationViewSet,
}
MODELS = (Agreement, AgreementParty, AgreementStatusChange, Commitment, Event, Organization, OrganizationName, Person)
AUDIENCES = ("public", "government")
D = datetime.date
ENDING_DAY = D(2024, 3, 15)
# Neither a microsecond nor a whole second: both ways of writing a timestamp.
STAMPS = (
    datetime.datetime(2023, 5, 6, 7, 8, 9, 123456, tzinfo=datetime.UTC),
    datetime.datetime(2023, 5, 6, 7, 8, 9, tzinfo=datetime.UTC),
    datetime.datetime(2023, 12, 31, 20, 0, 0, 500, tzinfo=datetime.UTC),  # the next day in Hanoi
)


@pytest.fixture
def client_for(key):
    """A test client reading as ``audience`` (a ministry key for government)."""

    def make(audience):
        return Client(headers={"X-Api-Key": key}) if audience == "government" else Client()

    return make


@contextlib.contextmanager
def serializers_only(name):
    viewset = VIEWSETS[name]
    projection = viewset.projection
    viewset.projection = None
    try:
        yield
    finally:
        viewset.projection = projection


def same_page(client, name, url):
    """The page at ``url`` from both paths, checked equal; its next link."""
    projected = client.get(url)
    with serializers_only(name):
        serialized = client.get(url)
    assert projected.status_code == serialized.status_code, (url, projected.content[:300])
    assert projected.status_code == 200, (url, projected.content[:300])
    body = projected.json()
    assert body == serialized.json(), url
    assert projected.get("Last-Modified") == serialized.get("Last-Modified"), url
    assert projected["Content-Type"] == serialized["Content-Type"]
    if body["results"]:
        # PostgreSQL writes '"id" : 1', DRF '"id":1': the projection did answer.
        assert b'" : ' in projected.content and b'" : ' not in serialized.content, url
    return body["next"]


def same_pages(client, name, query="", limit=4, pages=4) -> int:
    """Up to ``pages`` pages of the list from both paths, following the next
    links (cursor pages); how many pages were read."""
    url = f"/api/v1/{name}/?limit={limit}{query}"
    for read in range(1, pages + 1):
        following = same_page(client, name, url)
        if following is None:
            return read
        url = following.removeprefix("http://testserver")
        assert urlsplit(following).netloc == "testserver"
    return pages


def orderings(name) -> list[str]:
    return [value for value, _label in VIEWSETS[name].filterset_class.base_filters["ordering"].extra["choices"]]


def check_everything(client_for, pages=3):
    for audience in AUDIENCES:
        client = client_for(audience)
        for name in VIEWSETS:
            same_pages(client, name, pages=pages)
            for ordering in orderings(name):
                same_pages(client, name, f"&ordering={ordering}", pages=pages)


def stamp_every_row():
    """Timestamps with and without microseconds, and one past midnight in Hanoi."""
    for model in MODELS:
        for index, pk in enumerate(model.objects.order_by("pk").values_list("pk", flat=True)):
            stamp = STAMPS[index % len(STAMPS)]
            model.objects.filter(pk=pk).update(created_at=stamp, updated_at=stamp + datetime.timedelta(days=index))


# --- the edge cases ------------------------------------------------------------


def edge_cases():
    """Rows for every branch the projections take: hidden references and
    nested rows for each audience, empty and null text, undated rows and ties,
    a hidden record updated last (its time must not reach Last-Modified)."""
    make = factories.make_organization
    hidden_org, government_org = make(visibility="internal"), make(visibility="government")
    parent_org = make(acronym="ISO", member_countries="FR,DE", website="", name_en="")
    child = make(acronym="ISO", parent=parent_org, country="VN", name_en=None, description_vi="")
    make(acronym="ISO", parent=hidden_org)  # ties on acronym
    make(acronym="IEC", parent=government_org, founded_on=D(1906, 6, 26), founded_year=1906)
    factories.make_organization_name(organization=child, name_vi="Tên cũ", name_en="")
    factories.make_organization_name(organization=child, visibility="government", valid_from=D(2000, 1, 1))
    factories.make_organization_name(organization=child, visibility="internal")

    person, hidden_person = factories.make_person(), factories.make_person(visibility="internal")
    government_person = factories.make_person(visibility="government")

    agreement = factories.make_agreement
    parent = agreement(signed_on=D(2010, 1, 1), title_en="", summary_vi="", summary_en=None, text_url="")
    for visibility in ("public", "government", "internal"):
        row = agreement(
            signed_on=D(2019, 1, 1), parent=agreement(visibility=visibility), valid_until=ENDING_DAY, status="in_force"
        )
        factories.make_party(agreement=row, organization=parent_org, signatory_vi="Bộ trưởng", signatory_en="")
        factories.make_party(agreement=row, organization=hidden_org)
        factories.make_party(agreement=row, organization=government_org)
        factories.make_party(agreement=row, country="JP", organization=None)
        factories.make_party(agreement=row, visibility="government")
        factories.make_status_change(agreement=row, status="signed", changed_on=D(2019, 1, 1), note_vi="")
        factories.make_status_change(agreement=row, status="terminated", changed_on=ENDING_DAY, visibility=visibility)
    agreement(signed_on=None, parent=parent)  # undated: last
    agreement(signed_on=None, status="terminated")  # ended, no stage recorded
    by_year = agreement(signed_on=None, status="expired")
    factories.make_status_change(agreement=by_year, status="expired", changed_on=None, year=2023)
    only_hidden = agreement(status="terminated", visibility="government")
    factories.make_status_change(
        agreement=only_hidden, status="terminated", changed_on=D(2020, 1, 1), visibility="internal"
    )
    agreement(visibility="internal")

    fta = agreement(kind="fta", signed_on=D(2019, 1, 1))
    for visibility in ("public", "government"):
        factories.make_commitment(
            agreement=fta, visibility=visibility, responsible_unit=hidden_org, responsible_person=government_person
        )
        factories.make_commitment(
            agreement=fta, deadline=D(2025, 1, 1), responsible_unit=government_org, responsible_person=hidden_person
        )
    factories.make_commitment(agreement=fta, reference_vi="Chương 6", reference_en="", evidence_url="", deadline=None)
    factories.make_commitment(agreement=fta, responsible_unit=child, responsible_person=person, evidence_vi="")
    factories.make_commitment(agreement=agreement(kind="fta", visibility="government"))
    factories.make_commitment(agreement=agreement(kind="fta", visibility="internal"))

    for forum in (None, parent_org, government_org, hidden_org):
        factories.make_event(forum=forum, city_vi="Hà Nội", city_en="", country="", url="")
    factories.make_event(end_on=D(2019, 12, 2), country="VN", url="https://example.org/e")  # a tie on start_on
    factories.make_event(visibility="government", start_on=D(2019, 11, 30))
    stamp_every_row()
    # Updated last, but hidden from everyone the API serves.
    later = datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC)
    Organization.objects.filter(pk=hidden_org.pk).update(updated_at=later)
    Person.objects.filter(pk=hidden_person.pk).update(updated_at=later)
    AgreementStatusChange.objects.filter(visibility="internal").update(updated_at=later)
    OrganizationName.objects.filter(visibility="internal").update(updated_at=later)


def test_edge_cases_every_ordering_and_audience(client_for):
    edge_cases()
    check_everything(client_for, pages=10)


@pytest.mark.parametrize(
    "day", [ENDING_DAY - datetime.timedelta(days=1), ENDING_DAY, ENDING_DAY + datetime.timedelta(days=1)]
)
def test_standing_around_an_ending_day_on_a_frozen_clock(client_for, day):
    edge_cases()
    # 23:30 in Hanoi is still ``day`` there but the next day nowhere else:
    # "today" is the project's, as timezone.localdate() gives it.
    with time_machine.travel(datetime.datetime(day.year, day.month, day.day, 16, 30, tzinfo=datetime.UTC), tick=False):
        for audience in AUDIENCES:
            same_pages(client_for(audience), "agreements", limit=50, pages=1)
        rows = client_for("government").get("/api/v1/agreements/?limit=50").json()["results"]
    standings = {(row["standing"]["state"], row["standing"]["as_of"]) for row in rows}
    ended_on_the_day = ("ended", str(ENDING_DAY))
    assert (ended_on_the_day in standings) == (day >= ENDING_DAY)  # the fixture reaches both sides


def test_edge_cases_filters_search_and_limits(client_for):
    edge_cases()
    org = Organization.objects.filter(acronym="ISO", parent__isnull=True).get()
    queries = {
        "agreements": [
            "&kind=fta",
            "&kind=mou&kind=fta",
            "&status=terminated",
            f"&organization={org.pk}",
            "&organization_acronym=iso",
            "&country=JP",
            "&signed_after=2015-01-01",
            "&signed_before=2015-01-01&ordering=-valid_until",
            "&in_force_on=2024-01-01",
            "&q=hop%20tac",
            "&q=bản%20ghi%20nhớ&ordering=slug",
        ],
        "commitments": [
            "&open=true",
            "&open=false",
            "&deadline_after=2024-01-01",
            "&q=cam%20ket",
            "&agreement_kind=fta",
        ],
        "events": [
            "&country=VN",
            "&hosted_by_us=false",
            f"&forum={org.pk}",
            "&q=hoi%20nghi",
            "&starts_after=2000-01-01",
        ],
        "organizations": ["&kind=national_body", f"&parent={org.pk}", "&q=iso", "&country=VN"],
    }
    for audience in AUDIENCES:
        client = client_for(audience)
        for name, extras in queries.items():
            for query in extras:
                same_pages(client, name, query, limit=2, pages=3)
            for limit in (1, 500):
                same_pages(client, name, limit=limit, pages=2)


def test_an_empty_list_and_errors_are_the_serializers(client_for):
    client = client_for("public")
    for name in VIEWSETS:
        same_page(client, name, f"/api/v1/{name}/")
        for query in ("?limit=0", "?cursor=bm9wZQ", "?ordering=nope", "?unknown=1"):
            projected = client.get(f"/api/v1/{name}/{query}")
            with serializers_only(name):
                serialized = client.get(f"/api/v1/{name}/{query}")
            assert projected.status_code == serialized.status_code == 400
            assert projected.json() == serialized.json()


# --- seed and generated data ---------------------------------------------------


def test_seed_data(client_for):
    call_command("load_seed", verbosity=0)
    assert Agreement.objects.exists()
    check_everything(client_for)


def test_generated_data(client_for):
    call_command("generate_data", "--scale", "tiny", "--seed", "3", "--no-progress")
    # The generator writes one time for many rows: vary them, microseconds too.
    every_third = Agreement.objects.order_by("pk").values_list("pk", flat=True)[::3]
    Agreement.objects.filter(pk__in=every_third).update(
        updated_at=F("updated_at") + datetime.timedelta(microseconds=1234)
    )
    check_everything(client_for)


# --- the projection follows its serializer -----------------------------------------


def shape(value):
    """The keys of ``value``, recursively (a list's shape is its first item's)."""
    if isinstance(value, dict):
        return {key: shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [shape(value[0])] if value else []
    return None


@pytest.mark.parametrize("name", sorted(VIEWSETS))
def test_a_projection_has_its_serializers_fields(client_for, name):
    edge_cases()
    viewset = VIEWSETS[name]
    assert viewset.projection.names == list(viewset.serializer_class().fields)
    # Nested objects and lists too, on rows where each is filled.
    projected = client_for("government").get(f"/api/v1/{name}/?limit=500").json()["results"]
    with serializers_only(name):
        serialized = client_for("government").get(f"/api/v1/{name}/?limit=500").json()["results"]
    for projected_row, serialized_row in zip(projected, serialized, strict=True):
        assert list(projected_row) == list(serialized_row)
        assert shape(projected_row) == shape(serialized_row)
    filled = {key for row in projected for key, value in row.items() if value not in (None, [])}
    nested = {key for key, field in viewset.serializer_class().fields.items() if hasattr(field, "fields")}
    assert nested <= filled, "the fixture leaves a nested object empty: its keys would go unchecked"
