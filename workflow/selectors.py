"""Reads for the deadline radar and the reminders (HackSoft styleguide).

One query per kind of deadline, whatever the number of rows: eight in all
(offices and memberships each need one for their lapsing confirmations).
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib import admin
from django.db.models import Model, Q
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from agreements.choices import AgreementStatus
from agreements.models import Agreement, Commitment
from core import truth
from events.models import Event
from organizations.choices import DuesStatus, Vote
from organizations.models import Ballot, Dues, Membership, Office


class RadarKind:
    AGREEMENT = "agreement"
    DUES = "dues"
    COMMITMENT = "commitment"
    BALLOT = "ballot"
    OFFICE = "office"
    EVENT = "event"
    CONFIRMATION = "confirmation"

    LABELS = {
        AGREEMENT: _("Agreement expires"),
        DUES: _("Dues due"),
        COMMITMENT: _("Commitment due"),
        BALLOT: _("ISO/IEC ballot closes"),
        OFFICE: _("Term of office ends"),
        EVENT: pgettext_lazy("radar", "Event starts"),
        CONFIRMATION: _("No longer confirmed as current"),
    }

    # Which date the radar's date is, per kind.
    DATE_LABELS = {
        AGREEMENT: _("Expires on"),
        DUES: _("Due on"),
        COMMITMENT: _("Deadline"),
        BALLOT: _("Closes on"),
        OFFICE: _("Term ends on"),
        EVENT: _("Starts on"),
        CONFIRMATION: _("Confirmation lapses on"),
    }

    @classmethod
    def counted(cls, kind: str, count: int) -> str:
        """ "2 commitments due", with the language's plural."""
        phrases = {
            cls.AGREEMENT: ngettext("%(count)d agreement expires", "%(count)d agreements expire", count),
            cls.DUES: ngettext("%(count)d dues payment due", "%(count)d dues payments due", count),
            cls.COMMITMENT: ngettext("%(count)d commitment due", "%(count)d commitments due", count),
            cls.BALLOT: ngettext("%(count)d ISO/IEC ballot closes", "%(count)d ISO/IEC ballots close", count),
            cls.OFFICE: ngettext("%(count)d term of office ends", "%(count)d terms of office end", count),
            cls.EVENT: ngettext("%(count)d event starts", "%(count)d events start", count),
            cls.CONFIRMATION: ngettext(
                "%(count)d record no longer confirmed as current",
                "%(count)d records no longer confirmed as current",
                count,
            ),
        }
        return phrases[kind] % {"count": count}


@dataclass(frozen=True)
class RadarItem:
    kind: str
    obj: Model
    due_on: datetime.date
    detail: str
    admin_url: str
    # Who must act: the responsible person's e-mail, or "" for the department.
    responsible_email: str = ""
    # Who is responsible, as the radar names them ("" when nobody is named).
    responsible: str = ""

    @property
    def kind_label(self):
        return RadarKind.LABELS[self.kind]

    @property
    def date_label(self):
        return RadarKind.DATE_LABELS[self.kind]

    def days_left(self, today: datetime.date) -> int:
        return (self.due_on - today).days

    def when(self, today: datetime.date) -> str:
        days = self.days_left(today)
        if days == 0:
            return gettext("today")
        if days > 0:
            return ngettext("in %(days)d day", "in %(days)d days", days) % {"days": days}
        return ngettext("%(days)d day overdue", "%(days)d days overdue", -days) % {"days": -days}

    @property
    def key(self) -> tuple[type, int, datetime.date]:
        return (type(self.obj), self.obj.pk, self.due_on)


def horizons() -> list[int]:
    return sorted(set(settings.COOPDB_RADAR_HORIZONS))


def admin_change_url(obj: Model, parent: Model | None = None) -> str:
    """The record's admin change page; for a row edited inline only (dues in
    their membership, say), its parent's."""
    for target in (obj, parent):
        if target is not None and admin.site.is_registered(type(target)):
            opts = target._meta
            try:
                return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[target.pk])
            except NoReverseMatch:
                continue
    return ""


def radar_items(*, today: datetime.date, days: int) -> list[RadarItem]:
    """Everything that falls due between today and ``days`` days from now,
    plus dues and commitments already overdue (they still need doing), by
    date."""
    until = today + datetime.timedelta(days=days)
    items = [
        *_agreements_expiring(today, until),
        *_dues_due(today, until),
        *_commitments_due(until),
        *_ballots_closing(today, until),
        *_terms_ending(today, until),
        *_events_coming(today, until),
        *_confirmations_lapsing(today, until),
    ]
    return sorted(items, key=lambda item: (item.due_on, item.kind, str(item.obj)))


def _agreements_expiring(today, until):
    agreements = (
        Agreement.objects.filter(valid_until__range=(today, until))
        .exclude(status__in=[AgreementStatus.TERMINATED, AgreementStatus.EXPIRED])
        .order_by()
    )
    for agreement in agreements:
        yield RadarItem(
            RadarKind.AGREEMENT,
            agreement,
            agreement.valid_until,
            agreement.get_kind_display(),
            admin_change_url(agreement),
        )


def _dues_due(today, until):
    dues = (
        Dues.objects.with_status(today)
        .filter(status__in=[DuesStatus.UNPAID, DuesStatus.OVERDUE], due_on__lte=until)
        .select_related("membership__organization", "membership__member")
        .order_by()
    )
    for row in dues:
        yield RadarItem(
            RadarKind.DUES,
            row,
            row.due_on,
            row.get_status_display(),
            admin_change_url(row, parent=row.membership),
        )


def _commitments_due(until):
    commitments = (
        Commitment.objects.open()
        .filter(deadline__lte=until)
        .select_related("agreement", "responsible_person", "responsible_unit")
        .order_by()
    )
    for commitment in commitments:
        person = commitment.responsible_person
        yield RadarItem(
            RadarKind.COMMITMENT,
            commitment,
            commitment.deadline,
            f"{commitment.agreement} — {commitment.get_status_display()}",
            admin_change_url(commitment, parent=commitment.agreement),
            responsible_email=person.email if person else "",
            responsible=str(person or commitment.responsible_unit or ""),
        )


def _ballots_closing(today, until):
    ballots = Ballot.objects.filter(closes_on__range=(today, until), vote=Vote.PENDING).select_related("committee")
    for ballot in ballots.order_by():
        yield RadarItem(
            RadarKind.BALLOT, ballot, ballot.closes_on, ballot.get_stage_display(), admin_change_url(ballot)
        )


def _terms_ending(today, until):
    offices = Office.objects.filter(term_end__range=(today, until)).select_related(
        "body", "holder_person", "holder_organization"
    )
    for office in offices.order_by():
        holder = office.holder_person or office.holder_organization
        yield RadarItem(
            RadarKind.OFFICE, office, office.term_end, str(holder), admin_change_url(office), responsible=str(holder)
        )


def _events_coming(today, until):
    events = Event.objects.filter(start_on__range=(today, until)).select_related("forum")
    for event in events.order_by():
        where = event.get_mode_display() if not event.city else f"{event.city} — {event.get_mode_display()}"
        yield RadarItem(RadarKind.EVENT, event, event.start_on, where, admin_change_url(event))


def _confirmations_lapsing(today, until):
    """Open-ended offices and memberships whose last confirmation leaves the
    window (core.truth) between today and ``until``: after that day they show
    "last reported" unless someone confirms them (``last_confirmed_on``)."""
    window = truth.confirmation_window()
    confirmed_between = Q(last_confirmed_on__range=(today - window, until - window)) | Q(
        source__published_on__range=(today - window, until - window)
    )
    offices = Office.objects.filter(confirmed_between, term_end__isnull=True).exclude(
        term_start__isnull=True, term_year__isnull=False
    )
    memberships = Membership.objects.filter(confirmed_between, until__isnull=True)
    rows = [
        *offices.select_related("source", "body").order_by(),
        *memberships.select_related("source", "member", "organization").order_by(),
    ]
    for row in rows:
        lapses_on = truth.confirmed_on(row) + window
        if today <= lapses_on <= until:
            yield RadarItem(RadarKind.CONFIRMATION, row, lapses_on, str(row.source), admin_change_url(row))
