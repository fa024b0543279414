"""The change feed (/api/v1/changes/): a mirror replaying it ends identical
to a fresh full read of every list, for the public and for a ministry key,
through creates, edits, deletions, child changes and visibility changes;
and it never tells an audience anything it may not see."""

import datetime
import json

import pytest
import time_machine
from django.urls import reverse

from agreements.models import Agreement, AgreementStatusChange, Commitment
from api.changes import settle
from api.models import Change
from core.models import ReportedFigure
from events.models import DelegationMember, Event
from organizations.models import OrganizationName
from tests.api.conftest import ENDPOINTS, NOTE, PRIVATE_MARKERS, all_pages, build_agreement, build_organization
from tests.factories import (
    make_agreement,
    make_commitment,
    make_delegation,
    make_dues,
    make_event,
    make_membership,
    make_organization,
    make_party,
    make_person,
)
from workflow.bulk import save_each
from workflow.deleted import restore

FEED = reverse("api:changes")
NOW = datetime.datetime(2024, 5, 2, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _frozen_clock():
    # "standing" (in force, ended...) is computed for today: keep today still.
    with time_machine.travel(NOW, tick=True):
        yield


def full_read(api, key=None) -> dict:
    """Every list, every page: {(kind, id): record}."""
    records = {}
    for endpoint in ENDPOINTS:
        for row in all_pages(api, endpoint.list_url(), key=key, limit=20):
            records[(endpoint.basename, row["id"])] = row
    return records


class Mirror:
    """What an integrator keeps: records by (kind, id), and a cursor."""

    def __init__(self, api, key=None, cursor=None):
        self.api, self.key, self.cursor = api, key, cursor
        self.records = {}
        self.entries = []

    def sync(self, limit=3):
        params = {"limit": limit}
        if self.cursor:
            params["after"] = self.cursor
        response = self.api.get(FEED, key=self.key, **params)
        while True:
            assert response.status_code == 200, response.content
            body = response.json()
            for entry in body["results"]:
                self.apply(entry)
            self.cursor = body["cursor"]
            if not body["has_more"]:
                return
            response = self.api.get(body["next"], key=self.key)

    def apply(self, entry):
        self.entries.append(entry)
        where = (entry["kind"], entry["id"])
        if entry["action"] == "removed":
            assert entry["record"] is None and entry["url"] is None
            self.records.pop(where, None)
        else:
            assert entry["action"] in ("created", "changed")
            assert entry["url"] == entry["record"]["url"]
            self.records[where] = entry["record"]


def head_cursor(api, key=None):
    """The feed's end now: page to it (what a mirror does before a full read)."""
    mirror = Mirror(api, key)
    mirror.sync(limit=500)
    return mirror.cursor


def build_everything():
    """One complete record of every list at every level, with children."""
    built = {}
    for endpoint in ENDPOINTS:
        for visibility in ("public", "government", "internal"):
            built[(endpoint.basename, visibility)] = endpoint.build(visibility=visibility)
    return built


def script(built):
    """Creates, edits, deletions, child changes, visibility changes."""
    agreement = built[("agreement", "public")]
    government_agreement = built[("agreement", "government")]
    organization = built[("organization", "public")]
    # An organization's rename changes the agreements it is a party to.
    party_org = make_organization(acronym="PARTY", name_vi="Đối tác")
    make_party(agreement=agreement, organization=party_org)
    party_org.name_vi = "Đối tác (tên mới)"
    party_org.save()
    # A child of a public agreement: a stage added, then removed.
    stage = AgreementStatusChange.objects.create(
        agreement=agreement, status="in_force", changed_on=datetime.date(2019, 1, 1), source=agreement.source
    )
    stage.delete()
    # public → internal → public, and government → public.
    for level in ("internal", "public"):
        agreement.visibility = level
        agreement.save()
    government_agreement.visibility = "public"
    government_agreement.save()
    # Renamed while hidden, then deleted: the public's removal must not show the new slug.
    hidden = make_agreement(slug="seen-slug", title_vi="Thấy được")
    hidden.visibility = "internal"
    hidden.save()
    hidden.slug = "secret-slug"
    hidden.title_vi = "Bí mật"
    hidden.save()
    hidden.delete()
    # An internal record, edited and deleted: nobody outside staff hears of it.
    secret = make_agreement(slug="never-seen", visibility="internal")
    secret.title_vi = "Không ai thấy"
    secret.save()
    secret.delete()
    # Organizations: edited, a former name added, lowered to government only.
    organization.acronym = "RENAMED"
    organization.save()
    OrganizationName.objects.create(
        organization=organization, key="old-name", name_vi="Tên cũ", source=organization.source
    )
    member_org = make_organization(acronym="MEMBER")
    membership = make_membership(member=member_org, organization=organization)
    make_dues(membership=membership, year=2023)
    organization.visibility = "government"
    organization.save()
    # Hiding the member hides the membership and its dues from everyone but staff.
    member_org.visibility = "internal"
    member_org.save()
    # Deletions, one with cascading children.
    built[("organization", "government")].delete()
    built[("membership", "public")].delete()
    built[("dues", "public")].delete()
    built[("delegation", "public")].delete()
    built[("event", "government")].internal_note = "edited note only"
    built[("event", "government")].save()
    # Delegation members come and go.
    delegation = make_delegation(event=make_event())
    member = DelegationMember.objects.create(delegation=delegation, person=make_person(), source=delegation.source)
    member.delete()
    # A source's citing record hidden: the source leaves the public's sources list.
    figure_source = built[("source", "public")]
    for figure in ReportedFigure.objects.filter(source=figure_source):
        figure.visibility = "internal"
        figure.save()
    built[("reportedfigure", "public")].visibility = "internal"
    built[("reportedfigure", "public")].save()
    # Commitments and offices edited.
    commitment = built[("commitment", "public")]
    commitment.status = "implemented"
    commitment.save()
    office = built[("office", "public")]
    office.title_vi = "Chủ tịch"
    office.save()


@pytest.mark.parametrize("with_key", [False, True], ids=["public", "ministry"])
def test_a_mirror_of_the_feed_equals_a_full_read(api, key, with_key):
    key = key if with_key else None
    built = build_everything()
    from_start = Mirror(api, key)
    from_start.sync()
    assert from_start.records == full_read(api, key)

    # A second integrator: the feed's cursor first, then a full read.
    cursor = head_cursor(api, key)
    late = Mirror(api, key, cursor)
    late.records = full_read(api, key)

    script(built)
    from_start.sync()
    late.sync(limit=2)
    fresh = full_read(api, key)
    assert from_start.records == fresh
    assert late.records == fresh

    # Polling again finds nothing new.
    before = len(from_start.entries)
    from_start.sync()
    assert len(from_start.entries) == before


def test_the_feed_tells_each_audience_only_what_it_may_see(api, key):
    agreement = make_agreement(slug="seen-slug", title_vi="Thấy được")
    make_agreement(slug="never-seen", title_vi="Nội bộ", visibility="internal", internal_note=NOTE)
    government = make_agreement(slug="for-ministries", visibility="government")
    public_cursor, government_cursor = head_cursor(api), head_cursor(api, key)

    agreement.visibility = "internal"
    agreement.save()
    agreement.slug = "secret-slug"
    agreement.internal_note = NOTE
    agreement.save()
    government.title_vi = "Đổi tên"
    government.save()
    agreement_id = agreement.pk
    agreement.delete()

    public = api.get(FEED, after=public_cursor).json()["results"]
    assert [(entry["kind"], entry["id"], entry["key"], entry["action"]) for entry in public] == [
        ("agreement", agreement_id, "seen-slug", "removed"),
        # Its source is cited by no public record any more.
        ("source", agreement.source_id, agreement.source.key, "removed"),
    ]
    ministry = api.get(FEED, key=key, after=government_cursor).json()["results"]
    assert [(entry["key"], entry["action"]) for entry in ministry if entry["kind"] == "agreement"] == [
        ("seen-slug", "removed"),
        ("for-ministries", "changed"),
    ]
    everything = json.dumps([api.get(FEED).json(), api.get(FEED, key=key).json()])
    for secret in ("never-seen", "secret-slug", "Nội bộ"):
        assert secret not in everything
    for marker in PRIVATE_MARKERS:
        assert not marker.search(everything)


def test_an_edit_nobody_outside_staff_sees_is_not_in_the_feed(api, key):
    organization = build_organization()
    cursor = head_cursor(api)
    # A child only staff see, added and removed: the public detail is unchanged.
    name = OrganizationName.objects.create(
        organization=organization, key="staff-only", name_vi="Nội bộ", source=organization.source, visibility="internal"
    )
    name.delete()
    assert api.get(FEED, after=cursor).json()["results"] == []


def test_a_child_change_is_an_entry_for_its_parent(api):
    agreement = build_agreement()
    cursor = head_cursor(api)
    make_party(agreement=agreement, country="KR")
    results = [entry for entry in api.get(FEED, after=cursor).json()["results"] if entry["kind"] == "agreement"]
    assert [(entry["id"], entry["action"]) for entry in results] == [(agreement.pk, "changed")]
    assert "KR" in {party["country"] for party in results[0]["record"]["parties"]}


@pytest.mark.parametrize(
    "params",
    [
        {"after": "junk"},
        {"after": "Yzk5OTk5OTk"},  # a well-formed position beyond the log's end
        {"after": "%%%"},
        {"limit": "0"},
        {"limit": "501"},
        {"limit": ""},
        {"limit": ["2", "3"]},
        {"since": "2024-01-01"},
    ],
)
def test_bad_parameters_are_a_400_in_json(api, params):
    response = api.get(FEED, **params)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["errors"]


def test_the_log_is_written_by_saves_and_deletes_of_children():
    agreement = make_agreement()
    party = make_party(agreement=agreement, country="KR")
    settle()
    party.delete()
    settle()
    rows = Change.objects.filter(kind="agreement", object_id=agreement.pk)
    # One pending row while unsettled: created and changed before a settle are one change.
    assert [row.action for row in rows] == ["created", "changed"]
    assert [row.public_action for row in rows] == ["created", "changed"]
    assert all(row.settled and row.public_digest and row.government_digest for row in rows)


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
def test_every_list_filters_by_updated_since_and_sorts_by_update_time(api, endpoint):
    with time_machine.travel(datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC), tick=False):
        old = endpoint.build()
    with time_machine.travel(datetime.datetime(2024, 3, 1, tzinfo=datetime.UTC), tick=False):
        # Two records changed at the same instant: the id breaks the tie.
        recent = [endpoint.build(), endpoint.build()]
    url = endpoint.list_url()
    since = {row["id"] for row in all_pages(api, url, updated_since="2024-02-01T00:00:00Z")}
    assert {record.pk for record in recent} <= since
    assert old.pk not in since
    # Without an offset: the server's time zone (Asia/Ho_Chi_Minh, UTC+7).
    assert old.pk in {row["id"] for row in all_pages(api, url, updated_since="2024-01-01T06:59:59")}

    ascending = all_pages(api, url, ordering="updated_at", limit=1)
    descending = all_pages(api, url, ordering="-updated_at", limit=1)
    times = [row["updated_at"] for row in ascending]
    assert times == sorted(times)
    assert [row["updated_at"] for row in descending] == sorted(times, reverse=True)
    assert len({row["id"] for row in ascending}) == len(ascending)  # no row twice across pages
    ids_at_march = [row["id"] for row in ascending if row["updated_at"].startswith("2024-03-01")]
    assert ids_at_march == sorted(ids_at_march)


@pytest.mark.parametrize("value", ["yesterday", "2024-13-01T00:00:00Z", "2024-01-01T25:00", ""])
def test_a_bad_updated_since_is_a_400(api, value):
    response = api.get(reverse("api:agreement-list"), updated_since=value)
    assert response.status_code == 400
    assert "updated_since" in response.json()["errors"]


@pytest.mark.parametrize("value", ["0133-03-15T22:41:02-20:56", "0001-01-01T00:00:00+23:00"])
def test_an_updated_since_postgresql_cannot_hold_is_read_in_utc_or_refused(api, value):
    response = api.get(reverse("api:agreement-list"), updated_since=value)
    assert response.status_code in (200, 400)
    assert response["Content-Type"].startswith("application/json")


def test_bulk_actions_and_restores_from_history_are_in_the_feed(api):
    commitments = [make_commitment(), make_commitment()]
    event = make_event(title_vi="Hội nghị khôi phục")
    event_id = event.pk
    cursor = head_cursor(api)

    save_each(
        rows=Commitment.objects.filter(pk__in=[c.pk for c in commitments]),
        values={"status": "implemented"},
        user=None,
        reason="bulk",
    )
    event.delete()
    removed = [(e["kind"], e["id"], e["action"]) for e in api.get(FEED, after=cursor).json()["results"]]
    assert ("event", event_id, "removed") in removed
    assert {("commitment", c.pk, "changed") for c in commitments} <= set(removed)

    cursor = head_cursor(api)
    historical = Event.history.get(id=event_id, history_type="-")
    restore(model=Event, history_id=historical.history_id, user=None)
    entries = api.get(FEED, after=cursor).json()["results"]
    assert [(e["kind"], e["id"], e["action"]) for e in entries if e["kind"] == "event"] == [
        ("event", event_id, "created")
    ]


def test_a_feed_page_costs_the_same_whatever_its_length(api):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_for_page(count):
        for _ in range(count):
            build_agreement()
        cursor = head_cursor(api)  # settles everything: only the read is counted
        for agreement in Agreement.objects.order_by("-pk")[:count]:
            agreement.title_en = "Edited"
            agreement.save()
        settle()
        with CaptureQueriesContext(connection) as captured:
            results = api.get(FEED, after=cursor, limit=500).json()["results"]
        assert len([e for e in results if e["kind"] == "agreement"]) == count
        return len(captured)

    assert queries_for_page(2) == queries_for_page(12)


def test_a_feed_page_builds_its_serializers_once_per_kind(api, monkeypatch):
    """Serializer fields are built once per kind and page, as a list builds
    them, not once per record: per record, building them cost more than the
    rendering (a page of 100 entries took several times a list page)."""
    from rest_framework.serializers import ModelSerializer

    built = []
    get_fields = ModelSerializer.get_fields

    def counting(serializer):
        built.append(type(serializer).__name__)
        return get_fields(serializer)

    monkeypatch.setattr(ModelSerializer, "get_fields", counting)

    def fields_built(count):
        for _ in range(count):
            build_agreement()
        cursor = head_cursor(api)
        for agreement in Agreement.objects.order_by("-pk")[:count]:
            agreement.title_en = "Edited"
            agreement.save()
        built.clear()
        settle()  # renders every pending record for both audiences
        settling = len(built)
        built.clear()
        results = api.get(FEED, after=cursor, limit=500).json()["results"]
        assert len([e for e in results if e["kind"] == "agreement"]) == count
        return settling, len(built)

    assert fields_built(2) == fields_built(12)
