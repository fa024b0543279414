"""The period report's content: the figures, tables and charts of each
section, labelled and with dates written in the active language. The counting
rules are in selectors.py; the HTML page (templates/workflow/report.html), the
.xlsx (workflow/spreadsheets.py) and the .docx (docx.py) present this.

Listing tables name at most LISTING_LIMIT records and say how many more there
are: the figures are exact at any scale, and a report of 12,000 FTAs is read
from the .xlsx or the admin's lists, not from pages of rows."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Window
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from agreements.choices import AgreementKind, CommitmentStatus
from agreements.models import Agreement
from core.models import ReportedFigure
from events.choices import InitiativeStatus
from organizations.choices import OfficeRole, OrganizationKind
from organizations.models import Organization
from workflow.charts import Chart, bar_chart
from workflow.report import selectors

LISTING_LIMIT = 100
# The rules as the page and the document state them (selectors.py applies them).
COUNTING_RULES = (
    _(
        "A dated record counts when its date falls in the period; "
        "a membership or an office when it was held at any time in it."
    ),
    _("A record whose date is unknown is never counted in a period: it is listed apart, under “Date unknown”."),
    _(
        "“Stated by the source” figures are totals an article gives without naming every item; "
        "they are shown next to what the registry counts, never added to it, "
        "and only in a period that contains their date."
    ),
)


@dataclass
class Figure:
    label: str
    value: int
    approximate: bool = False  # some headcounts are "at least" or "about"


@dataclass
class Table:
    columns: list[str]
    rows: list[list]
    more: int = 0  # rows counted but not listed (beyond LISTING_LIMIT)

    @property
    def more_text(self) -> str:
        if not self.more:
            return ""
        return ngettext("and %(count)s more, not listed here", "and %(count)s more, not listed here", self.more) % {
            "count": self.more
        }


@dataclass
class Section:
    key: str
    title: str
    figures: list[Figure]
    tables: list[Table] = field(default_factory=list)
    chart: Chart | None = None
    reported: list[ReportedFigure] = field(default_factory=list)


@dataclass
class UndatedGroup:
    """Records of one kind whose date is unknown: listed, never counted."""

    title: str
    columns: list[str]
    rows: list[list[str]]
    more: int = 0

    @property
    def more_text(self) -> str:
        return Table(self.columns, self.rows, self.more).more_text


@dataclass
class PeriodReport:
    start: datetime.date
    end: datetime.date
    sections: list[Section]
    reported: list[ReportedFigure]
    date_unknown: list[UndatedGroup] = field(default_factory=list)
    stated_date_unknown: list[ReportedFigure] = field(default_factory=list)

    def section(self, key: str) -> Section:
        return next(section for section in self.sections if section.key == key)

    def figure(self, key: str, index: int = 0) -> int:
        return self.section(key).figures[index].value

    @property
    def period_text(self) -> str:
        return f"{day(self.start)} – {day(self.end)}"

    @property
    def undated_count(self) -> int:
        return sum(len(group.rows) + group.more for group in self.date_unknown)


def period_report(*, start: datetime.date, end: datetime.date) -> PeriodReport:
    """The report in the active language (labels, dates), read in one
    transaction (selectors.report_transaction)."""
    with selectors.report_transaction():
        return _period_report(start, end)


def _period_report(start: datetime.date, end: datetime.date) -> PeriodReport:
    reported = list(selectors.stated_figures(start=start, end=end))
    sections = [
        _memberships(start, end),
        _agreements(start, end),
        _ftas(start, end),
        _chairs(start, end),
        _events(start, end),
        _delegations(start, end),
        _initiatives(start, end),
        _dues(start, end),
    ]
    for section in sections:
        # A stated total stands next to the counted figure it declares (core.ReportedFigure.counterpart).
        section.reported = [figure for figure in reported if figure.counterpart == section.key]
    return PeriodReport(
        start,
        end,
        sections,
        reported,
        date_unknown=[group for group in _date_unknown(start, end) if group.rows],
        stated_date_unknown=list(selectors.stated_figures_date_unknown()),
    )


# --- cells --------------------------------------------------------------------------


def day(value: datetime.date | None) -> str:
    """A day as the active language writes it (coopdb/formats: 05/03/2018 in
    Vietnamese, 5 Mar 2018 in English)."""
    return formats.date_format(value, "DATE_FORMAT") if value else "—"


def _day_or_year(value, year) -> str:
    if value:
        return day(value)
    return str(year) if year else "—"


def _choice_label(choices, value) -> str:
    return str(dict(choices.choices).get(value, value or "—"))


def _listed(rows_queryset, total: int) -> tuple[list, int]:
    """At most LISTING_LIMIT rows, and how many more the total holds."""
    rows = list(rows_queryset[:LISTING_LIMIT])
    return rows, max(total - len(rows), 0)


def _bars(title, rows, series) -> Chart | None:
    return bar_chart(title, [(label, [n]) for label, n in rows], series)


# --- sections ---------------------------------------------------------------------


def _memberships(start, end) -> Section:
    by_kind = [
        [_choice_label(OrganizationKind, row["kind"]), row["n"]]
        for row in selectors.organizations_by_kind(start=start, end=end)
    ]
    total = sum(n for _label, n in by_kind)  # an organization has one kind: no second count query
    names, more = _listed(
        selectors.organizations_held(start=start, end=end).values_list("kind", "acronym", "name"), total
    )
    listing = [[_choice_label(OrganizationKind, kind), acronym or name] for kind, acronym, name in names]
    return Section(
        "memberships",
        _("Organizations we are a member of"),
        [Figure(_("Organizations (counted in the registry)"), total)],
        [Table([_("Kind"), _("Organizations")], by_kind), Table([_("Kind"), _("Organization")], listing, more)],
        _bars(_("Organizations by kind"), by_kind, [_("organizations")]),
    )


def _agreements(start, end) -> Section:
    by_kind = [
        [_choice_label(AgreementKind, row["kind"]), row["n"]]
        for row in selectors.agreements_by_kind(start=start, end=end)
    ]
    total = sum(n for _label, n in by_kind)  # each agreement has one kind: no second count query
    partners = selectors.partners_of_agreements_signed(start=start, end=end)
    listed = partners[:LISTING_LIMIT]
    names = {
        pk: acronym or name
        for pk, acronym, name in Organization.objects.filter(
            pk__in=[row["organization"] for row in listed if row["organization"]]
        )
        .order_by()
        .values_list("pk", "acronym", "name")
    }
    by_partner = [[_partner_label(row, names), row["n"]] for row in listed]
    return Section(
        "agreements",
        _("Agreements signed"),
        [Figure(_("Agreements signed"), total), Figure(_("Partners"), len(partners))],
        [
            Table([_("Kind"), _("Agreements")], by_kind),
            Table([_("Partner"), _("Agreements")], by_partner, len(partners) - len(by_partner)),
        ],
        _bars(_("Agreements signed by kind"), by_kind, [_("agreements")]),
    )


def _partner_label(row, names: dict) -> str:
    if row["organization"]:
        return names.get(row["organization"]) or str(row["organization"])
    from django_countries import countries

    return str(countries.name(row["country"]) or row["country"])


def _ftas(start, end) -> Section:
    table = selectors.fta_table(start=start, end=end, limit=LISTING_LIMIT)
    in_force_count, total = table["in_force"] or 0, table["total"]
    listed = table["rows"]
    titles = {
        pk: (short, title)
        for pk, short, title in Agreement.objects.filter(pk__in=[row[0] for row in listed])
        .order_by()
        .values_list("pk", "short_title", "title")
    }
    rows = [
        [
            titles[pk][0] or titles[pk][1],
            _day_or_year(signed_day, year),
            _("yes") if in_force else "—",
            *table["commitments"].get(pk, (0, 0)),
        ]
        for pk, signed_day, year, in_force in listed
    ]
    more = max(total - len(rows), 0)
    by_status = [[_choice_label(CommitmentStatus, row["status"]), row["n"]] for row in table["by_status"]]
    return Section(
        "ftas",
        _("FTAs with TBT provisions"),
        [
            Figure(
                _("FTAs in force in the period: TBT provisions implemented (counted in the registry)"), in_force_count
            ),
            Figure(_("FTAs signed or under negotiation, not yet in force"), total - in_force_count),
        ],
        [
            Table(
                [_("FTA"), _("Signed"), _("In force in the period"), _("Open commitments"), _("Implemented")],
                rows,
                more,
            ),
            Table([_("Status of their commitments"), _("Commitments")], by_status),
        ],
        _bars(_("Commitments of these FTAs by status"), by_status, [_("commitments")]),
    )


def _chairs(start, end) -> Section:
    offices = selectors.chairs_held(start=start, end=end)
    by_role = [
        [_choice_label(OfficeRole, row["role"]), row["n"]] for row in selectors.chairs_by_role(start=start, end=end)
    ]
    total = sum(n for _label, n in by_role)
    # Rows, not model instances: no per-instance translation machinery.
    listed, more = _listed(
        offices.order_by("role", "body__acronym", "slug").values_list(
            "title", "role", "body__acronym", "body__name", "term_start", "term_end", "term_year"
        ),
        total,
    )
    listing = [
        [_office_label(title, role, acronym, name), acronym or name, _term(start, end, year)]
        for title, role, acronym, name, start, end, year in listed
    ]
    return Section(
        "chairs",
        _("Chair roles held"),
        [Figure(_("Chair roles"), total)],
        [Table([_("Role"), _("Roles")], by_role), Table([_("Office"), _("Body"), _("Term")], listing, more)],
    )


def _office_label(title, role, acronym, name) -> str:
    """What Office.__str__ says, from a row."""
    return title or f"{_choice_label(OfficeRole, role)} — {acronym or name}"


def _term(term_start, term_end, term_year) -> str:
    if term_start or term_end:
        start = day(term_start) if term_start else "…"
        end = day(term_end) if term_end else "…"
        return f"{start} – {end}"
    return str(term_year or "—")


def _events(start, end) -> Section:
    per_year = selectors.events_per_year(start=start, end=end)
    totals = selectors.totals_of_years(per_year)
    rows = [[row["year"], row["hosted"], row["attended"], row["online"]] for row in per_year]
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


def _delegations(start, end) -> Section:
    per_forum = selectors.delegations_per_forum(start=start, end=end)
    forum_ids = [row["forum_key"] for row in per_forum[:LISTING_LIMIT] if row["forum_key"]]
    names = dict(Organization.objects.filter(pk__in=forum_ids).values_list("pk", "acronym"))
    labelled = [(names.get(row["forum_key"]) or _("(no forum)"), row) for row in per_forum[:LISTING_LIMIT]]
    rows = [[label, row["delegations"], _at_least(row["officials"], row["approximate"])] for label, row in labelled]
    return Section(
        "delegations",
        _("Delegations and officials sent"),
        [
            Figure(_("Delegations sent"), sum(row["delegations"] for row in per_forum)),
            Figure(
                _("Officials sent"),
                sum(row["officials"] or 0 for row in per_forum),
                any(row["approximate"] for row in per_forum),
            ),
        ],
        [Table([_("Forum"), _("Delegations"), _("Officials")], rows, len(per_forum) - len(rows))],
        bar_chart(
            _("Officials sent per forum"),
            [(label, [row["officials"] or 0]) for label, row in labelled[:30]],
            [_("officials")],
        ),
    )


def _at_least(value, approximate) -> str:
    return f"≥ {value or 0}" if approximate else str(value or 0)


def _initiatives(start, end) -> Section:
    by_status = [
        [_choice_label(InitiativeStatus, row["status"]), row["n"]]
        for row in selectors.initiatives_by_status(start=start, end=end)
    ]
    total = sum(n for _label, n in by_status)
    listed, more = _listed(
        selectors.initiatives_in_period(start=start, end=end)
        .order_by("year", "slug")
        .values_list("title", "forum__acronym", "forum__name", "year", "status"),
        total,
    )
    listing = [
        [title, acronym or name or "—", year or "—", _choice_label(InitiativeStatus, status)]
        for title, acronym, name, year, status in listed
    ]
    return Section(
        "initiatives",
        _("Initiatives and proposals"),
        [Figure(_("Initiatives"), total)],
        [
            Table([_("Status"), _("Initiatives")], by_status),
            Table([_("Initiative"), _("Forum"), _("Year"), _("Status")], listing, more),
        ],
    )


def _dues(start, end) -> Section:
    per_year = selectors.dues_per_year(start=start, end=end)
    rows = [[row["year"], row["total"], row["on_time"], row["late"]] for row in per_year]
    return Section(
        "dues",
        _("Membership dues"),
        [
            Figure(_("Dues to pay"), sum(row["total"] for row in per_year)),
            Figure(_("Paid on time"), sum(row["on_time"] for row in per_year)),
            Figure(_("Paid late"), sum(row["late"] for row in per_year)),
            Figure(_("Not paid"), sum(row["unpaid"] for row in per_year)),
        ],
        [Table([_("Year"), _("Dues"), _("Paid on time"), _("Paid late")], rows)],
        bar_chart(
            _("Dues per year"), [(year, [on_time, late]) for year, _t, on_time, late in rows], [_("on time"), _("late")]
        ),
    )


# --- records whose date is unknown ---------------------------------------------------


def _date_unknown(start, end) -> list[UndatedGroup]:
    """What may belong to the period but cannot be placed in it (rows, not instances)."""
    source = ("source__title", "source__published_on")
    return [
        _undated(
            _("Agreements signed on an unknown day"),
            [_("Agreement"), _("Kind"), _("Source")],
            selectors.agreements_signed_date_unknown(start=start, end=end)
            .order_by("slug")
            .values_list("short_title", "title", "kind", *source),
            lambda short, title, kind, *source: [
                short or title,
                _choice_label(AgreementKind, kind),
                _source_text(*source),
            ],
        ),
        _undated(
            _("Chair roles held at an unknown time"),
            [_("Office"), _("Body"), _("Source")],
            selectors.chairs_date_unknown(start=start, end=end)
            .order_by("role", "slug")
            .values_list("title", "role", "body__acronym", "body__name", *source),
            lambda title, role, acronym, name, *source: [
                _office_label(title, role, acronym, name),
                acronym or name,
                _source_text(*source),
            ],
        ),
        _undated(
            _("Delegations sent on an unknown day"),
            [_("Delegation"), _("Forum"), _("Source")],
            selectors.delegations_date_unknown(start=start, end=end)
            .order_by("slug")
            .values_list("title", "forum__acronym", "forum__name", *source),
            lambda title, acronym, name, *source: [title, acronym or name or "—", _source_text(*source)],
        ),
        _undated(
            _("Initiatives of an unknown year"),
            [_("Initiative"), _("Forum"), _("Source")],
            selectors.initiatives_date_unknown(start=start, end=end)
            .order_by("slug")
            .values_list("title", "forum__acronym", "forum__name", *source),
            lambda title, acronym, name, *source: [title, acronym or name or "—", _source_text(*source)],
        ),
    ]


def _undated(title, columns, rows, row) -> UndatedGroup:
    """One query whatever the data: the first rows, each with the number of
    rows in all (``COUNT(*) OVER ()``); a second count query when there were
    more made the report's number of queries grow with the data."""
    records = list(rows.annotate(total=Window(Count("*")))[:LISTING_LIMIT])
    more = records[0][-1] - len(records) if records else 0
    return UndatedGroup(title, columns, [row(*record[:-1]) for record in records], more)


def _source_text(title, published_on) -> str:
    if title is None:
        return "—"
    if published_on:
        return f"{title} ({day(published_on)})"
    return str(title)
