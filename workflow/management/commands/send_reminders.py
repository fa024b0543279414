"""Daily reminder e-mails (cron): one digest per responsible person.

    15 7 * * *  cd /srv/coopdb && .venv/bin/python manage.py send_reminders

Safe to run more than once a day: what was sent is recorded and never sent again.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core.inputs import parse_date
from workflow.services import horizon_label, send_reminders


class Command(BaseCommand):
    help = "E-mail each responsible person one digest of the deadlines that entered a horizon (never twice)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", help="Act as if today were this day (DD/MM/YYYY or YYYY-MM-DD, as in the admin's forms)."
        )
        parser.add_argument("--dry-run", action="store_true", help="Print what would be sent; send and record nothing.")

    def handle(self, *args, date=None, dry_run=False, **options):
        today = self._parse(date) if date else timezone.localdate()
        digests = send_reminders(today=today, dry_run=dry_run)
        if not digests:
            self.stdout.write(f"{today}: no reminders due.")
            return
        failed = 0
        for digest in digests:
            if dry_run:
                status = "would send"
            elif digest.outcome == "failed":
                status, failed = f"NOT sent ({digest.error})", failed + 1
            elif digest.outcome == "skipped":
                status = "skipped (another run sent it)"
            else:
                status = "sent"
            self.stdout.write(f"{today}: {status} to {digest.recipient}: {len(digest.entries)} item(s)")
            for horizon, item in digest.entries:
                self.stdout.write(f"  [{horizon_label(horizon)}] {item.due_on} {item.kind_label}: {item.obj}")
        if failed:
            raise CommandError(f"{failed} digest(s) could not be sent; they will be retried on the next run.")

    @staticmethod
    def _parse(text):
        # The admin's rule (core.inputs): day first, or ISO; never month first.
        day = parse_date(text)
        if day is None:
            raise CommandError(f"--date must be DD/MM/YYYY or YYYY-MM-DD, not {text!r}")
        return day
