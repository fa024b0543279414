"""The period report by e-mail: which period a run covers, when the next run
is, what is attached, and the sending itself (run by workflow.tasks)."""

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from workflow.models import ReportFrequency, ReportSchedule

logger = logging.getLogger(__name__)
# Reports go out at this local hour on the first day of a month or quarter.
SEND_HOUR = 7
# After a failed sending (mail server down), try again this much later.
RETRY_AFTER = datetime.timedelta(hours=1)


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date


def parse_addresses(value: str) -> list[str]:
    addresses = [part.strip() for part in value.replace(";", ",").replace("\n", ",").split(",") if part.strip()]
    if not addresses:
        raise ValidationError(_("Give at least one e-mail address."))
    bad = []
    for address in addresses:
        try:
            validate_email(address)
        except ValidationError:
            bad.append(address)
    if bad:
        raise ValidationError(_("Not an e-mail address: %(bad)s.") % {"bad": ", ".join(bad)})
    return addresses


def _months(frequency: str) -> int:
    return 3 if frequency == ReportFrequency.QUARTERLY else 1


def _first_of_period(day: datetime.date, months: int) -> datetime.date:
    return datetime.date(day.year, (day.month - 1) // months * months + 1, 1)


def _add_months(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def previous_period(frequency: str, run_on: datetime.date) -> Period:
    """The whole month or quarter before the one ``run_on`` falls in."""
    months = _months(frequency)
    current = _first_of_period(run_on, months)
    return Period(start=_add_months(current, -months), end=current - datetime.timedelta(days=1))


def next_run_after(frequency: str, moment: datetime.datetime) -> datetime.datetime:
    """The first sending time (SEND_HOUR local, first day of a month or
    quarter) strictly after ``moment``."""
    months = _months(frequency)
    local = timezone.localtime(moment)
    start = _first_of_period(local.date(), months)
    candidate = timezone.make_aware(datetime.datetime.combine(start, datetime.time(SEND_HOUR)))
    while candidate <= moment:
        start = _add_months(start, months)
        candidate = timezone.make_aware(datetime.datetime.combine(start, datetime.time(SEND_HOUR)))
    return candidate


def report_attachment(period: Period, language: str) -> tuple[str, bytes, str]:
    """The file attached to the e-mail: the report as a Word document, as the
    report page offers it for download."""
    from workflow.report.docx import DOCX_TYPE, build_report_docx, report_filename

    content = build_report_docx(start=period.start, end=period.end, language=language)
    return report_filename(period.start, period.end, language), content, DOCX_TYPE


def report_message(schedule: ReportSchedule, period: Period) -> EmailMessage:
    with translation.override(schedule.language):
        dates = {
            "start": date_format(period.start, "SHORT_DATE_FORMAT"),
            "end": date_format(period.end, "SHORT_DATE_FORMAT"),
        }
        subject = _("CoopDB period report, %(start)s – %(end)s") % dates
        body = _(
            "The period report of international cooperation from %(start)s to %(end)s is attached.\n\n"
            'This e-mail is sent by CoopDB (%(schedule)s). To stop it, untick "active" on the '
            "schedule in the admin: %(url)s\n"
        ) % {**dates, "schedule": schedule.name, "url": f"{settings.COOPDB_SITE_URL}/admin/"}
    message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, parse_addresses(schedule.recipients))
    message.attach(*report_attachment(period, schedule.language))
    return message


def queue_next_run(schedule: ReportSchedule) -> None:
    """Queue the job for the schedule's next sending (after the commit)."""
    from workflow.tasks import send_scheduled_report

    if not schedule.active or schedule.next_run_at is None:
        return
    run_after, pk = schedule.next_run_at, schedule.pk
    transaction.on_commit(lambda: send_scheduled_report.using(run_after=run_after).enqueue(pk))


def plan(schedule: ReportSchedule, *, frequency_changed: bool) -> None:
    """On save from the admin: (re)compute the next sending and queue it."""
    if schedule.active and (schedule.next_run_at is None or frequency_changed):
        schedule.next_run_at = next_run_after(schedule.frequency, timezone.now())
    schedule.save()
    queue_next_run(schedule)


def send_due(schedule_id: int) -> str:
    """Send the previous period's report if this schedule is due, then queue
    the next run. Safe to run twice: only the run that moves next_run_at on
    sends (a compare-and-set), a stale job (the schedule was edited) does nothing."""
    now = timezone.now()
    schedule = ReportSchedule.objects.filter(pk=schedule_id, active=True).first()
    if schedule is None or schedule.next_run_at is None or schedule.next_run_at > now:
        return "not due"
    due = schedule.next_run_at
    period = previous_period(schedule.frequency, timezone.localtime(due).date())
    following = next_run_after(schedule.frequency, now)
    if not ReportSchedule.objects.filter(pk=schedule.pk, next_run_at=due).update(next_run_at=following):
        return "taken by another run"
    try:
        report_message(schedule, period).send()
    except Exception:
        # Put the due run back and try again later; the report is not lost.
        logger.exception("Report schedule %s: sending failed, retrying in %s", schedule.pk, RETRY_AFTER)
        ReportSchedule.objects.filter(pk=schedule.pk, next_run_at=following).update(next_run_at=due)
        from workflow.tasks import send_scheduled_report

        send_scheduled_report.using(run_after=now + RETRY_AFTER).enqueue(schedule.pk)
        return "failed, retrying"
    ReportSchedule.objects.filter(pk=schedule.pk).update(
        last_sent_at=now, last_period_start=period.start, last_period_end=period.end
    )
    schedule.next_run_at = following
    queue_next_run(schedule)
    return "sent"
