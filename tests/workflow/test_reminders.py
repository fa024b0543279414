"""send_reminders: one digest per recipient, each reminder sent once, with
Django's in-memory e-mail backend."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from tests.factories import make_agreement, make_commitment, make_dues, make_event, make_person
from tests.workflow.conftest import TODAY
from workflow.models import ReminderSent


@pytest.fixture(autouse=True)
def _mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.COOPDB_RADAR_HORIZONS = [7, 30, 90]
    settings.COOPDB_REMINDER_DEPARTMENT_EMAIL = "htqt@example.org"


def run(day=TODAY):
    out = StringIO()
    call_command("send_reminders", date=day.isoformat(), stdout=out)
    return out.getvalue()


def days(n):
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def due(db):
    quyen = make_person(full_name="Vũ Tú Quyên", email="quyen@example.org")
    return {
        "tbt": make_commitment(title_vi="Thông báo TBT", deadline=days(5), responsible_person=quyen),
        "report": make_commitment(title_vi="Báo cáo thực thi", deadline=days(-2), responsible_person=quyen),
        "unassigned": make_commitment(title_vi="Cam kết chưa giao", deadline=days(20)),
        "dues": make_dues(due_on=days(60)),
        "mou": make_agreement(title_vi="Bản ghi nhớ sắp hết hạn", valid_until=days(29)),
        "meeting": make_event(title_vi="Họp ACCSQ", start_on=days(1)),
        "far": make_event(title_vi="Họp năm sau", start_on=days(200)),
    }


def test_each_recipient_gets_one_digest_of_what_entered_a_horizon(due):
    output = run()

    assert sorted(message.to[0] for message in mail.outbox) == ["htqt@example.org", "quyen@example.org"]
    by_recipient = {message.to[0]: message for message in mail.outbox}
    personal = by_recipient["quyen@example.org"].body
    assert "Thông báo TBT" in personal and "Báo cáo thực thi" in personal
    assert "Cam kết chưa giao" not in personal
    department = by_recipient["htqt@example.org"].body
    for title in ("Cam kết chưa giao", "Bản ghi nhớ sắp hết hạn", "Họp ACCSQ"):
        assert title in department
    assert "Họp năm sau" not in department
    assert "sent to quyen@example.org: 2 item(s)" in output
    assert "sent to htqt@example.org: 4 item(s)" in output


def test_running_twice_sends_once(due):
    run()
    sent = len(mail.outbox)
    recorded = ReminderSent.objects.count()

    output = run()

    assert sent == 2 and recorded == 6
    assert len(mail.outbox) == sent
    assert ReminderSent.objects.count() == recorded
    assert "no reminders due" in output


def test_an_item_is_reminded_again_when_it_enters_the_next_horizon(due):
    run()
    mail.outbox.clear()

    run(days(3))  # the commitment due on day 20 is now 17 days away: still the 30-day horizon
    assert mail.outbox == []

    run(days(13))  # 7 days left: the 7-day reminder
    (message,) = [m for m in mail.outbox if m.to == ["htqt@example.org"]]
    assert "Cam kết chưa giao" in message.body
    assert ReminderSent.objects.filter(item_id=due["unassigned"].pk).count() == 2  # 30 days, then 7


def test_the_horizon_recorded_is_the_smallest_one_entered(due):
    run()

    def horizon_of(item):
        return ReminderSent.objects.get(item_id=item.pk, item_type__model=item._meta.model_name).horizon

    assert horizon_of(due["report"]) == 0  # overdue
    assert horizon_of(due["tbt"]) == 7
    assert horizon_of(due["meeting"]) == 7
    assert horizon_of(due["unassigned"]) == 30
    assert horizon_of(due["mou"]) == 30
    assert horizon_of(due["dues"]) == 90


def test_a_moved_deadline_is_a_new_reminder(due):
    run()
    mail.outbox.clear()
    due["tbt"].deadline = days(6)
    due["tbt"].save()

    run()

    (message,) = mail.outbox
    assert "Thông báo TBT" in message.body and "Báo cáo thực thi" not in message.body


def test_dry_run_sends_and_records_nothing(due):
    out = StringIO()
    call_command("send_reminders", date=TODAY.isoformat(), dry_run=True, stdout=out)

    assert mail.outbox == [] and not ReminderSent.objects.exists()
    assert "would send to quyen@example.org" in out.getvalue()
