"""Writes of the staff workflow: reminder e-mails (HackSoft styleguide)."""

import datetime
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from workflow.models import ReminderSent
from workflow.selectors import RadarItem, horizons, radar_items

logger = logging.getLogger(__name__)

OVERDUE = 0


@dataclass
class Digest:
    """One e-mail: everything one recipient must hear about today."""

    recipient: str
    entries: list[tuple[int, RadarItem]] = field(default_factory=list)
    outcome: str = "pending"  # then "sent", "skipped" (another run sent it) or "failed"
    error: str = ""

    @property
    def sent(self) -> bool:
        return self.outcome == "sent"


def horizon_for(days_left: int, steps: list[int]) -> int | None:
    """The smallest horizon the item has entered (0 when overdue), or None
    when it is further away than every horizon."""
    if days_left < 0:
        return OVERDUE
    return next((step for step in steps if days_left <= step), None)


def horizon_label(horizon: int) -> str:
    if horizon == OVERDUE:
        return _("Overdue")
    return ngettext("Within %(days)d day", "Within %(days)d days", horizon) % {"days": horizon}


def pending_digests(*, today: datetime.date) -> list[Digest]:
    """Digests of reminders due today and not sent before, one per recipient."""
    steps = horizons()
    digests: dict[str, Digest] = {}
    candidates = []
    for item in radar_items(today=today, days=steps[-1], own_lead_days=True):
        # A record's own lead times replace the defaults for it.
        horizon = horizon_for(item.days_left(today), sorted(item.lead_days) or steps)
        if horizon is None:
            continue
        recipient = item.responsible_email or settings.COOPDB_REMINDER_DEPARTMENT_EMAIL
        candidates.append((recipient, horizon, item))
    already = _already_sent([item for _r, _h, item in candidates])
    for recipient, horizon, item in candidates:
        if (*_item_key(item), horizon, recipient) in already:
            continue
        digests.setdefault(recipient, Digest(recipient)).entries.append((horizon, item))
    return sorted(digests.values(), key=lambda digest: digest.recipient)


def _item_key(item: RadarItem) -> tuple[int, int, datetime.date]:
    return (ContentType.objects.get_for_model(item.obj).pk, item.obj.pk, item.due_on)


def _already_sent(items: list[RadarItem]) -> set[tuple]:
    """Keys (type, id, due date, horizon, recipient) of reminders already sent
    about these items: one query."""
    if not items:
        return set()
    ids_by_type = defaultdict(set)
    for item in items:
        type_id, item_id, _due = _item_key(item)
        ids_by_type[type_id].add(item_id)
    condition = reduce(or_, (Q(item_type_id=type_id, item_id__in=ids) for type_id, ids in ids_by_type.items()))
    return set(
        ReminderSent.objects.filter(condition).values_list("item_type_id", "item_id", "due_on", "horizon", "recipient")
    )


def send_reminders(*, today: datetime.date, dry_run: bool = False) -> list[Digest]:
    """Send each recipient one digest of what entered a horizon since the last
    run. A reminder is recorded in the same transaction as its e-mail is sent,
    so a failed send is retried tomorrow and a sent one is never repeated
    (the unique constraint also stops two overlapping runs)."""
    with translation.override(settings.LANGUAGE_CODE):
        digests = pending_digests(today=today)
        if dry_run:
            return digests
        connection = get_connection()
        for digest in digests:
            _send_one(digest, today=today, connection=connection)
    return digests


def _send_one(digest: Digest, *, today: datetime.date, connection) -> None:
    rows = [
        ReminderSent(
            item_type_id=_item_key(item)[0],
            item_id=item.obj.pk,
            due_on=item.due_on,
            horizon=horizon,
            recipient=digest.recipient,
        )
        for horizon, item in digest.entries
    ]
    try:
        with transaction.atomic():
            ReminderSent.objects.bulk_create(rows)
            _message(digest, today=today, connection=connection).send(fail_silently=False)
    except IntegrityError:
        digest.outcome = "skipped"  # an overlapping run recorded it first
    except OSError as error:  # SMTP and socket failures: nothing recorded, retried next run
        logger.exception("Reminder e-mail to %s failed", digest.recipient)
        digest.outcome, digest.error = "failed", str(error)
    else:
        digest.outcome = "sent"


def _message(digest: Digest, *, today: datetime.date, connection) -> EmailMessage:
    count = len(digest.entries)
    subject = ngettext("[CoopDB] %(count)d deadline to watch", "[CoopDB] %(count)d deadlines to watch", count) % {
        "count": count
    }
    groups = defaultdict(list)
    for horizon, item in sorted(digest.entries, key=lambda entry: (entry[0], entry[1].due_on)):
        groups[horizon].append(
            {
                "item": item,
                "when": item.when(today),
                "url": f"{settings.COOPDB_SITE_URL.rstrip('/')}{item.admin_url}" if item.admin_url else "",
            }
        )
    body = render_to_string(
        "workflow/reminder_email.txt",
        {
            "groups": [(horizon_label(horizon), entries) for horizon, entries in sorted(groups.items())],
            "today": today,
            "recipient": digest.recipient,
        },
    )
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [digest.recipient], connection=connection)
