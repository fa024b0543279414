"""The period report's counting rules: which records count in a period, as
querysets and database aggregates. No labels, no formatting: the report's
content (content.py) names and lays out what these return, and the HTML
page, the .xlsx and the .docx present that.

The rules:

* a dated record counts when its date falls in the period (a membership or an
  office when it was held at any time of it, by core.truth's rule);
* an office or a membership with no dates is a state its source confirms on
  a day (core.truth): it counts in a period that holds that day (or, as an
  open-ended term, within the confirmation window after it);
* any other record whose date is unknown (an agreement signed on an unknown
  day, an initiative of an unknown year) is never counted in a period: it is listed
  apart, "date unknown", in the reports of the periods it may belong to — those
  that start on or before its source's publication day (what a source reports
  happened before it was published) or any period when that day is unknown too;
* a total a source states without naming every item (core.ReportedFigure) is
  shown only in a period that contains its date: its "as of" day, else the end
  of the period it covers, else its source's publication day. With none of
  these it is listed apart, "date unknown", and never next to a counted figure;
* "ours" is the registry's own organization (settings.COOPDB_OWN_ORGANIZATION)
  and its units at any depth (organizations.us.ours_q).

Every subquery has an explicit ``order_by()``: a model's default ordering
inherited by a correlated subquery adds a join and a sort per outer row.
"""

import datetime
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db import connection, transaction
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, ExtractYear, NullIf
from django.utils import timezone

from agreements.choices import (
    CLOSED_COMMITMENT_STATUSES,
    ENDED_STATUSES,
    SIGNED_OR_LATER_STATUSES,
    AgreementKind,
    AgreementStatus,
    CommitmentStatus,
)
from agreements.models import Agreement, AgreementParty, AgreementStatusChange, Commitment
from core import truth
from core.models import ReportedFigure
from core.querysets import levels_for
from events.choices import Direction, EventMode, HeadcountQualifier
from events.models import Delegation, Event, Initiative
from organizations import us
from organizations.choices import LEADERSHIP_ROLES, DuesStatus
from organizations.models import Dues, Membership, Office, Organization
from organizations.us import ours_q


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date

    @property
    def years(self) -> tuple[int, int]:
        return (self.start.year, self.end.year)

    def dates(self) -> tuple[datetime.date, datetime.date]:
        return (self.start, self.end)


# The report's passes over whole tables at 1M agreements (the FTA set joined
# with 2M status changes, 1M parties grouped by partner) hash and sort more
# than the server's default work_mem (4 MB) holds, and spilled to disk in
# dozens of batches. Raised for the report's own transaction only (SET LOCAL
# ends with it): one report per staff request, a few such nodes per
# statement, each taking what the data needs up to this bound.
REPORT_WORK_MEM = "64MB"


@contextmanager
def report_transaction():
    """One transaction for the whole report, with REPORT_WORK_MEM on
    PostgreSQL (SQLite has no such setting)."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"SET LOCAL work_mem = '{REPORT_WORK_MEM}'")
        yield


def may_belong_to(period: Period, prefix: str = "") -> Q:
    """An undated record may belong to the period when its source was published
    on or after the period's start, or on an unknown day."""
    return Q(**{f"{prefix}source__published_on__gte": period.start}) | Q(
        **{f"{prefix}source__published_on__isnull": True}
    )


# --- memberships ------------------------------------------------------------


def memberships_held(*, start: datetime.date, end: datetime.date) -> QuerySet[Membership]:
    """Memberships of ours (or of our country) held at any time of the period."""
    return Membership.objects.filter(
        ours_q("member__") | Q(represents=us.own_country()),
        truth.membership_held_during_q(start, end),
    ).exclude(ours_q("organization__"))


def organizations_by_kind(*, start: datetime.date, end: datetime.date) -> list[dict]:
    """[{"kind", "n"}] of the organizations we belong to, most first."""
    held = memberships_held(start=start, end=end)
    # values() with a plain lookup: modeltranslation's values(name=F(...))
    # groups by every column, one row per membership.
    rows = (
        held.order_by()
        .values("organization__kind")
        .annotate(n=Count("organization", distinct=True))
        .order_by("-n", "organization__kind")
    )
    return [{"kind": row["organization__kind"], "n": row["n"]} for row in rows]


def organizations_held(*, start: datetime.date, end: datetime.date) -> QuerySet[Organization]:
    held = memberships_held(start=start, end=end).order_by().values("organization")
    return Organization.objects.filter(pk__in=held).order_by("kind", "acronym", "slug")


# --- agreements -------------------------------------------------------------


def _with_signature_step(period: Period | None = None) -> Q:
    """Agreements with a signature step (in the period, when given). An
    ``EXISTS`` probing the history's index on ``agreement_id``, and only for
    the agreements that need it (no signature date): an uncorrelated ``IN``
    is hashed by PostgreSQL only while the hash fits in ``work_mem``; at 1M
    agreements it did not, and the plan rescanned 720k steps per undated
    agreement (the report over every year ran for minutes)."""
    steps = AgreementStatusChange.objects.filter(agreement=OuterRef("pk"), status=AgreementStatus.SIGNED).order_by()
    if period:
        steps = steps.filter(Q(changed_on__range=period.dates()) | Q(changed_on__isnull=True, year__range=period.years))
    return Q(Exists(steps))


def _signature_undated() -> Q:
    """Signed (its status says so) with no day or year of signature known: no
    signature date, no signature step, no validity start to stand in."""
    return _signed_without_step() & Q(valid_from__isnull=True)


def _signed_without_step() -> Q:
    return Q(signed_on__isnull=True, status__in=SIGNED_OR_LATER_STATUSES) & ~_with_signature_step()


def agreements_signed(*, start: datetime.date, end: datetime.date) -> QuerySet[Agreement]:
    """Agreements signed in the period: by their signature date, else their
    dated signature step, else (signed, no step) their validity start."""
    period = Period(start, end)
    return Agreement.objects.filter(
        Q(signed_on__range=period.dates())
        | (Q(signed_on__isnull=True) & _with_signature_step(period))
        | (_signed_without_step() & Q(valid_from__range=period.dates()))
    ).order_by()


def _signed_parts(period: Period) -> list[QuerySet[Agreement]]:
    """agreements_signed() as three disjoint querysets, to be read as a
    ``UNION ALL``: by date (a range on ``signed_on``, which
    agreement_signed_by_id serves without reading the table) and, among the
    few agreements with no signature date (agreement_undated_signature), by
    signature step (a join with status_change_signature) or, with no step,
    by validity start (an anti-join; usually empty, and then PostgreSQL
    skips the other side of its join). One ``OR`` of the three made
    PostgreSQL read every agreement's row and probe the history for each."""
    undated = Agreement.objects.filter(signed_on__isnull=True)
    return [
        Agreement.objects.filter(signed_on__range=period.dates()).order_by(),
        undated.filter(_with_signature_step(period)).order_by(),
        undated.filter(_signed_without_step(), valid_from__range=period.dates()).order_by(),
    ]


def agreements_signed_date_unknown(*, start: datetime.date, end: datetime.date) -> QuerySet[Agreement]:
    """Signed on an unknown day that may fall in the period: listed apart, never counted."""
    period = Period(start, end)
    return Agreement.objects.filter(_signature_undated() & may_belong_to(period)).order_by()


def agreements_by_kind(*, start: datetime.date, end: datetime.date) -> list[dict]:
    """[{"kind", "n"}], most first: each part of the signed set counted by
    kind in one ``UNION ALL``, the parts summed here."""
    first, *others = (part.values("kind").annotate(n=Count("pk")) for part in _signed_parts(Period(start, end)))
    totals = Counter()
    for row in first.union(*others, all=True):
        totals[row["kind"]] += row["n"]
    return [{"kind": kind, "n": n} for kind, n in sorted(totals.items(), key=lambda item: (-item[1], item[0]))]


def partners_of_agreements_signed(*, start: datetime.date, end: datetime.date) -> list[dict]:
    """[{"organization", "country", "n"}], most agreements first: the other
    parties of the agreements signed in the period (never us or our country).
    Grouped on ids, not names (the caller names the few it lists). An
    organization's parties are unique per agreement (``party_unique``), so
    they are counted as they are; only parties naming a country alone (NULL
    escapes that constraint) are made distinct first. The parties are joined
    to the signed set's parts, not probed with ``IN``: a hash join, where the
    planner had probed each party's agreement one by one."""
    # Our ids once (a small hashed subquery), not a join of every party with
    # its organization and that organization's parent.
    ours = Organization.objects.filter(ours_q("")).order_by().values("pk")
    columns = ("agreement", "organization", "country")
    arms = []
    for part in _signed_parts(Period(start, end)):
        parties = AgreementParty.objects.filter(agreement__in=part.values("pk")).order_by()
        arms.append(parties.filter(organization__isnull=False).exclude(organization__in=ours).values_list(*columns))
        arms.append(
            parties.filter(organization__isnull=True).exclude(country=us.own_country()).values_list(*columns).distinct()
        )
    first, *others = arms
    sql, params = first.union(*others, all=True).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            # By the names values_list() gives the subqueries' columns (their order may differ).
            f"SELECT organization, country, COUNT(*) AS n FROM ({sql}) AS pairs "  # noqa: S608
            "GROUP BY organization, country ORDER BY n DESC, organization, country",
            params,
        )
        return [{"organization": pk, "country": country, "n": n} for pk, country, n in cursor.fetchall()]


# --- FTAs and their TBT commitments -------------------------------------------


def _counted_stage(prefix: str = "status_changes__") -> Q:
    """A stage of this agreement seen by whoever sees the agreement (core.truth's
    rule), written over the join so one grouped pass reads every FTA's history."""
    return reduce(
        or_,
        (
            Q(visibility=level, **{f"{prefix}visibility__in": levels_for(audience)})
            for level, audience in truth.AUDIENCE_OF_VISIBILITY.items()
        ),
    )


def _reached_by(day: datetime.date, statuses, prefix: str = "status_changes__") -> Q:
    """A year-only stage counts on 31 December of its year (core.truth)."""
    last_year = day.year if (day.month, day.day) == (12, 31) else day.year - 1
    return (
        _counted_stage(prefix)
        & Q(**{f"{prefix}status__in": list(statuses)})
        & (
            Q(**{f"{prefix}changed_on__lte": day})
            | Q(**{f"{prefix}changed_on__isnull": True, f"{prefix}year__lte": last_year})
        )
    )


def ftas_in_period(*, start: datetime.date, end: datetime.date) -> QuerySet[Agreement]:
    """FTAs in force in the period, or signed or under negotiation and not yet
    in force, annotated ``in_force`` (1 or 0). Every FTA has a TBT chapter:
    STAMEQ implements those in force and negotiates the others.

    Dated stages decide; ``signed_on``, ``valid_from`` and ``valid_until``
    stand in when the history is missing (core.truth's rule). The stages are
    read in one grouped join (conditional counts per FTA), not five correlated
    subqueries each scanning the whole status history."""
    period = Period(start, end)
    before_start = period.start - datetime.timedelta(days=1)
    in_force = AgreementStatus.IN_FORCE
    facts = Agreement.objects.filter(kind=AgreementKind.FTA).annotate(
        any_stage_by_end=Count("status_changes", filter=_reached_by(period.end, AgreementStatus.values)),
        in_force_by_end=Count("status_changes", filter=_reached_by(period.end, [in_force])),
        any_in_force=Count("status_changes", filter=Q(status_changes__status=in_force)),
        ended_before_start=Count("status_changes", filter=_reached_by(before_start, ENDED_STATUSES)),
    )
    started = Q(signed_on__lte=period.end) | Q(any_stage_by_end__gt=0)
    entered = Q(in_force_by_end__gt=0) | (Q(any_in_force=0) & Q(valid_from__lte=period.end))
    ended = Q(ended_before_start__gt=0) | Q(valid_until__lt=period.start)
    current = entered & ~ended
    return (
        facts.filter(current | (started & ~entered & ~ended))
        .annotate(in_force=Case(When(current, then=Value(1)), default=Value(0), output_field=IntegerField()))
        .order_by()
    )


def fta_counts(*, start: datetime.date, end: datetime.date) -> dict:
    """{"total", "in_force"} in one query, summed by the database around the
    FTA query (Django's aggregate() loses an annotation built on aggregates)."""
    sql, params = ftas_in_period(start=start, end=end).values("in_force").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*), COALESCE(SUM(in_force), 0) FROM ({sql}) AS ftas", params)  # noqa: S608
        total, in_force = cursor.fetchone()
    return {"total": total, "in_force": in_force}


def fta_rows(*, start: datetime.date, end: datetime.date) -> QuerySet:
    """Rows for the FTA table, in force first, then by signature: pk,
    short_title, title, signed_day, signed_year, in_force. Their commitments
    are counted by fta_commitment_counts for the rows listed only: a
    subquery here would be grouped by and run for every joined history row."""
    signed = Q(status_changes__status=AgreementStatus.SIGNED)
    return (
        ftas_in_period(start=start, end=end)
        .annotate(
            signed_day=Coalesce("signed_on", Min("status_changes__changed_on", filter=signed)),
            signed_year=Min("status_changes__year", filter=signed),
        )
        .order_by(
            "-in_force",
            Coalesce(ExtractYear("signed_day"), "signed_year", output_field=IntegerField()).asc(nulls_last=True),
            F("signed_day").asc(nulls_last=True),
            "slug",
        )
        .values_list("pk", "short_title", "title", "signed_day", "signed_year", "in_force")
    )


def fta_table(*, start: datetime.date, end: datetime.date, limit: int) -> dict:
    """The FTA section's figures in one statement, the FTA set read once (it
    had been computed three times: the count, the rows, the commitments by
    status; each a grouped join over the status history)::

        {"total", "in_force",
         "rows": [(pk, signed_day, signed_year, in_force)] (the first ``limit``, ordered as fta_rows),
         "commitments": {pk: (open, implemented)} (of those rows),
         "by_status": [{"status", "n"}] (of every FTA in the set, most first)}

    The set is a common table expression; each part of the answer is one arm
    of a ``UNION ALL`` with its own columns, typed by the first arm."""
    signed = Q(status_changes__status=AgreementStatus.SIGNED)
    ftas = (
        ftas_in_period(start=start, end=end)
        .annotate(
            signed_day=Coalesce("signed_on", Min("status_changes__changed_on", filter=signed)),
            signed_year=Min("status_changes__year", filter=signed),
        )
        .annotate(sort_year=Coalesce(ExtractYear("signed_day"), "signed_year", output_field=IntegerField()))
        .values("pk", "in_force", "signed_day", "signed_year", "sort_year", "slug")
    )
    by_status = (
        Commitment.objects.filter(agreement__in=RawSQL("SELECT pk FROM ftas", ()))
        .order_by()
        .values("status")
        # COUNT(*): commitment_agreement_status answers alone (index-only).
        .annotate(n=Count("*"))
    )
    of_rows = (
        Commitment.objects.filter(agreement__in=RawSQL("SELECT pk FROM listed", ()))
        .order_by()
        .values("agreement")
        .annotate(
            open=Count("pk", filter=~Q(status__in=CLOSED_COMMITMENT_STATUSES)),
            done=Count("pk", filter=Q(status=CommitmentStatus.IMPLEMENTED)),
        )
    )
    (ftas_sql, ftas_params), (status_sql, status_params), (rows_sql, rows_params) = (
        query.query.sql_with_params() for query in (ftas, by_status, of_rows)
    )
    order = "in_force DESC, sort_year ASC NULLS LAST, signed_day ASC NULLS LAST, slug ASC"
    sql = (
        f"WITH ftas AS ({ftas_sql}), "  # noqa: S608
        f"listed AS (SELECT *, ROW_NUMBER() OVER (ORDER BY {order}) AS position "
        f"FROM (SELECT * FROM ftas ORDER BY {order} LIMIT %s) AS first_rows) "
        "SELECT 0 AS part, CAST(NULL AS VARCHAR(20)) AS status, COUNT(*) AS a, COALESCE(SUM(in_force), 0) AS b, "
        "CAST(NULL AS BIGINT) AS c, CAST(NULL AS DATE) AS day, CAST(NULL AS INTEGER) AS year, "
        "CAST(NULL AS BIGINT) AS position FROM ftas "
        "UNION ALL SELECT 1, NULL, pk, in_force, NULL, signed_day, signed_year, position FROM listed "
        "UNION ALL SELECT 2, status, n, NULL, NULL, NULL, NULL, ROW_NUMBER() OVER (ORDER BY n DESC, status) "
        f"FROM ({status_sql}) AS by_status "
        f"UNION ALL SELECT 3, NULL, agreement, open, done, NULL, NULL, NULL FROM ({rows_sql}) AS of_rows "
        "ORDER BY part, position"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, (*ftas_params, limit, *status_params, *rows_params))
        parts = cursor.fetchall()
    table = {"rows": [], "commitments": {}, "by_status": []}
    for part, status, a, b, c, day, year, _position in parts:
        if part == 0:
            table.update(total=a, in_force=b)
        elif part == 1:
            table["rows"].append((a, _as_date(day), year, b))
        elif part == 2:
            table["by_status"].append({"status": status, "n": a})
        else:
            table["commitments"][a] = (b, c)
    return table


def _as_date(value) -> datetime.date | None:
    """SQLite returns a date from a raw query as text."""
    return datetime.date.fromisoformat(value) if isinstance(value, str) else value


def fta_commitment_counts(*, agreement_ids: list[int]) -> dict[int, tuple[int, int]]:
    """{agreement id: (open, implemented)} in one grouped query."""
    rows = (
        Commitment.objects.filter(agreement__in=agreement_ids)
        .order_by()
        .values("agreement")
        .annotate(
            open=Count("pk", filter=~Q(status__in=CLOSED_COMMITMENT_STATUSES)),
            done=Count("pk", filter=Q(status=CommitmentStatus.IMPLEMENTED)),
        )
    )
    return {row["agreement"]: (row["open"], row["done"]) for row in rows}


def fta_commitments_by_status(*, start: datetime.date, end: datetime.date) -> list[dict]:
    ftas = ftas_in_period(start=start, end=end).values("pk")
    return list(
        Commitment.objects.filter(agreement__in=ftas)
        .order_by()
        .values("status")
        .annotate(n=Count("pk"))
        .order_by("-n", "status")
    )


# --- chair roles ----------------------------------------------------------------


def _our_chairs() -> QuerySet[Office]:
    return Office.objects.filter(
        ours_q("holder_organization__") | ours_q("holder_person__unit__"), role__in=LEADERSHIP_ROLES
    )


_OFFICE_DATED = Q(term_start__isnull=False) | Q(term_end__isnull=False) | Q(term_year__isnull=False)


def _confirmed_between(since: datetime.date, until: datetime.date) -> Q:
    return Q(last_confirmed_on__range=(since, until)) | Q(source__published_on__range=(since, until))


def chairs_held(*, start: datetime.date, end: datetime.date) -> QuerySet[Office]:
    """Leadership roles of ours held at any time of the period. A role with no
    term at all is a state its source confirms on a day (core.truth): held in
    the period when confirmed within it, or within the confirmation window
    before its start, as an open-ended term is."""
    period = Period(start, end)
    year_only = Q(term_start__isnull=True, term_end__isnull=True, term_year__isnull=False)
    # An open-ended term counts only while a source confirms it (core.truth).
    open_ended = Q(term_end__isnull=True) & (year_only | truth.confirmed_q(period.start))
    still_held = Q(term_end__gte=period.start) | open_ended
    held_in_period = (
        (Q(term_start__isnull=True) | Q(term_start__lte=period.end))
        & still_held
        & (Q(term_year__isnull=True) | Q(term_year__range=period.years))
    )
    confirmed = _confirmed_between(period.start - truth.confirmation_window(), period.end)
    return _our_chairs().filter((_OFFICE_DATED & held_in_period) | (~_OFFICE_DATED & confirmed)).order_by()


def chairs_by_role(*, start: datetime.date, end: datetime.date) -> list[dict]:
    return list(chairs_held(start=start, end=end).values("role").annotate(n=Count("pk")).order_by("role"))


def chairs_date_unknown(*, start: datetime.date, end: datetime.date) -> QuerySet[Office]:
    """Roles with no term and no confirmation on or before the period's end:
    they may have been held in it, nobody says when."""
    confirmed_by_end = Q(last_confirmed_on__lte=end) | Q(source__published_on__lte=end)
    return _our_chairs().filter(~_OFFICE_DATED & ~confirmed_by_end).order_by()


# --- events -------------------------------------------------------------------------


def events_in_period(*, start: datetime.date, end: datetime.date) -> QuerySet[Event]:
    """Events overlapping the period (every event has a start day)."""
    return Event.objects.between(start, end).order_by()


def event_totals(*, start: datetime.date, end: datetime.date) -> dict:
    return totals_of_years(events_per_year(start=start, end=end))


def totals_of_years(rows: list[dict]) -> dict:
    """{"total", "hosted", "attended", "chaired", "online", "hybrid"} of the
    events, summed from events_per_year's rows (each event is in one year):
    a second pass over the events (500,000 at 1M) cost as much as the first."""
    keys = {"total": "total", "hosted": "hosted", "attended": "attended", "chaired": "chaired"}
    totals = {name: sum(row[key] for row in rows) for name, key in keys.items()}
    return {**totals, "online": sum(row["online_only"] for row in rows), "hybrid": sum(row["hybrid"] for row in rows)}


def events_per_year(*, start: datetime.date, end: datetime.date) -> list[dict]:
    """Per year of their start: ``online`` counts online or hybrid events,
    ``online_only`` and ``hybrid`` each mode (for the totals)."""
    return list(
        events_in_period(start=start, end=end)
        .annotate(year=ExtractYear("start_on"))
        .values("year")
        .annotate(
            total=Count("pk"),
            hosted=Count("pk", filter=Q(hosted_by_us=True)),
            attended=Count("pk", filter=Q(hosted_by_us=False)),
            chaired=Count("pk", filter=Q(chaired_by_us=True)),
            online=Count("pk", filter=~Q(mode=EventMode.IN_PERSON)),
            online_only=Count("pk", filter=Q(mode=EventMode.ONLINE)),
            hybrid=Count("pk", filter=Q(mode=EventMode.HYBRID)),
        )
        .order_by("year")
    )


# --- delegations ---------------------------------------------------------------------

# With no day of its own, a delegation takes its event's, and every event has
# a start day: so it is undated only with neither a day nor an event. Written
# on its own columns (no join to the events), which PostgreSQL estimates
# well: "NOT (start_on IS NOT NULL OR event.start_on IS NOT NULL)" over the
# join was estimated at one row at 1M, and the source joined in a nested loop
# (16 million comparisons, seconds).
_DELEGATION_UNDATED = Q(start_on__isnull=True, event__isnull=True)


def delegations_sent(*, start: datetime.date, end: datetime.date) -> QuerySet[Delegation]:
    """Outgoing delegations that started in the period (their own day, else their event's)."""
    period = Period(start, end)
    return (
        Delegation.objects.filter(direction=Direction.OUTGOING)
        .filter(Q(start_on__range=period.dates()) | Q(start_on__isnull=True, event__start_on__range=period.dates()))
        .order_by()
    )


def delegations_date_unknown(*, start: datetime.date, end: datetime.date) -> QuerySet[Delegation]:
    return (
        Delegation.objects.filter(direction=Direction.OUTGOING)
        .filter(_DELEGATION_UNDATED & may_belong_to(Period(start, end)))
        .order_by()
    )


def delegations_per_forum(*, start: datetime.date, end: datetime.date) -> list[dict]:
    """[{"forum_key", "delegations", "officials", "approximate"}], most officials
    first. Officials: the headcount, else the members listed, else the head.

    Each delegation's members are counted in one grouped join (a subquery
    counting them ran once per delegation: 128,000 probes at 1M), then the
    delegations are summed per forum around that query."""
    approximate = Q(headcount__isnull=False) & ~Q(headcount_qualifier=HeadcountQualifier.EXACT)
    per_delegation = (
        delegations_sent(start=start, end=end)
        .annotate(forum_key=Coalesce("forum", "event__forum"), listed=Count("memberships"))
        .annotate(
            officials=Coalesce(
                "headcount",
                NullIf("listed", Value(0)),  # no member listed: the subquery found no row
                Case(When(head__isnull=False, then=Value(1)), default=Value(0)),
                output_field=IntegerField(),
            ),
            approximate=Case(When(approximate, then=Value(1)), default=Value(0), output_field=IntegerField()),
        )
        .values("forum_key", "officials", "approximate")
    )
    sql, params = per_delegation.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT forum_key, COUNT(*) AS delegations, SUM(officials) AS officials, SUM(approximate) AS approximate "
            f"FROM ({sql}) AS per_delegation GROUP BY forum_key ORDER BY officials DESC, forum_key",  # noqa: S608
            params,
        )
        # SUM of integers is numeric in PostgreSQL (a Decimal): ints, as Sum() gave.
        return [
            {"forum_key": forum, "delegations": n, "officials": int(officials), "approximate": int(approximate)}
            for forum, n, officials, approximate in cursor.fetchall()
        ]


# --- initiatives ----------------------------------------------------------------------------


def initiatives_in_period(*, start: datetime.date, end: datetime.date) -> QuerySet[Initiative]:
    """By their year, else their event's day."""
    period = Period(start, end)
    return Initiative.objects.filter(
        Q(year__range=period.years) | Q(year__isnull=True, event__start_on__range=period.dates())
    ).order_by()


def initiatives_date_unknown(*, start: datetime.date, end: datetime.date) -> QuerySet[Initiative]:
    return Initiative.objects.filter(
        Q(year__isnull=True, event__isnull=True) & may_belong_to(Period(start, end))
    ).order_by()


def initiatives_by_status(*, start: datetime.date, end: datetime.date) -> list[dict]:
    return list(
        initiatives_in_period(start=start, end=end).values("status").annotate(n=Count("pk")).order_by("-n", "status")
    )


# --- dues -------------------------------------------------------------------------------------


def dues_in_period(*, start: datetime.date, end: datetime.date) -> QuerySet[Dues]:
    """Our dues for the period's years, with their status as of its end (or today)."""
    as_of = min(end, timezone.localdate())
    return (
        Dues.objects.with_status(as_of)
        .filter(ours_q("membership__member__"), year__range=(start.year, end.year))
        .order_by()
    )


def dues_per_year(*, start: datetime.date, end: datetime.date) -> list[dict]:
    return list(
        dues_in_period(start=start, end=end)
        .values("year")
        .annotate(
            total=Count("pk"),
            on_time=Count("pk", filter=Q(status=DuesStatus.ON_TIME)),
            late=Count("pk", filter=Q(status=DuesStatus.LATE)),
            unpaid=Count("pk", filter=Q(status__in=[DuesStatus.OVERDUE, DuesStatus.UNPAID])),
        )
        .order_by("year")
    )


# --- figures stated by the sources -----------------------------------------------------------------


def _stated_day():
    return Coalesce("as_of", "period_end", "source__published_on")


def stated_figures(*, start: datetime.date, end: datetime.date) -> QuerySet[ReportedFigure]:
    """Totals stated by sources whose date (as of, else the end of the period
    they cover, else the source's publication) falls in the period."""
    return (
        ReportedFigure.objects.annotate(stated_on=_stated_day())
        .filter(stated_on__range=(start, end))
        .select_related("source")
        .order_by("key")
    )


def stated_figures_date_unknown() -> QuerySet[ReportedFigure]:
    """Totals stated with no date at all, by a source of unknown date: they
    belong to no period, and are listed apart in every report."""
    return (
        ReportedFigure.objects.annotate(stated_on=_stated_day())
        .filter(stated_on__isnull=True)
        .select_related("source")
        .order_by("key")
    )
