"""Reminders per record: a responsible person on every kind with a deadline,
lead times typed on the record overriding the defaults, and delegations
reminded before they travel."""

import datetime
from io import StringIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command

from core.inputs import parse_lead_days
from tests.factories import (
    make_agreement,
    make_ballot,
    make_commitment,
    make_delegation,
    make_dues,
    make_event,
    make_membership,
    make_office,
    make_person,
)
from tests.workflow.conftest import TODAY
from workflow.models import ReminderSent


@pytest.fixture(autouse=True)
def _mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.COOPDB_RADAR_HORIZONS = [7, 30, 90]
    settings.COOPDB_REMINDER_DEPARTMENT_EMAIL = "htqt@example.org"


def days(n):
    return TODAY + datetime.timedelta(days=n)


def run(day=TODAY):
    call_command("send_reminders", date=day.isoformat(), stdout=StringIO())
    return {message.to[0]: message.body for message in mail.outbox}


def sent_for(record):
    return ReminderSent.objects.get(item_type=ContentType.objects.get_for_model(record), item_id=record.pk)


@pytest.fixture
def lan(db):
    return make_person(full_name="Trần Thị Lan", email="lan@example.org")


def one_of_each(person, **kw):
    """A record of every kind with a deadline 5 days away, ``person`` responsible."""
    return {
        "agreement": make_agreement(title_vi="Bản ghi nhớ A", valid_until=days(5), responsible_person=person, **kw),
        "dues": make_dues(due_on=days(5), membership=make_membership(responsible_person=person, **kw)),
        "ballot": make_ballot(reference="ISO/DIS 9999", closes_on=days(5), responsible_person=person, **kw),
        "office": make_office(title_vi="Chủ tịch nhiệm kỳ", term_end=days(5), responsible_person=person, **kw),
        "event": make_event(title_vi="Họp APLMF", start_on=days(5), responsible_person=person, **kw),
        "departure": make_delegation(title_vi="Đoàn đi Nhật", start_on=days(5), responsible_person=person, **kw),
        "arrival": make_delegation(
            title_vi="Đoàn KATS sang", direction="incoming", start_on=days(5), responsible_person=person, **kw
        ),
    }


def test_every_kind_with_a_deadline_reminds_its_responsible_person(lan):
    records = one_of_each(lan)

    sent = run()

    assert list(sent) == ["lan@example.org"]
    body = sent["lan@example.org"]
    for title in ("Bản ghi nhớ A", "ISO/DIS 9999", "Chủ tịch nhiệm kỳ", "Họp APLMF", "Đoàn đi Nhật", "Đoàn KATS sang"):
        assert title in body
    assert "Delegation departs" in body and "Delegation arrives" in body
    assert ReminderSent.objects.filter(recipient="lan@example.org").count() == len(records)


def test_without_a_responsible_person_the_department_is_reminded(db):
    make_delegation(title_vi="Đoàn chưa giao", start_on=days(3))

    sent = run()

    assert list(sent) == ["htqt@example.org"]
    assert "Đoàn chưa giao" in sent["htqt@example.org"]


def test_a_records_own_lead_times_replace_the_defaults(lan):
    # 120 days ahead is beyond every default horizon (90): reminded only because it asks.
    early = make_event(title_vi="Đại hội ISO", start_on=days(120), reminder_days="150, 14", responsible_person=lan)
    # 20 days ahead is inside the default 30-day horizon, but this record asked for 14 and 1 only.
    late = make_agreement(title_vi="MoU chỉ nhắc sát hạn", valid_until=days(20), reminder_days="14,1")

    sent = run()

    assert "Đại hội ISO" in sent["lan@example.org"]
    assert "MoU chỉ nhắc sát hạn" not in "".join(sent.values())
    assert sent_for(early).horizon == 150

    mail.outbox.clear()
    sent = run(days(6))  # the agreement is now 14 days away: its first horizon
    assert "MoU chỉ nhắc sát hạn" in sent["htqt@example.org"]
    assert sent_for(late).horizon == 14


def test_dues_follow_their_memberships_person_and_lead_times(lan):
    membership = make_membership(responsible_person=lan, reminder_days="100")
    make_dues(membership=membership, due_on=days(95), year=2025)

    sent = run()

    assert "lan@example.org" in sent
    assert ReminderSent.objects.get(recipient="lan@example.org").horizon == 100


def test_commitments_take_lead_times_too(lan):
    make_commitment(title_vi="Nộp báo cáo TBT", deadline=days(45), responsible_person=lan, reminder_days="60")

    assert "Nộp báo cáo TBT" in run()["lan@example.org"]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("60, 14, 1", "60,14,1"), ("1 14 60", "60,14,1"), ("30;30", "30"), ("", ""), (" 0 ", "0")],
)
def test_lead_times_are_stored_normalised(db, typed, stored):
    event = make_event(start_on=days(3))
    event.reminder_days = typed
    event.full_clean()
    assert event.reminder_days == stored


@pytest.mark.parametrize("typed", ["60, two", "-5", "400", "1,2,3,4,5,6,7", "7.5"])
def test_unreadable_lead_times_are_refused(typed):
    with pytest.raises(ValidationError):
        parse_lead_days(typed)


def test_the_admin_form_refuses_bad_lead_times_and_keeps_the_record(editor_client, db):
    from django.urls import reverse

    event = make_event(title_vi="Họp TC 176", start_on=days(40), reminder_days="30")
    url = reverse("admin:events_event_change", args=[event.pk])
    page = editor_client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {
        name: field.value() if field.value() is not None else "" for name, field in ((n, form[n]) for n in form.fields)
    }
    data = {key: value for key, value in data.items() if value is not False}
    data.update(reminder_days="soon")
    data.update({key: "0" for key in _management(page)})
    response = editor_client.post(url, data)

    assert response.status_code == 200
    assert "Type whole numbers of days" in response.content.decode()
    event.refresh_from_db()
    assert event.reminder_days == "30"


def _management(page):
    """Management-form keys of every inline on the page (no rows posted)."""
    keys = []
    for inline in page.context["inline_admin_formsets"]:
        prefix = inline.formset.prefix
        keys += [f"{prefix}-TOTAL_FORMS", f"{prefix}-INITIAL_FORMS"]
    return keys


def test_responsible_people_and_lead_times_never_reach_the_api(client, lan):
    record = make_event(
        title_vi="Họp công khai", start_on=days(5), responsible_person=lan, reminder_days="9", visibility="public"
    )
    body = client.get(f"/api/v1/events/{record.pk}/").content.decode()
    assert "Trần Thị Lan" not in body and "reminder" not in body and "responsible_person" not in body
