"""The partner pages' reads: the partner index and the timelines of one
organization or one country."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement, AgreementParty
from events.models import Delegation, Event, Initiative
from organizations import us
from organizations.models import Membership, Office, Organization
from public.selectors.common import public, public_org_q

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


def organization_timeline(organization: Organization) -> Timeline:
    """Everything recorded with ``organization`` (already known to be public)."""
    parties = public(AgreementParty).filter(agreement=OuterRef("pk"), organization=organization)
    return _timeline(
        public(Membership)
        .filter(Q(organization=organization) | Q(member=organization))
        .select_related("member", "organization"),
        public(Agreement).filter(Exists(parties)),
        public(Office)
        .filter(Q(body=organization) | Q(Q(holder_organization=organization) & public_org_q("holder_organization__")))
        .select_related("body", "holder_organization", "holder_person"),
        public(Event).filter(forum=organization),
        public(Delegation).filter(Q(forum=organization) | Q(counterpart=organization)),
        public(Initiative).filter(Q(forum=organization) | Q(proposer=organization)),
    )


def country_timeline(code: str) -> Timeline:
    """Everything recorded with a country or with a public organization based there."""
    in_country = lambda prefix: Q(**{f"{prefix}country": code}) & public_org_q(prefix)  # noqa: E731
    parties = public(AgreementParty).covering([code]).filter(agreement=OuterRef("pk"))
    return _timeline(
        public(Membership).filter(organization__country=code).select_related("member", "organization"),
        public(Agreement).filter(Exists(parties)),
        public(Office).filter(body__country=code).select_related("body", "holder_organization", "holder_person"),
        public(Event).filter(Q(country=code) | in_country("forum__")),
        public(Delegation).filter(Q(country=code) | in_country("counterpart__") | in_country("forum__")),
        public(Initiative).filter(in_country("forum__") | in_country("proposer__")),
    )


def partner_countries() -> list[str]:
    """Country codes that appear on some public record, for the partner index;
    never our own country."""
    codes = set()
    codes.update(public(Organization).exclude(country="").values_list("country", flat=True).distinct())
    codes.update(public(AgreementParty).exclude(country="").values_list("country", flat=True).distinct())
    codes.update(public(Event).exclude(country="").values_list("country", flat=True).distinct())
    codes.update(public(Delegation).exclude(country="").values_list("country", flat=True).distinct())
    codes.discard(us.own_country())
    return sorted(codes)


def partner_organizations():
    """Organizations that are party to a public agreement or host a public event."""
    parties = public(AgreementParty).filter(organization=OuterRef("pk"))
    events = public(Event).filter(forum=OuterRef("pk"))
    return (
        public(Organization).filter(Exists(parties) | Exists(events)).filter(us.not_us_q()).order_by("acronym", "slug")
    )
