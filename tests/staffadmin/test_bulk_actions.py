"""Bulk actions: a confirmation page first, then each chosen row saved with
its own history row, nothing else touched; Viewers never see them. Run by a
Publisher: an Editor's change to public rows waits for review
(tests/staffadmin/test_publication_review.py)."""

import datetime

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from agreements.models import Commitment
from organizations.models import Dues
from tests.admin.conftest import admin_url
from tests.factories import make_commitment, make_dues, make_person


def run_action(client, model, action, rows, **confirm):
    data = {"action": action, ACTION_CHECKBOX_NAME: [row.pk for row in rows]}
    if confirm:
        data.update(confirm=["yes"], **confirm)
    return client.post(admin_url(model, "changelist"), data)


def test_marking_dues_paid_asks_for_a_date_then_saves_each_row_with_history(publisher_client, publisher):
    chosen = [make_dues(year=2001), make_dues(year=2002)]
    untouched = make_dues(year=2003)
    assert 'value="mark_dues_paid"' in publisher_client.get(admin_url(Dues, "changelist")).content.decode()

    page = run_action(publisher_client, Dues, "mark_dues_paid", chosen)
    assert page.status_code == 200
    assert 'name="paid_on"' in page.content.decode()
    assert not Dues.objects.filter(paid_on__isnull=False).exists()

    done = run_action(publisher_client, Dues, "mark_dues_paid", chosen, paid_on="15/03/2024")

    assert done.status_code == 302
    for row in chosen:
        row.refresh_from_db()
        assert row.paid_on == datetime.date(2024, 3, 15)
        latest = row.history.latest("history_date")
        assert (latest.history_type, latest.history_user, latest.paid_on) == ("~", publisher, row.paid_on)
        assert latest.history_change_reason
    untouched.refresh_from_db()
    assert untouched.paid_on is None
    assert untouched.history.count() == 1


def test_the_confirmation_page_loads_what_the_date_boxs_calendar_needs(editor_client):
    """calendar.js calls gettext() as it loads: without the admin's catalogue
    first, the page throws and the calendar next to the date box is missing;
    without forms.css its icon is not drawn."""
    page = run_action(editor_client, Dues, "mark_dues_paid", [make_dues(year=2001)]).content.decode()

    catalogue = page.find(f'src="{reverse("admin:jsi18n")}"')
    assert 0 <= catalogue < page.find("admin/js/calendar.js")
    assert "admin/css/forms.css" in page  # the calendar's icon and pop-up (widgets.css)


def test_a_bad_date_is_said_on_the_confirmation_page_and_nothing_is_saved(editor_client):
    row = make_dues(year=2001)
    page = run_action(editor_client, Dues, "mark_dues_paid", [row], paid_on="2024-13-45")
    assert page.status_code == 200
    assert 'class="errorlist' in page.content.decode()
    row.refresh_from_db()
    assert row.paid_on is None


def test_setting_commitment_status_touches_only_the_chosen_ones(publisher_client, publisher):
    chosen = make_commitment(status="in_progress")
    other = make_commitment(status="in_progress")

    run_action(publisher_client, Commitment, "set_commitment_status", [chosen], status="implemented")

    chosen.refresh_from_db()
    other.refresh_from_db()
    assert (chosen.status, other.status) == ("implemented", "in_progress")
    assert chosen.history.latest("history_date").history_user == publisher
    assert other.history.count() == 1


def test_assigning_a_responsible_person(publisher_client, publisher):
    person = make_person()
    chosen = make_commitment()
    other = make_commitment()

    run_action(publisher_client, Commitment, "assign_responsible_person", [chosen], responsible_person=person.pk)

    chosen.refresh_from_db()
    other.refresh_from_db()
    assert (chosen.responsible_person, other.responsible_person) == (person, None)
    latest = chosen.history.latest("history_date")
    assert (latest.history_user, latest.responsible_person_id) == (publisher, person.pk)


@pytest.mark.parametrize(
    ("model", "action", "make", "values"),
    [
        (Dues, "mark_dues_paid", make_dues, {"paid_on": "15/03/2024"}),
        (Commitment, "set_commitment_status", make_commitment, {"status": "implemented"}),
    ],
)
def test_viewers_neither_see_nor_run_the_actions(viewer_client, model, action, make, values):
    row = make()
    listing = viewer_client.get(admin_url(model, "changelist")).content.decode()
    assert f'value="{action}"' not in listing

    response = run_action(viewer_client, model, action, [row], **values)

    assert response.status_code in (200, 302, 403)
    assert row.history.count() == 1


def test_a_paid_date_a_row_refuses_rolls_back_every_row_with_a_message(publisher_client):
    fine = make_dues(year=2001, due_on=datetime.date(2001, 3, 1))
    # A row whose own data the model's validation refuses (an old import,
    # say): a currency code not in ISO 4217, written straight in SQL.
    broken = make_dues(year=2002)
    Dues.objects.filter(pk=broken.pk).update(currency="ZZZ")

    response = run_action(publisher_client, Dues, "mark_dues_paid", [fine, broken], paid_on="15/03/2024")

    assert response.status_code == 302
    fine.refresh_from_db()
    broken.refresh_from_db()
    assert (fine.paid_on, broken.paid_on) == (None, None)
    page = publisher_client.get(response["Location"]).content.decode()
    assert "Nothing was changed" in page


def test_rows_chosen_through_a_grouped_or_distinct_list_are_still_saved(publisher):
    """The admin hands an action its list's queryset, which may be DISTINCT
    or grouped (a filter across a relation, a count column): PostgreSQL
    refuses FOR UPDATE on those, so the rows are locked by key instead."""
    from django.db.models import Count

    from workflow.bulk import save_each

    chosen = [make_dues(year=2001), make_dues(year=2002)]
    keys = [row.pk for row in chosen]
    for rows in (
        Dues.objects.filter(pk__in=keys).distinct(),
        Dues.objects.filter(pk__in=keys).annotate(n=Count("membership__dues")),
    ):
        Dues.objects.filter(pk__in=keys).update(paid_on=None)
        outcome = save_each(rows=rows, values={"paid_on": datetime.date(2024, 3, 15)}, user=publisher, reason="test")
        assert outcome.changed == 2
        assert set(Dues.objects.filter(pk__in=keys).values_list("paid_on", flat=True)) == {datetime.date(2024, 3, 15)}
