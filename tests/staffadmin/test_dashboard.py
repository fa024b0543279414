"""The admin index's dashboard: the radar's items sorted by urgency, the
staff member's own commitments, colleagues' changes and key figures, each
linked to its record."""

import datetime

import time_machine
from django.urls import reverse

from tests.factories import make_commitment, make_dues, make_event, make_organization, make_person
from tests.staffadmin.conftest import TODAY
from workflow.dashboard import staff_dashboard
from workflow.selectors import radar_items


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


def test_the_dashboard_sorts_exactly_the_radars_items(editor):
    make_dues(due_on=days(-5), year=2001)
    make_commitment(deadline=days(3), status="in_progress")
    make_event(start_on=days(7))
    make_event(start_on=days(8))
    make_event(start_on=days(30))
    make_event(start_on=days(31))  # beyond the dashboard's 30 days

    dash = staff_dashboard(user=editor, today=TODAY)

    radar = radar_items(today=TODAY, days=30)
    assert [i.key for i in dash.overdue + dash.within_7 + dash.within_30] == [i.key for i in radar]
    assert [i.due_on for i in dash.overdue] == [days(-5)]
    assert [i.due_on for i in dash.within_7] == [days(3), days(7)]
    assert [i.due_on for i in dash.within_30] == [days(8), days(30)]


def test_my_assignments_are_the_commitments_of_the_person_with_my_email(editor):
    unit = make_organization()
    me = make_person(email="LAN@example.org", unit=unit)
    mine = make_commitment(responsible_person=me, deadline=days(40))
    my_units = make_commitment(responsible_unit=unit)
    make_commitment(responsible_person=make_person(email="other@example.org"))
    make_commitment(responsible_person=me, status="implemented")  # closed

    dash = staff_dashboard(user=editor, today=TODAY)

    assert dash.my_person == me
    assert {c.pk for c in dash.assignments} == {mine.pk, my_units.pk}


def test_the_index_links_each_item_to_its_record_and_lists_colleagues_changes(editor_client, colleague):
    commitment = make_commitment(deadline=days(-2), status="in_progress", title_vi="Cam kết quá hạn")
    event = make_event(start_on=days(10), title_vi="Hội nghị sắp tới")
    colleague_client_change = reverse("admin:events_event_change", args=[event.pk])
    commitment.status = "ongoing"
    commitment._history_user = colleague
    commitment.save()

    with time_machine.travel(datetime.datetime(2024, 3, 1, 9, tzinfo=datetime.UTC)):
        page = editor_client.get(reverse("admin:index")).content.decode()

    overdue = page.split('id="dashboard-overdue"')[1].split("</table>")[0]
    assert reverse("admin:agreements_commitment_change", args=[commitment.pk]) in overdue
    later = page.split('id="dashboard-within-30"')[1].split("</table>")[0]
    assert colleague_client_change in later and "Hội nghị sắp tới" in later
    recent = page.split('id="dashboard-recent"')[1].split("</table>")[0]
    assert "colleague" in recent and "Cam kết quá hạn" in recent
    assert "editor" not in recent
    figures = page.split('id="dashboard-figures"')[1].split("</table>")[0]
    assert "Open commitments" in figures


def test_current_memberships_are_those_held_today_by_the_truth_rule():
    """Before, any membership not ended counted: one not begun yet, and an
    open-ended one no source has confirmed for years, too."""
    from tests.factories import make_membership, make_source
    from workflow.dashboard import key_figures

    recent = make_source(published_on=days(-30))
    old = make_source(published_on=datetime.date(2001, 1, 1))
    make_membership(since=datetime.date(2010, 1, 1), source=recent)  # held, confirmed
    make_membership(since=datetime.date(2010, 1, 1), until=days(100), source=old)  # held, dated
    make_membership(since=days(10), until=days(400), source=recent)  # not begun
    make_membership(since=datetime.date(2001, 1, 1), source=old)  # open-ended, last reported 2001
    figures = {str(label): count for label, count, _link in key_figures(today=TODAY)}
    assert figures["Current memberships"] == 2
    # The open-ended one no source confirms since 2001: to confirm, not current, not lost.
    assert figures["Memberships to confirm (no recent source)"] == 1


def test_the_memberships_to_confirm_link_opens_a_list(editor_client):
    from workflow.dashboard import key_figures

    links = {str(label): link for label, _count, link in key_figures(today=TODAY)}
    assert editor_client.get(links["Memberships to confirm (no recent source)"]).status_code == 200
