"""The public site's reads that span every app: the home page's figures, the
site-wide search and the partner timelines. The site's reads start from
``visible_to("public")`` and run a fixed number of queries whatever the amount
of data."""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Exists, F, OuterRef, Q
from django.utils import formats
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from agreements.choices import AgreementKind
from agreements.models import Agreement, AgreementParty, Commitment
from core import truth
from core.choices import Audience
from core.models import ReportedFigure
from core.querysets import visibility_q
from core.search import search_q
from events.models import Delegation, Event, Initiative
from organizations import us
from organizations.choices import OfficeRole
from organizations.models import Membership, Office, Organization, OrganizationName

PUBLIC = Audience.PUBLIC
CHAIR_ROLES = (OfficeRole.CHAIR, OfficeRole.CO_CHAIR)


def public_org_q(prefix: str) -> Q:
    """Rows whose organization at ``prefix`` is public: a filter through a hidden
    organization must not reveal anything about it."""
    return visibility_q(Organization, PUBLIC, prefix=prefix)


# --- home ------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    value: int
    label: str
    url_name: str
    # What the figure leaves out, e.g. "4 more last reported 26/07/2020".
    note: str = ""


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
    own = settings.COOPDB_OWN_ORGANIZATION
    memberships = Membership.objects.visible_to(PUBLIC).filter(member__slug=own).select_related("source")
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


# Stated figures the registry also counts: key -> (what it counts, the count).
_COUNTED_COUNTERPARTS = {
    "member-organizations": (
        _("memberships"),
        lambda: Membership.objects.visible_to(PUBLIC).filter(member__slug=settings.COOPDB_OWN_ORGANIZATION).count(),
    ),
    "fta-tbt-provisions": (
        _("FTAs"),
        lambda: Agreement.objects.visible_to(PUBLIC).filter(kind=AgreementKind.FTA).count(),
    ),
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


def reported_figures():
    """Figures sources state, each with a line comparing it with what the registry counts (when it does)."""
    figures = list(ReportedFigure.objects.visible_to(PUBLIC).order_by("-as_of", "key")[:6])
    for figure in figures:
        counterpart = _COUNTED_COUNTERPARTS.get(figure.key)
        figure.difference_note = _difference_note(figure, counterpart[0], counterpart[1]()) if counterpart else ""
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
    return Agreement.objects.visible_to(PUBLIC).order_by(F("signed_on").desc(nulls_last=True), "-created_at")[:limit]


# --- search ----------------------------------------------------------------


@dataclass
class SearchGroup:
    key: str
    label: str
    list_url_name: str
    results: list
    total: int


SEARCH_LIMIT = 10

# (key, heading, list page, queryset builder, searched fields)
_SEARCH_TARGETS = (
    (
        "organizations",
        _("Organizations"),
        "organizations:list",
        lambda: Organization.objects.visible_to(PUBLIC),
        ["acronym", "name_vi", "name_en", "description_vi", "description_en"],
    ),
    (
        "agreements",
        _("Agreements"),
        "agreements:list",
        lambda: Agreement.objects.visible_to(PUBLIC),
        ["short_title_vi", "short_title_en", "title_vi", "title_en", "summary_vi", "summary_en"],
    ),
    (
        "commitments",
        _("Commitments"),
        "agreements:commitments",
        lambda: Commitment.objects.visible_to(PUBLIC).select_related("agreement"),
        ["reference_vi", "reference_en", "title_vi", "title_en", "text_vi", "text_en"],
    ),
    (
        "events",
        _("Events"),
        "events:list",
        lambda: Event.objects.visible_to(PUBLIC),
        ["title_vi", "title_en", "city_vi", "city_en", "description_vi", "description_en"],
    ),
    (
        "delegations",
        _("Delegations"),
        "events:delegations",
        lambda: Delegation.objects.visible_to(PUBLIC),
        ["title_vi", "title_en", "description_vi", "description_en"],
    ),
    (
        "initiatives",
        _("Initiatives"),
        "events:initiatives",
        lambda: Initiative.objects.visible_to(PUBLIC),
        ["title_vi", "title_en", "description_vi", "description_en", "outcome_vi", "outcome_en"],
    ),
)


def _former_names_matching(query: str):
    """Names an organization bore for a time: "Rostekhregulirovaniye" finds Rosstandart."""
    return _public(OrganizationName).filter(
        search_q(query, ["acronym", "name_vi", "name_en"]), organization=OuterRef("pk")
    )


def search_everything(query: str) -> list[SearchGroup]:
    """Accent-insensitive search over every kind of public record: two queries
    per kind (the first results and the total)."""
    if not query.strip():
        return []
    groups = []
    for key, label, list_url_name, base, fields in _SEARCH_TARGETS:
        condition = search_q(query, fields)
        if key == "organizations":
            condition |= Q(Exists(_former_names_matching(query)))
        matches = base().filter(condition)
        total = matches.count()
        results = list(matches[:SEARCH_LIMIT]) if total else []
        groups.append(SearchGroup(key, label, list_url_name, results, total))
    return groups


# --- partner timeline --------------------------------------------------------


@dataclass
class TimelineEntry:
    day: datetime.date | None
    year: int | None
    kind: str
    obj: object
    detail: str = ""

    @property
    def sort_key(self):
        # Undated entries go last; a year alone sorts at the start of that year.
        if self.day:
            return (0, self.day)
        if self.year:
            return (0, datetime.date(self.year, 1, 1))
        return (1, datetime.date.max)

    @property
    def group_year(self):
        return self.day.year if self.day else self.year


@dataclass
class Timeline:
    entries: list = field(default_factory=list)

    def by_year(self):
        """[(year or None, [entries])] in date order."""
        groups: dict = {}
        for entry in sorted(self.entries, key=lambda e: e.sort_key):
            groups.setdefault(entry.group_year, []).append(entry)
        return list(groups.items())


def _agreement_day(agreement):
    return agreement.signed_on or agreement.valid_from


def _timeline(memberships, agreements, offices, events, delegations, initiatives) -> Timeline:
    entries = []
    entries += [TimelineEntry(m.since, m.since_year, _("Membership"), m) for m in memberships]
    entries += [TimelineEntry(_agreement_day(a), None, _("Agreement"), a) for a in agreements]
    entries += [TimelineEntry(o.term_start, o.term_year, _("Office"), o) for o in offices]
    entries += [TimelineEntry(e.start_on, None, _("Event"), e) for e in events]
    entries += [TimelineEntry(d.start_on, None, _("Delegation"), d) for d in delegations]
    entries += [TimelineEntry(None, i.year, _("Initiative"), i) for i in initiatives]
    return Timeline(entries)


def _public(model):
    return model.objects.visible_to(PUBLIC)


def organization_timeline(organization: Organization) -> Timeline:
    """Everything recorded with ``organization`` (already known to be public)."""
    parties = _public(AgreementParty).filter(agreement=OuterRef("pk"), organization=organization)
    return _timeline(
        _public(Membership)
        .filter(Q(organization=organization) | Q(member=organization))
        .select_related("member", "organization"),
        _public(Agreement).filter(Exists(parties)),
        _public(Office)
        .filter(Q(body=organization) | Q(Q(holder_organization=organization) & public_org_q("holder_organization__")))
        .select_related("body", "holder_organization", "holder_person"),
        _public(Event).filter(forum=organization),
        _public(Delegation).filter(Q(forum=organization) | Q(counterpart=organization)),
        _public(Initiative).filter(Q(forum=organization) | Q(proposer=organization)),
    )


def country_timeline(code: str) -> Timeline:
    """Everything recorded with a country or with a public organization based there."""
    in_country = lambda prefix: Q(**{f"{prefix}country": code}) & public_org_q(prefix)  # noqa: E731
    parties = _public(AgreementParty).covering([code]).filter(agreement=OuterRef("pk"))
    return _timeline(
        _public(Membership).filter(organization__country=code).select_related("member", "organization"),
        _public(Agreement).filter(Exists(parties)),
        _public(Office).filter(body__country=code).select_related("body", "holder_organization", "holder_person"),
        _public(Event).filter(Q(country=code) | in_country("forum__")),
        _public(Delegation).filter(Q(country=code) | in_country("counterpart__") | in_country("forum__")),
        _public(Initiative).filter(in_country("forum__") | in_country("proposer__")),
    )


def partner_countries() -> list[str]:
    """Country codes that appear on some public record, for the partner index;
    never our own country."""
    codes = set()
    codes.update(_public(Organization).exclude(country="").values_list("country", flat=True).distinct())
    codes.update(_public(AgreementParty).exclude(country="").values_list("country", flat=True).distinct())
    codes.update(_public(Event).exclude(country="").values_list("country", flat=True).distinct())
    codes.update(_public(Delegation).exclude(country="").values_list("country", flat=True).distinct())
    codes.discard(us.own_country())
    return sorted(codes)


def partner_organizations():
    """Organizations that are party to a public agreement or host a public event."""
    parties = _public(AgreementParty).filter(organization=OuterRef("pk"))
    events = _public(Event).filter(forum=OuterRef("pk"))
    return (
        _public(Organization).filter(Exists(parties) | Exists(events)).filter(us.not_us_q()).order_by("acronym", "slug")
    )
