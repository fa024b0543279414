"""The staff calendar: a month page in the admin and a private iCal feed per
staff member, both with internal items; the feed only behind its token."""

import datetime
import re

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from icalendar import Calendar

from tests.factories import make_agreement, make_delegation, make_event
from workflow.calendar import make_feed_link
from workflow.models import CalendarFeed

TODAY = datetime.date(2026, 12, 1)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2026, 12, 1, 9, 0, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def items(db):
    return {
        "internal_event": make_event(
            title_vi="Họp nội bộ chuẩn bị", start_on=TODAY + datetime.timedelta(days=3), visibility="internal"
        ),
        "public_event": make_event(
            title_vi="Hội nghị APMP", start_on=TODAY + datetime.timedelta(days=10), visibility="public"
        ),
        "delegation": make_delegation(
            title_vi="Đoàn đi Hàn Quốc",
            start_on=TODAY + datetime.timedelta(days=5),
            end_on=TODAY + datetime.timedelta(days=9),
        ),
        "expiring": make_agreement(
            title_vi="MoU hết hạn tháng này", valid_until=TODAY + datetime.timedelta(days=20), status="in_force"
        ),
        "next_year": make_event(title_vi="Họp năm 2028", start_on=datetime.date(2028, 3, 1)),
    }


@pytest.fixture
def viewer(db):
    user = get_user_model().objects.create(username="viewer", is_staff=True)
    user.groups.add(Group.objects.get(name="Viewers"))
    return user


def test_the_month_page_lists_events_delegations_and_deadlines_internal_included(client, viewer, items):
    client.force_login(viewer)
    page = client.get(reverse("workflow:calendar")).content.decode()

    for title in ("Họp nội bộ chuẩn bị", "Hội nghị APMP", "Đoàn đi Hàn Quốc", "MoU hết hạn tháng này"):
        assert title in page
    assert "Họp năm 2028" not in page


def test_another_month_and_an_unreadable_one(client, viewer, items):
    client.force_login(viewer)
    assert "Họp năm 2028" in client.get(reverse("workflow:calendar"), {"month": "2028-03"}).content.decode()

    response = client.get(reverse("workflow:calendar"), {"month": "03/2028"}, follow=True)
    assert response.status_code == 200
    assert "is not a month" in response.content.decode()


def test_the_calendar_page_is_for_staff_only(client, items):
    response = client.get(reverse("workflow:calendar"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_the_private_feed_holds_internal_items_behind_its_token(client, viewer, items):
    token = make_feed_link(user=viewer)

    response = client.get(reverse("workflow:calendar-feed", args=[token]))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    summaries = {str(event["summary"]) for event in Calendar.from_ical(response.content).walk("VEVENT")}
    assert any("Họp nội bộ chuẩn bị" in summary for summary in summaries)
    assert any("Đoàn đi Hàn Quốc" in summary for summary in summaries)
    assert any("MoU hết hạn tháng này" in summary for summary in summaries)
    assert CalendarFeed.objects.get(user=viewer).last_used_at is not None


def test_the_public_calendar_still_hides_internal_events(client, items):
    body = client.get(reverse("events:ical")).content.decode()
    assert "Hội nghị APMP" in body
    assert "Họp nội bộ chuẩn bị" not in body


@pytest.mark.parametrize("case", ["unknown", "revoked", "replaced", "inactive", "not_staff"])
def test_a_feed_without_a_valid_token_or_owner_is_not_found(client, viewer, items, case):
    token = make_feed_link(user=viewer)
    if case == "unknown":
        token = "x" * 43
    elif case == "revoked":
        CalendarFeed.objects.filter(user=viewer).delete()
    elif case == "replaced":
        make_feed_link(user=viewer)
    elif case == "inactive":
        get_user_model().objects.filter(pk=viewer.pk).update(is_active=False)
    else:
        get_user_model().objects.filter(pk=viewer.pk).update(is_staff=False)

    response = client.get(reverse("workflow:calendar-feed", args=[token]))

    assert response.status_code == 404
    assert "Họp nội bộ".encode() not in response.content


def test_making_and_revoking_a_link_from_the_page(client, viewer, items):
    client.force_login(viewer)

    response = client.post(reverse("workflow:calendar-link"), {"action": "make"}, follow=True)
    page = response.content.decode()
    link = re.search(r"/admin/workflow/calendar/([A-Za-z0-9_-]{40,})\.ics", page).group(1)
    assert CalendarFeed.objects.filter(user=viewer).exists()
    client.logout()
    assert client.get(f"/admin/workflow/calendar/{link}.ics").status_code == 200
    stored = CalendarFeed.objects.get(user=viewer).token_hash
    assert link not in stored  # only a hash is kept

    client.force_login(viewer)
    client.post(reverse("workflow:calendar-link"), {"action": "revoke"})
    client.logout()
    assert client.get(f"/admin/workflow/calendar/{link}.ics").status_code == 404


def test_the_month_page_reads_in_a_constant_number_of_queries(client, viewer, items, django_assert_max_num_queries):
    client.force_login(viewer)
    client.get(reverse("workflow:calendar"))
    for day in range(4):
        make_event(start_on=TODAY + datetime.timedelta(days=day))
        make_delegation(start_on=TODAY + datetime.timedelta(days=day))
    with django_assert_max_num_queries(30) as captured:
        client.get(reverse("workflow:calendar"))
    before = len(captured)
    for day in range(4):
        make_event(start_on=TODAY + datetime.timedelta(days=day + 5))
    with django_assert_max_num_queries(before):
        client.get(reverse("workflow:calendar"))
