"""The home page's reads: figures that hold today, figures sources state,
upcoming and recent events, the latest agreements."""

import datetime
from dataclasses import dataclass

from django.db.models import F, Q
from django.utils import formats
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from agreements.choices import AgreementKind
from agreements.models import Agreement
from agreements.selectors import status_history
from core import truth
from core.choices import PUBLIC, CountedFigure
from core.models import ReportedFigure
from events.models import Event
from organizations import us
from organizations.choices import CHAIR_ROLES
from organizations.models import Membership, Office


@dataclass(frozen=True)
class Figure:
    value: int
    label: str
    url_name: str
    # What the figure leaves out, e.g. "4 more last reported 26/07/2020".
    note: str = ""
    # The stated totals (core.ReportedFigure.counterpart) this count stands next to.
    counterpart: str = ""


def _reported_days(standings) -> str:
    days = sorted({standing.day for standing in standings if standing.day})
    if not days:
        return gettext("on undated sources")
    first, last = (formats.date_format(day, "SHORT_DATE_FORMAT") for day in (days[0], days[-1]))
    return first if first == last else f"{first}–{last}"


def _standing_figure(rows, standing_of, today, *, current_label, stale_label, url_name) -> Figure:
    """Counts what holds today; records no source confirms within the window
    are not counted as current but said "last reported <date>"."""
    standings = [standing_of(row, today) for row in rows]
    current = sum(1 for standing in standings if standing.is_current)
    stale = [standing for standing in standings if standing.state == truth.Standing.LAST_REPORTED]
    if stale and not current:
        return Figure(len(stale), stale_label % {"days": _reported_days(stale)}, url_name)
    note = ""
    if stale:
        note = ngettext(
            "and %(count)s more last reported %(days)s",
            "and %(count)s more last reported %(days)s",
            len(stale),
        ) % {"count": len(stale), "days": _reported_days(stale)}
    return Figure(current, str(current_label), url_name, note)


def home_figures(today: datetime.date) -> list[Figure]:
    year_start, year_end = datetime.date(today.year, 1, 1), datetime.date(today.year, 12, 31)
    memberships = Membership.objects.visible_to(PUBLIC).filter(us.our_memberships_q()).select_related("source")
    chairs = Office.objects.visible_to(PUBLIC).filter(role__in=CHAIR_ROLES).select_related("source")
    return [
        _standing_figure(
            memberships,
            truth.membership_standing,
            today,
            current_label=_("memberships of international and regional organizations"),
            stale_label=gettext("memberships of international and regional organizations, last reported %(days)s"),
            url_name="organizations:memberships",
        ),
        Figure(
            Agreement.objects.visible_to(PUBLIC).in_force_on(today).count(),
            _("agreements in force"),
            "agreements:list",
        ),
        Figure(
            Agreement.objects.visible_to(PUBLIC).filter(kind=AgreementKind.FTA).count(),
            _("free trade agreements (FTAs)"),
            "agreements:ftas",
            counterpart=CountedFigure.FTAS,
        ),
        _standing_figure(
            chairs,
            truth.office_standing,
            today,
            current_label=_("chair and co-chair roles held now"),
            stale_label=gettext("chair and co-chair roles last reported %(days)s"),
            url_name="organizations:offices",
        ),
        Figure(
            Event.objects.visible_to(PUBLIC).between(year_start, year_end).count(),
            _("events this year"),
            "events:list",
        ),
    ]


# What each kind of stated total is compared with on the home page: what
# it counts and, unless a home figure already counts it, how. The memberships
# stated are compared with every public membership of ours the registry
# names, not only those held today (the home figure).
_COUNTED = {
    CountedFigure.MEMBERSHIPS: (
        _("memberships"),
        lambda: Membership.objects.visible_to(PUBLIC).filter(us.our_memberships_q()).count(),
    ),
    CountedFigure.FTAS: (_("FTAs"), None),
}


def _difference_note(figure, what, counted: int) -> str:
    """One line saying what the registry holds next to what a source states, and why they differ."""
    values = {"counted": counted, "what": what, "stated": figure.value}
    if counted == figure.value:
        return gettext("The registry names the same %(counted)s %(what)s one by one.") % values
    if counted < figure.value:
        return (
            gettext(
                "The registry names %(counted)s %(what)s one by one, each with its source; the source states "
                "%(stated)s without naming them all, so the rest are not listed."
            )
            % values
        )
    return (
        gettext(
            "The registry names %(counted)s %(what)s one by one: more than the %(stated)s the source states, "
            "because it also holds records from other sources or dated after the source."
        )
        % values
    )


def reported_figures(counted: list[Figure]) -> list[ReportedFigure]:
    """Figures sources state, each with a line comparing it with what the
    registry counts (when its counterpart is declared); ``counted`` are the
    home figures, whose counts are reused rather than run again."""
    already = {figure.counterpart: figure.value for figure in counted if figure.counterpart}
    figures = list(ReportedFigure.objects.visible_to(PUBLIC).order_by("-as_of", "key")[:6])
    for figure in figures:
        figure.difference_note = ""
        if figure.counterpart in _COUNTED:
            what, count = _COUNTED[figure.counterpart]
            value = already[figure.counterpart] if figure.counterpart in already else count()
            figure.difference_note = _difference_note(figure, what, value)
    return figures


def upcoming_events(today: datetime.date, limit: int = 5):
    return (
        Event.objects.visible_to(PUBLIC)
        .filter(Q(start_on__gte=today) | Q(end_on__gte=today))
        .select_related("forum")
        .order_by("start_on", "slug")[:limit]
    )


def recent_events(today: datetime.date, limit: int = 3):
    return (
        Event.objects.visible_to(PUBLIC)
        .filter(start_on__lt=today)
        .select_related("forum")
        .order_by("-start_on", "slug")[:limit]
    )


def latest_agreements(limit: int = 5):
    # With their history: each one's status today is read from it.
    return (
        Agreement.objects.visible_to(PUBLIC)
        .prefetch_related(status_history(PUBLIC))
        .order_by(F("signed_on").desc(nulls_last=True), "-created_at")[:limit]
    )
