"""The deadline radar: exactly what falls due within each horizon, nothing
beyond, overdue dues and commitments always, in a constant number of queries."""

import datetime

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from core.truth import confirmation_window
from tests.factories import (
    make_agreement,
    make_ballot,
    make_commitment,
    make_delegation,
    make_dues,
    make_event,
    make_office,
)
from tests.workflow.conftest import TODAY
from workflow.selectors import RadarKind, radar_items


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture(scope="module")
def _deadlines_module(django_db_setup, django_db_blocker):
    """Built once for the module, rolled back at its end; tests read it in savepoints."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield _build_deadlines()
        transaction.set_rollback(True)


@pytest.fixture
def deadlines(_deadlines_module, db):
    return _deadlines_module


def _build_deadlines():
    """One item of each kind at 0, 7, 8, 30, 31, 90 and 91 days (and some overdue)."""
    made = {}
    for offset in (0, 7, 8, 30, 31, 90, 91):
        made[("agreement", offset)] = make_agreement(valid_until=days(offset), status="in_force")
        made[("dues", offset)] = make_dues(due_on=days(offset), year=2000 + offset)
        made[("commitment", offset)] = make_commitment(deadline=days(offset), status="in_progress")
        made[("ballot", offset)] = make_ballot(closes_on=days(offset))
        made[("office", offset)] = make_office(term_end=days(offset))
        made[("event", offset)] = make_event(start_on=days(offset))
        made[("departure", offset)] = make_delegation(start_on=days(offset), direction="outgoing")
        made[("arrival", offset)] = make_delegation(start_on=days(offset), direction="incoming")
        # An open-ended office whose last confirmation leaves the window that day.
        made[("confirmation", offset)] = make_office(last_confirmed_on=days(offset) - confirmation_window())
    made[("dues", -40)] = make_dues(due_on=days(-40), year=1990)
    made[("commitment", -400)] = make_commitment(deadline=days(-400))
    # Never on the radar: already done, or in the past for kinds that are not "overdue".
    make_dues(due_on=days(3), paid_on=days(1), year=2100)
    make_commitment(deadline=days(3), status="implemented")
    make_ballot(closes_on=days(3), vote="approve")
    make_agreement(valid_until=days(3), status="terminated")
    make_agreement(valid_until=days(-3), status="in_force")
    make_event(start_on=days(-1))
    make_office(term_end=days(-1))
    make_delegation(start_on=days(-1), direction="outgoing")
    return made


def listed(days_ahead):
    return {(item.kind, item.obj.pk) for item in radar_items(today=TODAY, days=days_ahead)}


def expected(deadlines, days_ahead):
    return {
        (kind, obj.pk)
        for (kind, offset), obj in deadlines.items()
        if offset <= days_ahead and (offset >= 0 or kind in {"dues", "commitment"})
    }


@pytest.mark.parametrize("days_ahead", [7, 30, 90])
def test_the_radar_lists_exactly_what_falls_due_within_the_horizon(deadlines, days_ahead):
    assert listed(days_ahead) == expected(deadlines, days_ahead)


def test_each_horizon_widens_the_previous_one(deadlines):
    assert len(listed(7)) < len(listed(30)) < len(listed(90))
    assert len(listed(7)) == len(RadarKind.LABELS) * 2 + 2  # every kind at 0 and 7 days, plus the two overdue


def test_items_come_in_date_order_with_days_left(deadlines):
    items = radar_items(today=TODAY, days=30)
    assert [item.due_on for item in items] == sorted(item.due_on for item in items)
    assert items[0].when(TODAY) == "400 days overdue"
    assert {item.kind for item in items} == set(RadarKind.LABELS)


def test_the_radar_reads_in_a_constant_number_of_queries(deadlines, django_assert_num_queries):
    before = len(radar_items(today=TODAY, days=30))
    for offset in (1, 2, 3):
        make_agreement(valid_until=days(offset))
        make_dues(due_on=days(offset), year=2000 + offset)
        make_commitment(deadline=days(offset))
        make_ballot(closes_on=days(offset))
        make_office(term_end=days(offset))
        make_event(start_on=days(offset))
        make_delegation(start_on=days(offset))
    # One per kind (departures and arrivals: one); confirmations: offices and memberships.
    with django_assert_num_queries(9):
        items = radar_items(today=TODAY, days=30)
        rendered = [(str(item.obj), item.detail, item.responsible) for item in items]
    assert len(rendered) == before + 21


def test_the_radar_page_lists_items_with_links_and_a_horizon_choice(staff_client, deadlines, settings):
    settings.COOPDB_RADAR_HORIZONS = [7, 30, 90]
    response = staff_client.get(reverse("workflow:radar"), {"days": 7})

    assert response.status_code == 200
    content = response.content.decode()
    shown = radar_items(today=timezone.localdate(), days=7)
    assert content.count('<tr class="radar-') == len(shown) > 0
    assert all(str(item.obj) in content for item in shown)
    assert '<option value="90">' in content
    assert reverse("workflow:import-template", args=["agreement"]) in content


def test_the_radar_is_for_staff_only(client, db):
    response = client.get(reverse("workflow:radar"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]
