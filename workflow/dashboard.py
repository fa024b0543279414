"""Reads for the admin index's dashboard (HackSoft styleguide).

What needs doing comes from the radar (``workflow.selectors.radar_items``):
the dashboard only sorts its items into overdue, within 7 days and within 30
days, so the radar's rules live in one place.

"My assignments": there is no link between a log-in (User) and a Person, so
a user's Person is the one with the same e-mail address (case ignored); their
assignments are the open commitments whose responsible person is that Person,
or whose responsible unit is that Person's unit.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from agreements.models import Agreement, Commitment
from core import truth
from core.history import history_models
from organizations.choices import DuesStatus
from organizations.models import Dues, Membership, Person
from workflow.review import may_publish, pending_requests
from workflow.selectors import RadarItem, radar_items

SOON_DAYS = 7
LATER_DAYS = 30
RECENT_CHANGES = 10


@dataclass
class Dashboard:
    overdue: list[RadarItem] = field(default_factory=list)
    within_7: list[RadarItem] = field(default_factory=list)
    within_30: list[RadarItem] = field(default_factory=list)
    assignments: list[Commitment] = field(default_factory=list)
    # Other deadlines (dues, ballots, terms, events, delegations...) naming me responsible.
    my_deadlines: list[RadarItem] = field(default_factory=list)
    my_person: Person | None = None
    recent_changes: list = field(default_factory=list)
    figures: list[tuple[str, int, str]] = field(default_factory=list)
    # Publication review: all pending requests for a publisher, one's own for an editor.
    waiting_for_review: list = field(default_factory=list)
    may_publish: bool = False


def split_radar(*, items: list[RadarItem], today: datetime.date) -> tuple[list, list, list]:
    """The radar's items as (overdue, due within 7 days, due in 8–30 days)."""
    overdue = [item for item in items if item.days_left(today) < 0]
    within_7 = [item for item in items if 0 <= item.days_left(today) <= SOON_DAYS]
    within_30 = [item for item in items if SOON_DAYS < item.days_left(today) <= LATER_DAYS]
    return overdue, within_7, within_30


def person_of(*, user: User) -> Person | None:
    if not user.email:
        return None
    return Person.objects.filter(email__iexact=user.email).select_related("unit").first()


def my_assignments(*, person: Person | None) -> list[Commitment]:
    if person is None:
        return []
    mine = Q(responsible_person=person)
    if person.unit_id:
        mine |= Q(responsible_unit_id=person.unit_id)
    commitments = Commitment.objects.open().filter(mine).select_related("agreement", "responsible_person")
    return list(commitments.order_by("deadline", "pk"))


def my_deadlines(*, items: list[RadarItem], person: Person | None) -> list[RadarItem]:
    """The radar's items (commitments aside: listed above) whose responsible
    person is ``person``."""
    if person is None or not person.email:
        return []
    return [
        item
        for item in items
        if item.kind != "commitment" and item.responsible_email.lower() == person.email.lower()
    ]


@dataclass(frozen=True)
class RecentChange:
    when: datetime.datetime
    user: User
    kind: str
    label: str
    type_label: str
    url: str


def recent_changes_by_colleagues(*, user: User, limit: int = RECENT_CHANGES) -> list[RecentChange]:
    """The latest changes other staff made, newest first (one query per
    model with history: a UNION over differently shaped tables would need raw SQL)."""
    rows = []
    for model in history_models():
        history = model.history.exclude(history_user__isnull=True).exclude(history_user=user)
        rows.extend(history.select_related("history_user").order_by("-history_date")[:limit])
    rows.sort(key=lambda row: row.history_date, reverse=True)
    return [_recent_change(row) for row in rows[:limit]]


def _recent_change(row) -> RecentChange:
    model = row.instance_type
    opts = model._meta
    if row.history_type == "-":
        url = _url(f"admin:{opts.app_label}_{opts.model_name}_history", row.id)
    else:
        url = _url(f"admin:{opts.app_label}_{opts.model_name}_change", row.id)
    return RecentChange(
        when=row.history_date,
        user=row.history_user,
        kind=str(opts.verbose_name),
        label=str(row.instance),
        type_label=row.get_history_type_display(),
        url=url,
    )


def _url(name: str, pk) -> str:
    try:
        return reverse(name, args=[pk])
    except NoReverseMatch:
        return ""


def _unconfirmed_memberships(today: datetime.date):
    """Begun, not ended, yet not current: no source confirms them within the
    window (core.truth), so the site says "last reported" for them. Beside
    "Current memberships" so the two add up to what is held, and staff see
    what to confirm with a newer source."""
    held = Membership.objects.active_on(today).values("pk")
    return Membership.objects.filter(truth.membership_begun_q(today), until__isnull=True).exclude(pk__in=held)


def key_figures(*, today: datetime.date) -> list[tuple[str, int, str]]:
    """(label, count, link to the admin list) for a few headline numbers."""
    return [
        (
            _("Agreements in force"),
            Agreement.objects.in_force_on(today).count(),
            reverse("admin:agreements_agreement_changelist"),
        ),
        (
            _("Current memberships"),
            Membership.objects.active_on(today).count(),
            reverse("admin:organizations_membership_changelist"),
        ),
        (
            _("Memberships to confirm (no recent source)"),
            _unconfirmed_memberships(today).count(),
            reverse("admin:organizations_membership_changelist") + "?until__isnull=True",
        ),
        (_("Open commitments"), Commitment.objects.open().count(), reverse("admin:agreements_commitment_changelist")),
        (
            _("Dues overdue"),
            Dues.objects.with_status(today).filter(status=DuesStatus.OVERDUE).count(),
            reverse("admin:organizations_dues_changelist") + "?status=overdue",
        ),
    ]


def staff_dashboard(*, user: User, today: datetime.date) -> Dashboard:
    items = radar_items(today=today, days=LATER_DAYS)
    overdue, within_7, within_30 = split_radar(items=items, today=today)
    person = person_of(user=user)
    return Dashboard(
        overdue=overdue,
        within_7=within_7,
        within_30=within_30,
        assignments=my_assignments(person=person),
        my_deadlines=my_deadlines(items=items, person=person),
        my_person=person,
        recent_changes=recent_changes_by_colleagues(user=user),
        figures=key_figures(today=today),
        waiting_for_review=pending_requests(user=user),
        may_publish=may_publish(user),
    )
