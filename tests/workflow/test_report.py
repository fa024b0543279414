"""The period report: exact figures on built data (what is inside the period
and what is not), a bounded number of queries, the page and its .xlsx."""

import datetime
from io import BytesIO

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from agreements.models import AgreementStatusChange
from organizations.models import Organization
from tests.factories import (
    make_agreement,
    make_commitment,
    make_delegation,
    make_dues,
    make_event,
    make_initiative,
    make_membership,
    make_office,
    make_organization,
    make_party,
    make_source,
)
from tests.query_counts import check_query_counts
from workflow.report import period_report

START, END = datetime.date(2015, 1, 1), datetime.date(2020, 12, 31)
D = datetime.date


@pytest.fixture(scope="module")
def _registry_module(django_db_setup, django_db_blocker):
    """Built once for the module in a transaction rolled back at its end (as
    the seed_data_module fixture does); every test reads it in a savepoint."""
    with django_db_blocker.unblock(), transaction.atomic():
        _build_registry()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def registry(_registry_module, db):
    return Organization.objects.get(slug="stameq")


def _build_registry():
    """Records inside the period, and their twins just outside it."""
    stameq = make_organization(slug="stameq", acronym="STAMEQ", kind="national_body")
    in_period = make_source(published_on=D(2019, 6, 1))
    before = make_source(published_on=D(2010, 6, 1))
    iso = make_organization(slug="iso", acronym="ISO", kind="international")
    apo = make_organization(slug="apo", acronym="APO", kind="regional")
    accsq = make_organization(slug="accsq", acronym="ACCSQ", kind="committee")
    ended = make_organization(kind="international")
    later = make_organization(kind="international")
    department = make_organization(slug="stameq-icd", kind="unit", parent=stameq)
    rosstandart = make_organization(slug="rosstandart", acronym="Rosstandart", kind="national_body")
    make_membership(member=stameq, organization=iso, source=in_period)  # no dates, confirmed in the period: held
    apo_membership = make_membership(member=stameq, organization=apo, since=D(1996, 1, 1), source=in_period)
    make_membership(member=department, organization=accsq, since=D(2016, 1, 1), until=D(2017, 1, 1))
    make_membership(member=stameq, organization=ended, until=D(2014, 12, 31))
    make_membership(member=stameq, organization=later, since=D(2021, 1, 1))
    make_membership(member=rosstandart, organization=iso)  # not ours

    mou = make_agreement(kind="mou", signed_on=D(2016, 3, 1))
    make_party(agreement=mou, organization=stameq)
    make_party(agreement=mou, organization=rosstandart)
    # No signature date: its validity dates it.
    plan = make_agreement(kind="plan", status="signed", valid_from=D(2018, 1, 1), parent=mou)
    make_party(agreement=plan, organization=rosstandart)
    # Signed on an unknown day: never counted, listed apart as "date unknown" in
    # the periods it may belong to (starting on or before its source's day).
    make_agreement(kind="mou", status="signed", title_en="Undated MoU", source=in_period)
    make_agreement(kind="mou", source=before)  # undated, reported before: not counted
    make_agreement(kind="mou", status="proposed", source=in_period)  # not signed at all
    make_agreement(kind="mou", signed_on=D(2021, 1, 1))
    cptpp = make_agreement(kind="fta", signed_on=D(2018, 3, 8), valid_from=D(2019, 1, 14))
    make_party(agreement=cptpp, organization=None, country="VN")
    make_party(agreement=cptpp, organization=None, country="JP")
    rcep = make_agreement(kind="fta", status="negotiating")
    AgreementStatusChange.objects.create(
        agreement=rcep, status="negotiating", changed_on=D(2013, 5, 9), source=rcep.source
    )
    future_fta = make_agreement(kind="fta", signed_on=D(2023, 1, 1))
    make_commitment(agreement=cptpp, code="tbt", status="ongoing")
    make_commitment(agreement=cptpp, code="tbt-notify", status="implemented")
    make_commitment(agreement=rcep, code="tbt", status="not_started")
    make_commitment(agreement=future_fta, code="tbt")
    make_agreement(kind="fta", signed_on=D(2016, 1, 1))  # signed, never in force
    ended = make_agreement(kind="fta", signed_on=D(2001, 1, 1), status="terminated")
    AgreementStatusChange.objects.create(agreement=ended, status="in_force", year=2002, source=ended.source)
    AgreementStatusChange.objects.create(agreement=ended, status="terminated", year=2010, source=ended.source)
    older = make_agreement(kind="fta", short_title_vi="Older", status="in_force")
    AgreementStatusChange.objects.create(agreement=older, status="signed", year=2004, source=older.source)
    AgreementStatusChange.objects.create(agreement=older, status="in_force", year=2005, source=older.source)

    make_office(body=apo, role="chair", holder_organization=stameq, term_start=D(2019, 7, 1), term_end=D(2020, 6, 30))
    make_office(body=accsq, role="co_chair", holder_organization=department, term_year=2017)
    make_office(body=accsq, role="chair", holder_organization=stameq, source=in_period)  # undated
    make_office(body=accsq, role="chair", holder_organization=stameq, source=before)  # undated, before
    make_office(body=apo, role="chair", holder_organization=stameq, term_end=D(2014, 6, 30))
    make_office(body=apo, role="secretary", holder_organization=stameq, term_year=2018)  # not a chair
    make_office(body=apo, role="chair", holder_organization=rosstandart, term_year=2018)  # not ours

    gbm = make_event(forum=apo, start_on=D(2019, 4, 16), hosted_by_us=True, chaired_by_us=True)
    make_event(forum=accsq, start_on=D(2020, 8, 20), mode="online")
    make_event(forum=accsq, start_on=D(2020, 9, 1), mode="hybrid")
    make_event(start_on=D(2014, 12, 30), end_on=D(2015, 1, 2))  # overlaps the start: counted
    make_event(start_on=D(2021, 1, 5))

    make_delegation(direction="outgoing", forum=apo, start_on=D(2019, 4, 15), headcount=4)
    make_delegation(direction="outgoing", event=gbm, headcount=10, headcount_qualifier="at_least")
    make_delegation(direction="outgoing", forum=accsq, start_on=D(2020, 1, 1), headcount=2)
    make_delegation(direction="incoming", forum=apo, start_on=D(2019, 1, 1), headcount=7)
    make_delegation(direction="outgoing", forum=apo, start_on=D(2022, 1, 1), headcount=5)

    make_initiative(forum=apo, year=2017, status="adopted")
    make_initiative(forum=accsq, year=2020)
    make_initiative(forum=apo, year=None, title_en="Undated initiative", source=in_period)  # date unknown
    make_initiative(forum=apo, year=2021)

    for year, on_time in ((2014, True), (2015, True), (2016, False), (2020, True)):
        make_dues(membership=apo_membership, year=year, reported_on_time=on_time)
    make_dues(membership=apo_membership, year=2019, due_on=D(2019, 3, 1), paid_on=D(2019, 2, 1))


def figures(report, key):
    return {str(figure.label): figure.value for figure in report.section(key).figures}


def table(report, key, index=0):
    return [[str(value) for value in row] for row in report.section(key).tables[index].rows]


def test_organizations_we_belong_to_by_kind(registry):
    report = period_report(start=START, end=END)

    assert report.figure("memberships") == 3
    assert table(report, "memberships") == [
        ["Committee or technical committee", "1"],
        ["International organization", "1"],
        ["Regional organization", "1"],
    ]


def test_agreements_signed_by_kind_and_partner(registry):
    report = period_report(start=START, end=END)

    assert figures(report, "agreements") == {"Agreements signed": 4, "Partners": 2}
    assert table(report, "agreements", 0) == [
        ["Free trade agreement (FTA)", "2"],
        ["Memorandum of understanding (MoU)", "1"],
        ["Implementation plan", "1"],
    ]
    assert table(report, "agreements", 1) == [["Rosstandart", "2"], ["Japan", "1"]]


def test_ftas_in_force_and_pending_with_the_status_of_their_commitments(registry):
    report = period_report(start=START, end=END)

    assert figures(report, "ftas") == {
        "FTAs in force in the period: TBT provisions implemented (counted in the registry)": 2,
        "FTAs signed or under negotiation, not yet in force": 2,  # RCEP negotiating, one signed 2016
    }
    rows = table(report, "ftas", 0)
    assert [row[1:3] for row in rows] == [["2004", "yes"], ["8 Mar 2018", "yes"], ["1 Jan 2016", "—"], ["—", "—"]]
    assert [row[3:] for row in rows] == [["0", "0"], ["1", "1"], ["0", "0"], ["1", "0"]]
    assert table(report, "ftas", 1) == [["Implemented", "1"], ["Not started", "1"], ["Ongoing obligation", "1"]]


def test_chair_roles_held_in_the_period(registry):
    report = period_report(start=START, end=END)

    assert report.figure("chairs") == 3
    assert table(report, "chairs", 0) == [["Chair", "2"], ["Co-chair", "1"]]


def test_events_hosted_attended_and_online(registry):
    report = period_report(start=START, end=END)

    assert figures(report, "events") == {
        "Events": 4,
        "Hosted by us": 1,
        "Attended": 3,
        "Chaired by us": 1,
        "Online": 1,
        "Hybrid": 1,
    }
    assert table(report, "events") == [["2014", "0", "1", "0"], ["2019", "1", "0", "0"], ["2020", "0", "2", "2"]]


def test_delegations_and_officials_sent_per_forum(registry):
    report = period_report(start=START, end=END)

    assert figures(report, "delegations") == {"Delegations sent": 3, "Officials sent": 16}
    assert report.section("delegations").figures[1].approximate  # one headcount is "at least"
    assert table(report, "delegations") == [["APO", "2", "≥ 14"], ["ACCSQ", "1", "2"]]


def test_initiatives_in_the_period(registry):
    report = period_report(start=START, end=END)

    assert report.figure("initiatives") == 2
    assert table(report, "initiatives", 0) == [["Adopted", "1"], ["Proposed", "1"]]


def test_dues_paid_on_time(registry):
    report = period_report(start=START, end=END)

    assert figures(report, "dues") == {"Dues to pay": 4, "Paid on time": 3, "Paid late": 1, "Not paid": 0}


def test_a_shorter_period_counts_less(registry):
    report = period_report(start=D(2019, 1, 1), end=D(2019, 12, 31))

    assert report.figure("events") == 1
    assert report.figure("agreements") == 0  # the undated MoU its 2019 source reports is listed apart
    assert figures(report, "dues") == {"Dues to pay": 1, "Paid on time": 1, "Paid late": 0, "Not paid": 0}


def test_the_report_reads_in_a_bounded_number_of_queries(registry, request):
    with CaptureQueriesContext(connection) as queries:
        period_report(start=START, end=END)
    check_query_counts(request, "period report", {f"{START}..{END}": len(queries)})


def test_the_report_page_shows_figures_charts_and_downloads(staff_client, registry):
    response = staff_client.get(reverse("workflow:report"), {"start": "2015-01-01", "end": "2020-12-31"})

    assert response.status_code == 200
    content = response.content.decode()
    assert content.count("<svg") >= 5  # the admin's icons are in a sprite, not inline <svg> elements
    assert 'role="img"' in content
    assert f"{reverse('workflow:report-xlsx')}?start=2015-01-01&amp;end=2020-12-31" in content
    # The print button runs from a static script (the CSP allows no inline handler).
    assert "data-print" in content and "workflow/print.js" in content


def test_the_report_page_rejects_a_reversed_period_with_a_form_error(staff_client, db):
    response = staff_client.get(reverse("workflow:report"), {"start": "2020-01-01", "end": "2019-01-01"})

    assert response.status_code == 200
    assert "The period must not end before it starts." in response.content.decode()
    assert "report" not in response.context or response.context.get("report") is None


def test_the_report_downloads_as_xlsx(staff_client, registry):
    response = staff_client.get(reverse("workflow:report-xlsx"), {"start": "2015-01-01", "end": "2020-12-31"})

    assert response.status_code == 200
    assert 'filename="coopdb-report-2015-01-01-2020-12-31.xlsx"' in response["Content-Disposition"]
    workbook = load_workbook(BytesIO(response.content))
    summary = {(row[0], row[1]): row[2] for row in workbook["summary"].iter_rows(min_row=4, values_only=True)}
    assert summary[("Chair roles held", "Chair roles")] == 3
    assert summary[("Delegations and officials sent", "Officials sent")] == "≥ 16"
    assert set(workbook.sheetnames) >= {"summary", "memberships", "agreements", "ftas", "dues", "date-unknown"}
    undated = [row[0] for row in workbook["date-unknown"].iter_rows(values_only=True)]
    assert "Undated MoU" in undated and "Undated initiative" in undated


def test_the_report_xlsx_needs_a_period(staff_client, db):
    assert staff_client.get(reverse("workflow:report-xlsx")).status_code == 400


def _undated(report, word):
    return next((group for group in report.date_unknown if word in str(group.title)), None)


def test_an_undated_record_is_listed_apart_never_counted(registry):
    """The MoU and the initiative its 2019 source reports without a date: listed
    under "date unknown" in the periods that start by 2019, in none after."""
    report = period_report(start=START, end=END)
    assert [row[0] for row in _undated(report, "Agreements").rows] == ["Undated MoU"]
    assert [row[0] for row in _undated(report, "Initiatives").rows] == ["Undated initiative"]
    assert "1 Jun 2019" in _undated(report, "Agreements").rows[0][2]  # its source, dated in the page's language

    later = period_report(start=D(2021, 1, 1), end=D(2021, 12, 31))
    assert _undated(later, "Agreements") is None and _undated(later, "Initiatives") is None


def test_a_stated_figure_appears_only_in_a_period_holding_its_date(registry):
    """As of its day, else its source's day; with neither it is listed apart."""
    from core.models import ReportedFigure

    dated = make_source(published_on=D(2020, 7, 26))
    ReportedFigure.objects.create(
        key="regular-partners",
        label="Partners",
        value=30,
        qualifier="more_than",
        source=dated,
        counterpart="agreements",
    )
    ReportedFigure.objects.create(
        key="member-organizations",
        label="Members",
        value=14,
        as_of=D(2019, 3, 1),
        source=dated,
        counterpart="memberships",
    )
    ReportedFigure.objects.create(
        key="apo-programme-attendances", label="APO", value=1000, source=make_source(), counterpart="delegations"
    )

    in_2020 = period_report(start=D(2020, 1, 1), end=D(2020, 12, 31))
    assert [figure.key for figure in in_2020.section("agreements").reported] == ["regular-partners"]
    assert in_2020.section("memberships").reported == []  # as of 2019
    assert [figure.key for figure in period_report(start=D(2019, 1, 1), end=D(2019, 12, 31)).reported] == [
        "member-organizations"
    ]
    in_2026 = period_report(start=D(2026, 1, 1), end=D(2026, 12, 31))
    assert in_2026.reported == [] and all(not section.reported for section in in_2026.sections)
    assert [figure.key for figure in in_2026.stated_date_unknown] == ["apo-programme-attendances"]


@pytest.mark.parametrize(("language", "expected"), [("en", "8 Mar 2018"), ("vi", "08/03/2018")])
def test_dates_are_written_in_the_language_of_the_report(registry, language, expected):
    from django.utils import translation

    with translation.override(language):
        report = period_report(start=START, end=END)
    assert expected in [row[1] for row in report.section("ftas").tables[0].rows]


def test_a_long_listing_names_the_first_rows_and_counts_the_rest(registry, monkeypatch):
    from workflow.report import content

    monkeypatch.setattr(content, "LISTING_LIMIT", 1)
    report = period_report(start=START, end=END)
    listing = report.section("initiatives").tables[1]
    assert len(listing.rows) == 1 and listing.more == 1
    assert listing.more_text == "and 1 more, not listed here"
