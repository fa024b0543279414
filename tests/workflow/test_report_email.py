"""The period report e-mailed each month or quarter, on the job queue:
Django's locmem mail backend (pytest-django's mailoutbox), a frozen clock and
the queue's real worker loop."""

import datetime
import io
import zoneinfo

import docx
import pytest
import time_machine
from django.urls import reverse

from tests.webhooks.conftest import run_worker
from workflow.models import ReportSchedule
from workflow.report_mail import Period, next_run_after, previous_period, report_attachment

HANOI = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def at(*args):
    return datetime.datetime(*args, tzinfo=HANOI)


def test_a_run_covers_the_whole_previous_month_or_quarter():
    assert previous_period("monthly", datetime.date(2024, 3, 1)) == Period(
        datetime.date(2024, 2, 1), datetime.date(2024, 2, 29)
    )
    assert previous_period("monthly", datetime.date(2025, 1, 1)) == Period(
        datetime.date(2024, 12, 1), datetime.date(2024, 12, 31)
    )
    assert previous_period("quarterly", datetime.date(2025, 4, 1)) == Period(
        datetime.date(2025, 1, 1), datetime.date(2025, 3, 31)
    )
    assert previous_period("quarterly", datetime.date(2025, 1, 2)) == Period(
        datetime.date(2024, 10, 1), datetime.date(2024, 12, 31)
    )


def test_runs_are_at_seven_on_the_first_day(settings):
    assert next_run_after("quarterly", at(2025, 2, 15, 12)) == at(2025, 4, 1, 7)
    assert next_run_after("quarterly", at(2025, 4, 1, 7)) == at(2025, 7, 1, 7)
    assert next_run_after("monthly", at(2025, 12, 1, 6, 59)) == at(2025, 12, 1, 7)
    assert next_run_after("monthly", at(2025, 12, 31, 23)) == at(2026, 1, 1, 7)


def test_the_attachment_is_the_report_as_offered_for_download(db):
    filename, content, mimetype = report_attachment(
        Period(datetime.date(2020, 1, 1), datetime.date(2020, 12, 31)), "en"
    )
    assert filename == "coopdb-report-2020-01-01-2020-12-31-en.docx"
    assert mimetype == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert "2020" in "\n".join(paragraph.text for paragraph in docx.Document(io.BytesIO(content)).paragraphs)


def test_bad_addresses_are_a_form_error(staff_client):
    response = staff_client.post(
        reverse("admin:workflow_reportschedule_add"),
        {"name": "Leaders", "frequency": "monthly", "recipients": "lan@example.org, not-an-address", "language": "vi"},
    )
    assert response.status_code == 200
    assert "Not an e-mail address: not-an-address." in response.content.decode()
    assert not ReportSchedule.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_quarterly_report_is_mailed_then_the_next_run_is_queued(staff_client, mailoutbox, settings):
    settings.TIME_ZONE = "Asia/Ho_Chi_Minh"
    with time_machine.travel(at(2025, 2, 15, 10), tick=False):
        response = staff_client.post(
            reverse("admin:workflow_reportschedule_add"),
            {
                "name": "Quarterly report to the leadership",
                "frequency": "quarterly",
                "recipients": "lan@example.org\nminh@example.org",
                "language": "en",
                "active": "on",
            },
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        schedule = ReportSchedule.objects.get()
        assert schedule.next_run_at == at(2025, 4, 1, 7)
        run_worker()  # not due yet
        assert mailoutbox == []

    with time_machine.travel(at(2025, 4, 1, 7, 1), tick=False):
        run_worker()
        run_worker()  # the same moment again: still one e-mail
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["lan@example.org", "minh@example.org"]
    assert mail.subject == "CoopDB period report, 1 Jan 2025 – 31 Mar 2025"
    (filename, content, mimetype) = mail.attachments[0]
    assert filename == "coopdb-report-2025-01-01-2025-03-31-en.docx"
    assert docx.Document(io.BytesIO(content)).paragraphs
    schedule.refresh_from_db()
    assert (schedule.last_period_start, schedule.last_period_end) == (
        datetime.date(2025, 1, 1),
        datetime.date(2025, 3, 31),
    )
    assert schedule.next_run_at == at(2025, 7, 1, 7)

    with time_machine.travel(at(2025, 7, 1, 8), tick=False):
        run_worker()  # the job queued by the first sending
    assert len(mailoutbox) == 2
    assert mailoutbox[1].attachments[0][0] == "coopdb-report-2025-04-01-2025-06-30-en.docx"


@pytest.mark.django_db(transaction=True)
def test_a_switched_off_schedule_sends_nothing(staff_client, mailoutbox):
    with time_machine.travel(at(2025, 2, 15, 10), tick=False):
        staff_client.post(
            reverse("admin:workflow_reportschedule_add"),
            {
                "name": "Monthly",
                "frequency": "monthly",
                "recipients": "lan@example.org",
                "language": "vi",
                "active": "on",
            },
        )
        ReportSchedule.objects.update(active=False)
    with time_machine.travel(at(2025, 3, 1, 8), tick=False):
        run_worker()
    assert mailoutbox == []


@pytest.mark.django_db(transaction=True)
def test_a_mail_server_failure_is_retried_and_nothing_is_lost(staff_client, mailoutbox, settings):
    with time_machine.travel(at(2025, 2, 15, 10), tick=False):
        staff_client.post(
            reverse("admin:workflow_reportschedule_add"),
            {
                "name": "Monthly",
                "frequency": "monthly",
                "recipients": "lan@example.org",
                "language": "vi",
                "active": "on",
            },
        )
    settings.EMAIL_BACKEND = "tests.workflow.test_report_email.BrokenBackend"
    with time_machine.travel(at(2025, 3, 1, 7, 5), tick=False):
        run_worker()
    schedule = ReportSchedule.objects.get()
    assert schedule.next_run_at == at(2025, 3, 1, 7) and schedule.last_sent_at is None
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel(at(2025, 3, 1, 8, 10), tick=False):
        run_worker()
    assert len(mailoutbox) == 1
    assert mailoutbox[0].attachments[0][0] == "coopdb-report-2025-02-01-2025-02-28-vi.docx"
    # Vietnamese schedule: Vietnamese dates.
    assert mailoutbox[0].subject == "Báo cáo định kỳ CoopDB, 01/02/2025 – 28/02/2025"


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")
