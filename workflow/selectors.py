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
from core.inputs import LEAD_DAYS_MAX
from events.choices import Direction
from events.models import Delegation, Event
from organizations.choices import DuesStatus, Vote
from organizations.models import Ballot, Dues, Membership, Office


class RadarKind:
    AGREEMENT = "agreement"
    DUES = "dues"
    COMMITMENT = "commitment"
    BALLOT = "ballot"
    OFFICE = "office"
    EVENT = "event"
    DEPARTURE = "departure"
    ARRIVAL = "arrival"
    CONFIRMATION = "confirmation"

    LABELS = {
        AGREEMENT: _("Agreement expires"),
        DUES: _("Dues due"),
        COMMITMENT: _("Commitment due"),
        BALLOT: _("ISO/IEC ballot closes"),
        OFFICE: _("Term of office ends"),
        EVENT: pgettext_lazy("radar", "Event starts"),
        DEPARTURE: _("Delegation departs"),
        ARRIVAL: _("Delegation arrives"),
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
        DEPARTURE: _("Departs on"),
        ARRIVAL: _("Arrives on"),
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
            cls.DEPARTURE: ngettext("%(count)d delegation departs", "%(count)d delegations depart", count),
            cls.ARRIVAL: ngettext("%(count)d delegation arrives", "%(count)d delegations arrive", count),
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
    # The record's own reminder lead times, largest first; () for the defaults.
    lead_days: tuple[int, ...] = ()

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


def radar_items(*, today: datetime.date, days: int, own_lead_days: bool = False) -> list[RadarItem]:
    """Everything that falls due between today and ``days`` days from now,
    plus dues and commitments already overdue (they still need doing), by
    date. With ``own_lead_days`` (the reminders), a record with lead times of
    its own is included as far ahead as they reach (at most a year)."""
    window = Window(
        today=today,
        until=today + datetime.timedelta(days=days),
        far=today + datetime.timedelta(days=max(days, LEAD_DAYS_MAX) if own_lead_days else days),
    )
    items = [
        *_agreements_expiring(window),
        *_dues_due(window),
        *_commitments_due(window),
        *_ballots_closing(window),
        *_terms_ending(window),
        *_events_coming(window),
        *_delegations_travelling(window),
        *_confirmations_lapsing(today, window.until),
    ]
    return sorted(items, key=lambda item: (item.due_on, item.kind, str(item.obj)))


@dataclass(frozen=True)
class Window:
    today: datetime.date
    until: datetime.date  # the horizon for records on the defaults
    far: datetime.date  # the horizon for records with lead times of their own

    def due(self, field: str, *, overdue: bool = False, lead_days_field: str = "reminder_days") -> Q:
        """``field`` falls within the window (or before it, with ``overdue``)."""
        start = {} if overdue else {f"{field}__gte": self.today}
        near = Q(**start, **{f"{field}__lte": self.until})
        if self.far == self.until:
            return near
        return near | (~Q(**{lead_days_field: ""}) & Q(**start, **{f"{field}__lte": self.far}))


def _person(record) -> tuple[str, str]:
    """(e-mail, name) of the record's responsible person, or ("", "")."""
    person = getattr(record, "responsible_person", None)
    return (person.email, str(person)) if person else ("", "")


def _agreements_expiring(window):
    agreements = (
        Agreement.objects.filter(window.due("valid_until"))
        .exclude(status__in=[AgreementStatus.TERMINATED, AgreementStatus.EXPIRED])
        .select_related("responsible_person")
        .order_by()
    )
    for agreement in agreements:
        email, name = _person(agreement)
        yield RadarItem(
            RadarKind.AGREEMENT,
            agreement,
            agreement.valid_until,
            agreement.get_kind_display(),
            admin_change_url(agreement),
            responsible_email=email,
            responsible=name,
            lead_days=agreement.lead_days,
        )


def _dues_due(window):
    # Dues are reminded to the membership's responsible person, with its lead times.
    dues = (
        Dues.objects.with_status(window.today)
        .filter(status__in=[DuesStatus.UNPAID, DuesStatus.OVERDUE])
        .filter(window.due("due_on", overdue=True, lead_days_field="membership__reminder_days"))
        .select_related("membership__organization", "membership__member", "membership__responsible_person")
        .order_by()
    )
    for row in dues:
        email, name = _person(row.membership)
        yield RadarItem(
            RadarKind.DUES,
            row,
            row.due_on,
            row.get_status_display(),
            admin_change_url(row, parent=row.membership),
            responsible_email=email,
            responsible=name,
            lead_days=row.membership.lead_days,
        )


def _commitments_due(window):
    commitments = (
        Commitment.objects.open()
        .filter(window.due("deadline", overdue=True))
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
            lead_days=commitment.lead_days,
        )


def _ballots_closing(window):
    ballots = Ballot.objects.filter(window.due("closes_on"), vote=Vote.PENDING).select_related(
        "committee", "responsible_person"
    )
    for ballot in ballots.order_by():
        email, name = _person(ballot)
        yield RadarItem(
            RadarKind.BALLOT,
            ballot,
            ballot.closes_on,
            ballot.get_stage_display(),
            admin_change_url(ballot),
            responsible_email=email,
            responsible=name,
            lead_days=ballot.lead_days,
        )


def _terms_ending(window):
    offices = Office.objects.filter(window.due("term_end")).select_related(
        "body", "holder_person", "holder_organization", "responsible_person"
    )
    for office in offices.order_by():
        holder = office.holder_person or office.holder_organization
        email, name = _person(office)
        yield RadarItem(
            RadarKind.OFFICE,
            office,
            office.term_end,
            str(holder),
            admin_change_url(office),
            responsible_email=email,
            responsible=name or str(holder),
            lead_days=office.lead_days,
        )


def _events_coming(window):
    events = Event.objects.filter(window.due("start_on")).select_related("forum", "responsible_person")
    for event in events.order_by():
        where = event.get_mode_display() if not event.city else f"{event.city} — {event.get_mode_display()}"
        email, name = _person(event)
        yield RadarItem(
            RadarKind.EVENT,
            event,
            event.start_on,
            where,
            admin_change_url(event),
            responsible_email=email,
            responsible=name,
            lead_days=event.lead_days,
        )


def _delegations_travelling(window):
    """Outgoing delegations by their departure, incoming ones by their arrival:
    tickets, visas and hosting are prepared ahead of both."""
    delegations = Delegation.objects.filter(window.due("start_on")).select_related(
        "responsible_person", "head", "counterpart"
    )
    for delegation in delegations.order_by():
        email, name = _person(delegation)
        kind = RadarKind.DEPARTURE if delegation.direction == Direction.OUTGOING else RadarKind.ARRIVAL
        yield RadarItem(
            kind,
            delegation,
            delegation.start_on,
            str(delegation.counterpart or delegation.get_country_display() or ""),
            admin_change_url(delegation),
            responsible_email=email,
            responsible=name or str(delegation.head or ""),
            lead_days=delegation.lead_days,
        )


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
