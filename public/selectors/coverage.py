"""Who covers what: the agreements covering one country (with their TBT
commitments), the FTA × partner-country matrix, the countries of the world map
and the agreements signed and entering into force per year.

A party covers a country when it is that country, an organization seated there
(Rosstandart for Russia), or a union of states with it among its member
countries (the EU for Germany): ``AgreementParty.objects.covering`` in the
database, ``party_countries`` here on rows already read. Only public records
count, children only with their public parent (``visible_to(PUBLIC)``), and
"in force" is core.truth's rule on the day given.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from agreements.choices import AgreementKind, AgreementStatus
from agreements.models import Agreement, AgreementParty
from agreements.selectors import commitments, status_history
from core import truth
from core.choices import PUBLIC
from core.counts import cached
from events.models import Delegation, Event
from organizations import us
from organizations.models import Membership, Organization
from public.selectors.common import public

# How a country stands under an agreement today (a cell of the matrix).
IN_FORCE = "in_force"
SIGNED = "signed"
ENDED = "ended"
NEGOTIATING = "negotiating"

# Short words for the matrix's cells.
SHORT_LABELS = {
    IN_FORCE: _("In force"),
    SIGNED: _("Signed"),
    ENDED: _("Ended"),
    NEGOTIATING: _("Not yet signed"),
}
STATE_LABELS = {
    IN_FORCE: _("In force"),
    SIGNED: _("Signed, not yet in force"),
    ENDED: _("Ended"),
    NEGOTIATING: _("Not yet signed"),
}


def party_countries(party) -> list[str]:
    """The countries a party answers for (as ``AgreementParty.objects.covering``)."""
    codes = []
    if party.country:
        codes.append(party.country.code)
    if party.organization_id:
        organization = party.organization
        if organization.country:
            codes.append(organization.country.code)
        codes += [country.code for country in organization.member_countries]
    return list(dict.fromkeys(codes))


def _in_force_ids(today: datetime.date, agreement_ids) -> set[int]:
    return set(public(Agreement).in_force_on(today).filter(pk__in=agreement_ids).values_list("pk", flat=True))


@dataclass
class Coverage:
    """One agreement covering one country, through one party."""

    agreement: Agreement
    party: AgreementParty
    state: str
    # The day it entered into force for this country, when recorded; the day signed.
    in_force_on: datetime.date | None
    signed_on: datetime.date | None
    ended_on: datetime.date | None = None
    # Through a union of states or an organization seated there, not the country itself.
    through: str = ""
    today: datetime.date | None = None

    @property
    def label(self) -> str:
        if self.state == ENDED and self.ended_on:
            return gettext("Ended on %(day)s") % {"day": formats.date_format(self.ended_on, "DATE_FORMAT")}
        if self.state == NEGOTIATING:
            stage = truth.agreement_stage_on(self.agreement, self.today)
            return str(AgreementStatus(stage).label)
        return str(STATE_LABELS[self.state])

    @property
    def short_label(self) -> str:
        return str(SHORT_LABELS[self.state])


def _coverage(party, code: str, today: datetime.date, in_force_ids: set[int]) -> Coverage:
    """How ``party``'s agreement stands for the country today: in force only when
    the agreement is (core.truth) and, if the party has its own entry-into-force
    day, once that day is past."""
    agreement = party.agreement
    signed_on = party.signed_on or agreement.signed_on
    through = "" if party.country and party.country.code == code else str(party)
    standing = truth.agreement_standing(agreement, today)
    if standing.state == truth.Standing.ENDED:
        state = ENDED
    elif agreement.pk in in_force_ids and not (party.in_force_on and party.in_force_on > today):
        state = IN_FORCE
    elif (signed_on and signed_on <= today) or truth.agreement_stage_on(agreement, today) in truth.SIGNED_STAGES:
        state = SIGNED
    else:
        state = NEGOTIATING
    return Coverage(
        agreement,
        party,
        state,
        in_force_on=party.in_force_on,
        signed_on=signed_on,
        ended_on=standing.day,
        through=through,
        today=today,
    )


def _covering_parties(codes):
    return (
        public(AgreementParty)
        .covering(codes)
        .select_related("agreement", "organization")
        .prefetch_related(status_history(PUBLIC, "agreement__"))
        .order_by("agreement__kind", "agreement__signed_on", "agreement__slug", "pk")
    )


def _best(coverages: list[Coverage]) -> Coverage:
    # The country's own party first, then the strongest state.
    order = [IN_FORCE, SIGNED, NEGOTIATING, ENDED]
    return min(coverages, key=lambda c: (bool(c.through), order.index(c.state)))


def country_coverage(code: str, today: datetime.date) -> list[Coverage]:
    """Every public agreement covering ``code``, one row per agreement (its
    country's own party before a union's), FTAs first, each with its public
    commitments. Four queries whatever the data."""
    parties = list(_covering_parties([code]).prefetch_related(commitments(PUBLIC, "agreement__")))
    in_force_ids = _in_force_ids(today, {party.agreement_id for party in parties})
    by_agreement: dict[int, list[Coverage]] = {}
    for party in parties:
        by_agreement.setdefault(party.agreement_id, []).append(_coverage(party, code, today, in_force_ids))
    rows = [_best(coverages) for coverages in by_agreement.values()]
    fta_first = lambda row: (  # noqa: E731
        row.agreement.kind != AgreementKind.FTA,
        [IN_FORCE, SIGNED, NEGOTIATING, ENDED].index(row.state),
        -(row.signed_on or datetime.date.min).toordinal(),
        row.agreement.slug,
    )
    return sorted(rows, key=fta_first)


def _per_data_version(name: str, compute):
    """``compute()`` once per data version (core.counts.cached): these read
    whole public tables, so a page or the sitemap reads them again only
    after a record is saved or deleted (or the entry expires)."""
    key = f"{name}:{us.own_country()}:{settings.COOPDB_OWN_ORGANIZATION}"
    return cached(key, public(AgreementParty), compute)


def covered_countries() -> list[str]:
    """Codes of the countries some public agreement covers (for the sitemap); never ours."""
    return _per_data_version("covered-countries", _covered_countries)


def _covered_countries() -> list[str]:
    codes = set()
    for party in public(AgreementParty).select_related("organization"):
        codes.update(party_countries(party))
    codes.discard(us.own_country())
    return sorted(codes)


# --- the matrix ----------------------------------------------------------------


@dataclass
class Matrix:
    agreements: list
    # [(country code, [Coverage or None per agreement])]
    rows: list

    @property
    def counts(self) -> dict:
        return Counter(cell.state for _code, cells in self.rows for cell in cells if cell)


def fta_matrix(today: datetime.date) -> Matrix:
    """Public FTAs as columns (oldest signature first) × every partner country
    one of them covers as rows; three queries whatever the data."""
    parties = list(
        public(AgreementParty)
        .filter(agreement__kind=AgreementKind.FTA)
        .select_related("agreement", "organization")
        .prefetch_related(status_history(PUBLIC, "agreement__"))
    )
    in_force_ids = _in_force_ids(today, {party.agreement_id for party in parties})
    own = us.own_country()
    cells: dict[str, dict[int, list[Coverage]]] = {}
    agreements = {}
    for party in parties:
        agreements[party.agreement_id] = party.agreement
        for code in party_countries(party):
            if code != own:
                coverage = _coverage(party, code, today, in_force_ids)
                cells.setdefault(code, {}).setdefault(party.agreement_id, []).append(coverage)
    columns = sorted(agreements.values(), key=lambda a: (a.signed_on or datetime.date.max, a.slug))
    rows = [
        (code, [_best(by_agreement[a.pk]) if a.pk in by_agreement else None for a in columns])
        for code, by_agreement in cells.items()
    ]
    return Matrix(columns, rows)


# --- the world map -------------------------------------------------------------

FTA, AGREEMENT, ORGANIZATION, OTHER = "fta", "agreement", "organization", "other"
# Strongest first: a country is shaded by the first kind that applies.
MAP_KINDS = (
    (FTA, _("Covered by a free trade agreement")),
    (AGREEMENT, _("Party to an MoU or another agreement")),
    (ORGANIZATION, _("Seat of a partner organization or of one we are a member of")),
    (OTHER, _("Events or delegations only")),
)


@dataclass
class MapCountry:
    code: str
    kinds: set = field(default_factory=set)

    @property
    def kind(self) -> str:
        return next(key for key, _label in MAP_KINDS if key in self.kinds)

    @property
    def kind_labels(self) -> list[str]:
        return [str(label) for key, label in MAP_KINDS if key in self.kinds]


def map_countries() -> dict[str, MapCountry]:
    """Every partner country with the kinds of cooperation recorded with it,
    from public records only; never our own country. Five queries, once per
    data version."""
    return _per_data_version("map-countries", _map_countries)


def _map_countries() -> dict[str, MapCountry]:
    found: dict[str, MapCountry] = {}

    def add(code, kind):
        if code and code != us.own_country():
            found.setdefault(code, MapCountry(code)).kinds.add(kind)

    for party in public(AgreementParty).select_related("agreement", "organization"):
        for code in party_countries(party):
            add(code, FTA if party.agreement.kind == AgreementKind.FTA else AGREEMENT)
    # Organizations seated in a country, and the member countries of those we belong to (a union of states).
    member_of = set(public(Membership).filter(us.our_memberships_q()).values_list("organization_id", flat=True))
    for organization in public(Organization).filter(us.not_us_q()).only("pk", "country", "member_countries"):
        if organization.country:
            add(organization.country.code, ORGANIZATION)
        if organization.pk in member_of:
            for country in organization.member_countries:
                add(country.code, ORGANIZATION)
    for model in (Event, Delegation):
        for code in public(model).exclude(country="").values_list("country", flat=True).distinct():
            add(code, OTHER)
    return found


# --- agreements per year -------------------------------------------------------


@dataclass
class YearCounts:
    # [(year, signed, entered into force)] from the first year to the last, gaps as zeros.
    years: list
    # Agreements with no known signature year / entry-into-force year.
    undated_signed: int
    undated_in_force: int
    total: int


def _in_force_year(agreement) -> int | None:
    for change in agreement.status_changes.all():
        if change.status == AgreementStatus.IN_FORCE:
            day = change.changed_on
            return day.year if day else change.year
    return agreement.valid_from.year if agreement.valid_from else None


def _signed_year(agreement) -> int | None:
    if agreement.signed_on:
        return agreement.signed_on.year
    for change in agreement.status_changes.all():
        if change.status == AgreementStatus.SIGNED:
            return change.changed_on.year if change.changed_on else change.year
    return None


def agreements_per_year() -> YearCounts:
    """Public agreements signed and entering into force each year, by their
    dates or their public dated stages; two queries, once per data version."""
    return _per_data_version("agreements-per-year", _agreements_per_year)


def _agreements_per_year() -> YearCounts:
    agreements = list(
        public(Agreement).prefetch_related(status_history(PUBLIC))
    )
    signed = Counter(year for year in map(_signed_year, agreements) if year)
    entered = Counter(year for year in map(_in_force_year, agreements) if year)
    years = sorted(set(signed) | set(entered))
    rows = [(year, signed[year], entered[year]) for year in range(years[0], years[-1] + 1)] if years else []
    return YearCounts(
        rows,
        undated_signed=len(agreements) - sum(signed.values()),
        undated_in_force=sum(1 for a in agreements if not _in_force_year(a) and _entered(a)),
        total=len(agreements),
    )


def _entered(agreement) -> bool:
    """Recorded as having entered into force at some point (then undated when no year is known)."""
    statuses = {change.status for change in agreement.status_changes.all()} | {agreement.status}
    return bool(statuses & {AgreementStatus.IN_FORCE, AgreementStatus.EXPIRED, AgreementStatus.TERMINATED})
