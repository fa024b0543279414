"""What is true on a given day: the one rule pages, API, period report, radar
and home figures use to say whether something holds, or as of when it was
last reported.

* An agreement is **in force on D** when, by D, it had entered into force (its
  dated ``in_force`` stage, or its validity start once signed) and had not
  ended (its validity end, or a dated ``expired``/``terminated`` stage). So an
  agreement terminated in 2022 was in force in 2015, and one that expired
  without an end date stops at its expiry stage. A stage known only by its
  year counts as reached on 31 December of that year: never earlier than
  certain.
* An agreement whose validity has ended **shows "ended on …"**, whatever its
  last recorded stage.
* An office or a membership with no end is held on D only while a source
  confirms it within ``COOPDB_CONFIRMATION_WINDOW_DAYS`` (default two years)
  before D: the record's ``last_confirmed_on`` or its source's publication
  date. Otherwise the record "was last reported" on that date.

Querysets (``Agreement.objects.in_force_on``, ``Office.objects.held_on``,
``Membership.objects.active_on``) call the ``*_q`` functions here; pages call
the ``*_standing`` functions, which follow the same rule in Python on rows
already read.
"""

import datetime
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.utils import formats
from django.utils.translation import gettext

from core import registry
from core.choices import Audience, Visibility
from core.querysets import levels_for, prefetched

# The audience that sees a record of each level, and no more.
AUDIENCE_OF_VISIBILITY = {
    Visibility.PUBLIC: Audience.PUBLIC,
    Visibility.GOVERNMENT: Audience.GOVERNMENT,
    Visibility.INTERNAL: Audience.STAFF,
}

# Stage codes (agreements.choices.AgreementStatus); plain strings so this module
# imports no app and every app may import it.
IN_FORCE = "in_force"
SIGNED_STAGES = ("signed", "ratified", "in_force")
ENDING_STAGES = ("expired", "terminated")
NOT_YET_SIGNED = ("proposed", "negotiating", "concluded")


def confirmation_window() -> datetime.timedelta:
    return datetime.timedelta(days=settings.COOPDB_CONFIRMATION_WINDOW_DAYS)


def stage_day(change) -> datetime.date | None:
    """When a status change certainly happened: its date, or 31 December of its year."""
    if change.changed_on:
        return change.changed_on
    return datetime.date(change.year, 12, 31) if change.year else None


# --- in the database ---------------------------------------------------------


def _counted_stages():
    """Stages seen by whoever sees their agreement, as the status sync counts
    them (agreements.services): an internal stage of a public agreement (a
    termination not yet announced) is a staff note, not the public answer."""
    AgreementStatusChange = registry.models["status_change"]  # agreements.apps registers it

    seen_with_agreement = reduce(
        or_,
        (
            Q(agreement__visibility=level, visibility__in=levels_for(audience))
            for level, audience in AUDIENCE_OF_VISIBILITY.items()
        ),
    )
    return AgreementStatusChange.objects.filter(seen_with_agreement, agreement=OuterRef("pk"))


def stage_reached_by(day: datetime.date, statuses) -> Exists:
    """Exists: the agreement reached one of ``statuses`` by ``day`` (a year-only
    stage on 31 December of its year)."""
    last_year_reached = day.year if (day.month, day.day) == (12, 31) else day.year - 1
    return Exists(
        _counted_stages()
        .filter(status__in=statuses)
        .filter(Q(changed_on__lte=day) | Q(changed_on__isnull=True, year__lte=last_year_reached))
    )


def _has_history() -> Exists:
    return Exists(_counted_stages())


def agreement_in_force_q(day: datetime.date) -> Q:
    """Agreements in force on ``day`` (see the module's rule)."""
    no_history = ~_has_history()
    signed = stage_reached_by(day, SIGNED_STAGES) | (no_history & ~Q(status__in=NOT_YET_SIGNED))
    entered = (
        stage_reached_by(day, [IN_FORCE])
        | (Q(valid_from__lte=day) & signed)
        | (no_history & Q(valid_from__isnull=True, status=IN_FORCE))
    )
    ended = (
        Q(valid_until__lt=day)
        | stage_reached_by(day, ENDING_STAGES)
        | (no_history & Q(status__in=ENDING_STAGES))
        | Q(valid_from__gt=day)
    )
    return entered & ~ended


def confirmed_q(day: datetime.date) -> Q:
    """Rows a source confirms no earlier than the window before ``day``."""
    since = day - confirmation_window()
    return Q(last_confirmed_on__gte=since) | Q(source__published_on__gte=since)


def membership_held_during_q(start: datetime.date, end: datetime.date) -> Q:
    """Memberships held at any time from ``start`` to ``end``: begun by the
    end (a year-only start: in its year or before; no start at all: always),
    not ended before the start, and an open-ended one only while a source
    confirms it at the start, so a 2026 report does not repeat 2019's word."""
    return membership_begun_q(end) & (Q(until__gte=start) | (Q(until__isnull=True) & confirmed_q(start)))


def membership_begun_q(day: datetime.date) -> Q:
    """Memberships begun by ``day``: a year-only start in its year or before; no start at all: always."""
    year_only = Q(since__isnull=True, since_year__lte=day.year)
    return Q(since__lte=day) | year_only | Q(since__isnull=True, since_year__isnull=True)


def membership_active_q(day: datetime.date) -> Q:
    return membership_held_during_q(day, day)


def office_held_q(day: datetime.date) -> Q:
    year_only = Q(term_start__isnull=True, term_end__isnull=True, term_year__isnull=False)
    started = (
        Q(term_start__lte=day)
        | Q(term_start__isnull=True, term_year__lte=day.year)
        | Q(term_start__isnull=True, term_year__isnull=True)
    )
    return started & (
        Q(term_end__gte=day)
        | (year_only & Q(term_year=day.year))
        | (Q(term_end__isnull=True) & ~year_only & confirmed_q(day))
    )


# --- on rows already read ------------------------------------------------------


@dataclass(frozen=True)
class Standing:
    """Whether a record holds on a day, or as of when it was last known to."""

    CURRENT = "current"
    ENDED = "ended"
    LAST_REPORTED = "last_reported"
    UPCOMING = "upcoming"

    state: str
    day: datetime.date | None = None
    source: object = None

    @property
    def is_current(self) -> bool:
        return self.state == self.CURRENT

    @property
    def label(self) -> str:
        day = formats.date_format(self.day, "DATE_FORMAT") if self.day else ""
        if self.state == self.CURRENT:
            return gettext("Current")
        if self.state == self.UPCOMING:
            return gettext("Not started yet")
        if self.state == self.ENDED:
            return gettext("Ended on %(day)s") % {"day": day} if day else gettext("Ended")
        if day:
            return gettext("Last reported %(day)s") % {"day": day}
        return gettext("Last reported on an undated source")

    def __str__(self) -> str:
        return self.label


def confirmed_on(record) -> datetime.date | None:
    """The latest day a source confirms ``record``."""
    days = [getattr(record, "last_confirmed_on", None), record.source.published_on]
    days = [day for day in days if day]
    return max(days) if days else None


def _open_ended(record, today) -> Standing:
    day = confirmed_on(record)
    if day and day >= today - confirmation_window():
        return Standing(Standing.CURRENT, day, record.source)
    return Standing(Standing.LAST_REPORTED, day, record.source)


def office_standing(office, today: datetime.date) -> Standing:
    if office.term_start and office.term_start > today:
        return Standing(Standing.UPCOMING, office.term_start)
    if office.term_end:
        if office.term_end < today:
            return Standing(Standing.ENDED, office.term_end)
        return Standing(Standing.CURRENT)
    if office.term_year and not office.term_start:
        if office.term_year > today.year:
            return Standing(Standing.UPCOMING)
        return Standing(Standing.CURRENT) if office.term_year == today.year else Standing(Standing.ENDED)
    return _open_ended(office, today)


def membership_standing(membership, today: datetime.date) -> Standing:
    if membership.since and membership.since > today:
        return Standing(Standing.UPCOMING, membership.since)
    if membership.until:
        if membership.until < today:
            return Standing(Standing.ENDED, membership.until)
        return Standing(Standing.CURRENT)
    return _open_ended(membership, today)


def history_read(agreement) -> list:
    """The agreement's status changes: those a selector's Prefetch already read
    for its audience (agreements.selectors.status_history), else read now (a
    query: a list of agreements prefetches them)."""
    read = prefetched(agreement, "status_changes")
    if read is not None:
        return read
    return list(agreement.status_changes.all())


def _changes(agreement, changes=None):
    if changes is not None:
        return list(changes)
    return history_read(agreement)


def agreement_stage_on(agreement, today: datetime.date) -> str:
    """The stage reached by ``today``: the latest dated change, else the recorded status."""
    reached = [(stage_day(c), c.status) for c in _changes(agreement) if stage_day(c) and stage_day(c) <= today]
    return max(reached)[1] if reached else agreement.status


def agreement_standing(agreement, today: datetime.date, changes=None) -> Standing:
    """ENDED (with its day when known) once the validity or an ending stage is
    past; otherwise CURRENT."""
    changes = _changes(agreement, changes)
    if agreement.valid_until and agreement.valid_until < today:
        return Standing(Standing.ENDED, agreement.valid_until)
    for change in changes:
        day = stage_day(change)
        if change.status in ENDING_STAGES and day and day <= today:
            return Standing(Standing.ENDED, day)
    if not changes and agreement.status in ENDING_STAGES:
        return Standing(Standing.ENDED)
    return Standing(Standing.CURRENT)
