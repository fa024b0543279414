"""The period report: what the department did between two dates.

Every figure is an aggregate computed by the database (``Count``/``Sum`` with
``filter=Q(...)``, ``values().annotate()``); rows are read only to name the
few things a report names (chairs held, initiatives, FTAs).

Counting rules (shown on the page too):

* a dated record counts when its date falls in the period (a membership or an
  office when it was held at any time of it);
* a record without any date counts when the source that reports it was
  published within the period — the articles are themselves period reports;
* "ours" is the registry's own organization (settings.COOPDB_OWN_ORGANIZATION)
  and its units.

Totals a source states without naming every item ("14 organizations") are
core.ReportedFigure rows; each section shows the relevant one next to the
counted figure, labelled as stated by the source.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Case, Count, Exists, F, IntegerField, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements.choices import CLOSED_COMMITMENT_STATUSES, AgreementKind, AgreementStatus, CommitmentStatus
from agreements.models import Agreement, AgreementParty, AgreementStatusChange, Commitment
from core import truth
from core.models import ReportedFigure
from events.choices import Direction, EventMode, HeadcountQualifier, InitiativeStatus
from events.models import Delegation, DelegationMember, Event, Initiative
from organizations.choices import LEADERSHIP_ROLES, DuesStatus, OfficeRole, OrganizationKind
from organizations.models import Dues, Membership, Office, Organization
from workflow.charts import Chart, bar_chart

SIGNED_OR_LATER = (
    AgreementStatus.SIGNED,
    AgreementStatus.RATIFIED,
    AgreementStatus.IN_FORCE,
    AgreementStatus.EXPIRED,
    AgreementStatus.TERMINATED,
)
# Which stated totals (core.ReportedFigure keys) stand next to which counted figure.
REPORTED_FIGURE_KEYS = {
    "memberships": ("member-organizations",),
    "agreements": ("regular-partners",),
    "ftas": ("fta-tbt-provisions",),
    "delegations": ("apo-programme-attendances",),
}


@dataclass
class Figure:
    label: str
    value: int
    approximate: bool = False  # some headcounts are "at least" or "about"


@dataclass
class Table:
    columns: list[str]
    rows: list[list]


@dataclass
class Section:
    key: str
    title: str
    figures: list[Figure]
    tables: list[Table] = field(default_factory=list)
    chart: Chart | None = None
    reported: list[ReportedFigure] = field(default_factory=list)


@dataclass
class PeriodReport:
    start: datetime.date
    end: datetime.date
    sections: list[Section]
    reported: list[ReportedFigure]

    def section(self, key: str) -> Section:
        return next(section for section in self.sections if section.key == key)

    def figure(self, key: str, index: int = 0) -> int:
        return self.section(key).figures[index].value


def period_report(*, start: datetime.date, end: datetime.date) -> PeriodReport:
    period = _Period(start, end)
    reported = list(_reported_figures(period))
    by_key = {figure.key: figure for figure in reported}
    sections = [
        _memberships(period),
        _agreements(period),
        _ftas(period),
        _chairs(period),
        _events(period),
        _delegations(period),
        _initiatives(period),
        _dues(period),
    ]
    for section in sections:
        section.reported = [by_key[key] for key in REPORTED_FIGURE_KEYS.get(section.key, ()) if key in by_key]
    return PeriodReport(start, end, sections, reported)


@dataclass(frozen=True)
class _Period:
    start: datetime.date
    end: datetime.date

    @property
    def years(self) -> tuple[int, int]:
        return (self.start.year, self.end.year)

    def dates(self) -> tuple[datetime.date, datetime.date]:
        return (self.start, self.end)

    def reported_in(self, prefix: str = "") -> Q:
        """Undated records count when their source was published in the period."""
        return Q(**{f"{prefix}source__published_on__range": self.dates()})


def _ours(prefix: str) -> Q:
    own = settings.COOPDB_OWN_ORGANIZATION
    return Q(**{f"{prefix}slug": own}) | Q(**{f"{prefix}parent__slug": own})


def _choice_label(choices, value) -> str:
    return str(dict(choices.choices).get(value, value or "—"))


# --- memberships ------------------------------------------------------------


def _memberships(period: _Period) -> Section:
    held = Membership.objects.filter(
        _ours("member__") | Q(represents=settings.COOPDB_OWN_COUNTRY),
        Q(since__lte=period.end)
        | Q(since__isnull=True, since_year__lte=period.end.year)
        | Q(since__isnull=True, since_year__isnull=True),
        # An open-ended membership counts only while a source confirms it
        # (core.truth's window), so a 2026 report does not repeat 2019's word.
        Q(until__gte=period.start) | (Q(until__isnull=True) & truth.confirmed_q(period.start)),
    ).exclude(organization__slug=settings.COOPDB_OWN_ORGANIZATION)
    by_kind = list(
        held.values("organization__kind")
        .annotate(n=Count("organization", distinct=True))
        .order_by("-n", "organization__kind")
    )
    rows = [[_choice_label(OrganizationKind, row["organization__kind"]), row["n"]] for row in by_kind]
    total = sum(row["n"] for row in by_kind)  # an organization has one kind: no second count query
    names = (
        Organization.objects.filter(pk__in=held.values("organization"))
        .order_by("kind", "acronym", "slug")
        .values_list("kind", "acronym", "name")
    )
    listing = [[_choice_label(OrganizationKind, kind), acronym or name] for kind, acronym, name in names]
    return Section(
        "memberships",
        _("Organizations we are a member of"),
        [Figure(_("Organizations (counted in the registry)"), total)],
        [Table([_("Kind"), _("Organizations")], rows), Table([_("Kind"), _("Organization")], listing)],
        bar_chart(_("Organizations by kind"), [(label, [n]) for label, n in rows], [_("organizations")]),
    )


# --- agreements -------------------------------------------------------------


def _signed_in(period: _Period) -> Q:
    # At most one row (one step per stage): no ordering, or the model's would
    # add a join and a sort to every FTA's subquery.
    signed_steps = AgreementStatusChange.objects.filter(
        agreement=OuterRef("pk"), status=AgreementStatus.SIGNED
    ).order_by()
    step_in_period = signed_steps.filter(
        Q(changed_on__range=period.dates()) | Q(changed_on__isnull=True, year__range=period.years)
    )
    # Without a signature date or step, only an agreement whose status says it
    # was signed can count (a proposed one dated by its source must not).
    undated = Q(signed_on__isnull=True) & ~Exists(signed_steps) & Q(status__in=SIGNED_OR_LATER)
    return (
        Q(signed_on__range=period.dates())
        | (Q(signed_on__isnull=True) & Exists(step_in_period))
        | (undated & Q(valid_from__range=period.dates()))
        | (undated & Q(valid_from__isnull=True) & period.reported_in())
    )


def _agreements(period: _Period) -> Section:
    signed = Agreement.objects.filter(_signed_in(period))
    by_kind = [
        [_choice_label(AgreementKind, row["kind"]), row["n"]]
        for row in signed.values("kind").annotate(n=Count("pk")).order_by("-n", "kind")
    ]
    total = sum(n for _label, n in by_kind)  # each agreement has one kind: no second count query
    partners = (
        AgreementParty.objects.filter(agreement__in=signed)
        .exclude(_ours("organization__"))
        .exclude(country=settings.COOPDB_OWN_COUNTRY, organization__isnull=True)
        .values("organization__acronym", "organization__name", "country")
        .annotate(n=Count("agreement", distinct=True))
        .order_by("-n", "organization__acronym", "country")
    )
    by_partner = [[_partner_label(row), row["n"]] for row in partners]
    return Section(
        "agreements",
        _("Agreements signed"),
        [Figure(_("Agreements signed"), total), Figure(_("Partners"), len(by_partner))],
        [Table([_("Kind"), _("Agreements")], by_kind), Table([_("Partner"), _("Agreements")], by_partner)],
        bar_chart(_("Agreements signed by kind"), [(label, [n]) for label, n in by_kind], [_("agreements")]),
    )


def _partner_label(row) -> str:
    if row["organization__acronym"] or row["organization__name"]:
        return row["organization__acronym"] or row["organization__name"]
    from django_countries import countries

    return str(countries.name(row["country"]) or row["country"])


# --- FTAs and their TBT commitments -------------------------------------------


def _step_by(period: _Period, status, *, before_start: bool = False):
    """Exists: the agreement reached ``status`` by the period's end (or before
    its start), by the one rule of core.truth (a year-only step counts on
    31 December of its year)."""
    day = period.start - datetime.timedelta(days=1) if before_start else period.end
    return truth.stage_reached_by(day, status)


def _lifecycle(period: _Period) -> tuple[Q, Q, Q]:
    """(started, entered into force, ended) by the period's end — ended meaning
    before its start. Dated steps decide; ``signed_on``, ``valid_from`` and
    ``valid_until`` stand in when the history is missing."""
    any_in_force_step = Exists(
        AgreementStatusChange.objects.filter(agreement=OuterRef("pk"), status=AgreementStatus.IN_FORCE)
    )
    started = Q(signed_on__lte=period.end) | _step_by(period, AgreementStatus.values)
    entered = _step_by(period, [AgreementStatus.IN_FORCE]) | (~any_in_force_step & Q(valid_from__lte=period.end))
    ended = _step_by(period, [AgreementStatus.TERMINATED, AgreementStatus.EXPIRED], before_start=True) | Q(
        valid_until__lt=period.start
    )
    return started, entered, ended


def _ftas(period: _Period) -> Section:
    """Every FTA has a TBT chapter: STAMEQ implements those in force in the
    period and negotiates the ones signed or under negotiation. Their recorded
    commitments, by status."""
    started, entered, ended = _lifecycle(period)
    in_force = entered & ~ended
    ftas = Agreement.objects.filter(kind=AgreementKind.FTA).filter(in_force | (started & ~entered & ~ended))
    # At most one row (one step per stage): no ordering, or the model's would
    # add a join and a sort to every FTA's subquery.
    signed_steps = AgreementStatusChange.objects.filter(
        agreement=OuterRef("pk"), status=AgreementStatus.SIGNED
    ).order_by()
    listed = (
        ftas.annotate(
            in_force=Case(When(in_force, then=Value(1)), default=Value(0), output_field=IntegerField()),
            signed_day=Coalesce("signed_on", Subquery(signed_steps.values("changed_on")[:1])),
            signed_year=Subquery(signed_steps.values("year")[:1]),
            open_commitments=Count("commitments", filter=~Q(commitments__status__in=CLOSED_COMMITMENT_STATUSES)),
            done_commitments=Count("commitments", filter=Q(commitments__status=CommitmentStatus.IMPLEMENTED)),
        )
        .order_by(
            "-in_force",
            Coalesce(ExtractYear("signed_day"), "signed_year", output_field=IntegerField()).asc(nulls_last=True),
            F("signed_day").asc(nulls_last=True),
            "slug",
        )
        .values_list(
            "short_title", "title", "signed_day", "signed_year", "in_force", "open_commitments", "done_commitments"
        )
    )
    rows = [
        [short or title, _day_or_year(day, year), _("yes") if in_force else "—", open_n, done_n]
        for short, title, day, year, in_force, open_n, done_n in listed
    ]
    in_force_count = sum(1 for row in listed if row[4])
    by_status = [
        [_choice_label(CommitmentStatus, row["status"]), row["n"]]
        for row in Commitment.objects.filter(agreement__in=ftas)
        .values("status")
        .annotate(n=Count("pk"))
        .order_by("-n", "status")
    ]
    return Section(
        "ftas",
        _("FTAs with TBT provisions"),
        [
            Figure(
                _("FTAs in force in the period: TBT provisions implemented (counted in the registry)"), in_force_count
            ),
            Figure(_("FTAs signed or under negotiation, not yet in force"), len(rows) - in_force_count),
        ],
        [
            Table([_("FTA"), _("Signed"), _("In force in the period"), _("Open commitments"), _("Implemented")], rows),
            Table([_("Status of their commitments"), _("Commitments")], by_status),
        ],
        bar_chart(
            _("Commitments of these FTAs by status"), [(label, [n]) for label, n in by_status], [_("commitments")]
        ),
    )


def _day_or_year(day, year) -> str:
    if day:
        return day.isoformat()
    return str(year) if year else "—"


# --- chair roles ----------------------------------------------------------------


def _chairs(period: _Period) -> Section:
    dated = Q(term_start__isnull=False) | Q(term_end__isnull=False) | Q(term_year__isnull=False)
    year_only = Q(term_start__isnull=True, term_end__isnull=True, term_year__isnull=False)
    # An open-ended term counts only while a source confirms it (core.truth).
    open_ended = Q(term_end__isnull=True) & (year_only | truth.confirmed_q(period.start))
    still_held = Q(term_end__gte=period.start) | open_ended
    held_in_period = (
        (Q(term_start__isnull=True) | Q(term_start__lte=period.end))
        & still_held
        & (Q(term_year__isnull=True) | Q(term_year__range=period.years))
    )
    offices = Office.objects.filter(
        _ours("holder_organization__") | _ours("holder_person__unit__"),
        role__in=LEADERSHIP_ROLES,
    ).filter((dated & held_in_period) | (~dated & period.reported_in()))
    by_role = [
        [_choice_label(OfficeRole, row["role"]), row["n"]]
        for row in offices.values("role").annotate(n=Count("pk")).order_by("role")
    ]
    listing = [
        [str(office), office.body.display_name, _term(office)]
        for office in offices.select_related("body").order_by("role", "body__acronym", "slug")
    ]
    return Section(
        "chairs",
        _("Chair roles held"),
        [Figure(_("Chair roles"), sum(n for _label, n in by_role))],
        [Table([_("Role"), _("Roles")], by_role), Table([_("Office"), _("Body"), _("Term")], listing)],
    )


def _term(office: Office) -> str:
    if office.term_start or office.term_end:
        start = office.term_start.isoformat() if office.term_start else "…"
        end = office.term_end.isoformat() if office.term_end else "…"
        return f"{start} – {end}"
    return str(office.term_year or "—")


# --- events -------------------------------------------------------------------------


def _events(period: _Period) -> Section:
    events = Event.objects.between(*period.dates())
    totals = events.aggregate(
        total=Count("pk"),
        hosted=Count("pk", filter=Q(hosted_by_us=True)),
        attended=Count("pk", filter=Q(hosted_by_us=False)),
        chaired=Count("pk", filter=Q(chaired_by_us=True)),
        online=Count("pk", filter=Q(mode=EventMode.ONLINE)),
        hybrid=Count("pk", filter=Q(mode=EventMode.HYBRID)),
    )
    by_year = list(
        events.annotate(year=ExtractYear("start_on"))
        .values("year")
        .annotate(
            hosted=Count("pk", filter=Q(hosted_by_us=True)),
            attended=Count("pk", filter=Q(hosted_by_us=False)),
            online=Count("pk", filter=~Q(mode=EventMode.IN_PERSON)),
        )
        .order_by("year")
    )
    rows = [[row["year"], row["hosted"], row["attended"], row["online"]] for row in by_year]
    return Section(
        "events",
        _("Events hosted and attended"),
        [
            Figure(_("Events"), totals["total"]),
            Figure(_("Hosted by us"), totals["hosted"]),
            Figure(_("Attended"), totals["attended"]),
            Figure(_("Chaired by us"), totals["chaired"]),
            Figure(_("Online"), totals["online"]),
            Figure(_("Hybrid"), totals["hybrid"]),
        ],
        [Table([_("Year"), _("Hosted"), _("Attended"), _("Online or hybrid")], rows)],
        bar_chart(
            _("Events per year"),
            [(year, [hosted, attended]) for year, hosted, attended, _online in rows],
            [_("hosted"), _("attended")],
        ),
    )


# --- delegations ---------------------------------------------------------------------


def _delegations(period: _Period) -> Section:
    members = (
        DelegationMember.objects.filter(delegation=OuterRef("pk"))
        .values("delegation")
        .annotate(n=Count("pk"))
        .values("n")
    )
    officials = Coalesce(
        "headcount",
        Subquery(members, output_field=IntegerField()),
        Case(When(head__isnull=False, then=Value(1)), default=Value(0)),
        output_field=IntegerField(),
    )
    dated = Q(start_on__isnull=False) | Q(event__start_on__isnull=False)
    sent = Delegation.objects.filter(direction=Direction.OUTGOING).filter(
        Q(start_on__range=period.dates())
        | Q(start_on__isnull=True, event__start_on__range=period.dates())
        | (~dated & period.reported_in())
    )
    per_forum = list(
        sent.annotate(forum_key=Coalesce("forum", "event__forum"))
        .values("forum_key")
        .annotate(
            delegations=Count("pk"),
            officials=Sum(officials),
            approximate=Count(
                "pk", filter=Q(headcount__isnull=False) & ~Q(headcount_qualifier=HeadcountQualifier.EXACT)
            ),
        )
        .order_by("-officials", "forum_key")
    )
    names = dict(
        Organization.objects.filter(pk__in=[row["forum_key"] for row in per_forum if row["forum_key"]]).values_list(
            "pk", "acronym"
        )
    )
    labelled = [(names.get(row["forum_key"]) or _("(no forum)"), row) for row in per_forum]
    rows = [[label, row["delegations"], _at_least(row["officials"], row["approximate"])] for label, row in labelled]
    total_officials = sum(row["officials"] or 0 for row in per_forum)
    return Section(
        "delegations",
        _("Delegations and officials sent"),
        [
            Figure(_("Delegations sent"), sum(row["delegations"] for row in per_forum)),
            Figure(_("Officials sent"), total_officials, any(row["approximate"] for row in per_forum)),
        ],
        [Table([_("Forum"), _("Delegations"), _("Officials")], rows)],
        bar_chart(
            _("Officials sent per forum"),
            [(label, [row["officials"] or 0]) for label, row in labelled],
            [_("officials")],
        ),
    )


def _at_least(value, approximate) -> str:
    return f"≥ {value or 0}" if approximate else str(value or 0)


# --- initiatives ----------------------------------------------------------------------------


def _initiatives(period: _Period) -> Section:
    initiatives = Initiative.objects.filter(
        Q(year__range=period.years)
        | Q(year__isnull=True, event__start_on__range=period.dates())
        | (Q(year__isnull=True, event__isnull=True) & period.reported_in())
    )
    by_status = [
        [_choice_label(InitiativeStatus, row["status"]), row["n"]]
        for row in initiatives.values("status").annotate(n=Count("pk")).order_by("-n", "status")
    ]
    listing = [
        [
            initiative.title,
            initiative.forum.display_name if initiative.forum else "—",
            initiative.year or "—",
            initiative.get_status_display(),
        ]
        for initiative in initiatives.select_related("forum").order_by("year", "slug")
    ]
    return Section(
        "initiatives",
        _("Initiatives and proposals"),
        [Figure(_("Initiatives"), len(listing))],
        [
            Table([_("Status"), _("Initiatives")], by_status),
            Table([_("Initiative"), _("Forum"), _("Year"), _("Status")], listing),
        ],
    )


# --- dues -------------------------------------------------------------------------------------


def _dues(period: _Period) -> Section:
    as_of = min(period.end, timezone.localdate())
    dues = Dues.objects.with_status(as_of).filter(_ours("membership__member__"), year__range=period.years)
    counts = dues.aggregate(
        total=Count("pk"),
        on_time=Count("pk", filter=Q(status=DuesStatus.ON_TIME)),
        late=Count("pk", filter=Q(status=DuesStatus.LATE)),
        unpaid=Count("pk", filter=Q(status__in=[DuesStatus.OVERDUE, DuesStatus.UNPAID])),
    )
    per_year = list(
        dues.values("year")
        .annotate(
            total=Count("pk"),
            on_time=Count("pk", filter=Q(status=DuesStatus.ON_TIME)),
            late=Count("pk", filter=Q(status=DuesStatus.LATE)),
        )
        .order_by("year")
    )
    rows = [[row["year"], row["total"], row["on_time"], row["late"]] for row in per_year]
    return Section(
        "dues",
        _("Membership dues"),
        [
            Figure(_("Dues to pay"), counts["total"]),
            Figure(_("Paid on time"), counts["on_time"]),
            Figure(_("Paid late"), counts["late"]),
            Figure(_("Not paid"), counts["unpaid"]),
        ],
        [Table([_("Year"), _("Dues"), _("Paid on time"), _("Paid late")], rows)],
        bar_chart(
            _("Dues per year"), [(year, [on_time, late]) for year, _t, on_time, late in rows], [_("on time"), _("late")]
        ),
    )


# --- figures stated by the sources -----------------------------------------------------------------


def _reported_figures(period: _Period):
    """Totals stated by sources dated in the period (as of a day in it, for a
    period overlapping it, or in a source published in it), and undated ones."""
    undated = Q(as_of__isnull=True, period_start__isnull=True, period_end__isnull=True)
    return (
        ReportedFigure.objects.filter(
            Q(as_of__range=period.dates())
            | (
                Q(as_of__isnull=True)
                & (Q(period_start__lte=period.end) | Q(period_start__isnull=True))
                & (Q(period_end__gte=period.start) | Q(period_end__isnull=True))
                & ~undated
            )
            | (undated & (period.reported_in() | Q(source__published_on__isnull=True)))
        )
        .select_related("source")
        .order_by("key")
    )
