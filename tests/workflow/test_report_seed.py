"""The period report for 2015-01-01..2020-12-31 on the shipped seed data shows
the figures the two articles give: counted where the seed names the items,
and the stated totals (14 organizations, 13 FTAs, ...) next to them."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse

from agreements.models import Agreement
from organizations.models import Dues, Membership
from workflow.report import period_report

pytestmark = pytest.mark.usefixtures("seed_data_module")
START, END = datetime.date(2015, 1, 1), datetime.date(2020, 12, 31)


@pytest.fixture
def report(db):
    return period_report(start=START, end=END)


def stated(report, key):
    return {figure.key: (figure.qualifier, figure.value) for figure in report.section(key).reported}


def test_fourteen_organizations_stated_next_to_those_named(report):
    named = Membership.objects.filter(member__slug="stameq").values("organization").distinct().count()
    assert report.figure("memberships") == named > 0
    assert stated(report, "memberships") == {"member-organizations": ("exact", 14)}


def test_thirteen_ftas_with_tbt_provisions_in_force_and_rcep_negotiated(report):
    rows = {row[0]: row[2] for row in report.section("ftas").tables[0].rows}
    assert report.figure("ftas", 0) == 13
    assert {"CPTPP", "EVFTA", "VKFTA"} <= {name for name, in_force in rows.items() if in_force == "yes"}
    assert report.figure("ftas", 1) == 1 and rows["RCEP"] == "—"  # signed 2020-11-15, in force 2022
    assert stated(report, "ftas") == {"fta-tbt-provisions": ("exact", 13)}


def test_the_four_chair_roles_of_the_article(report):
    assert report.figure("chairs") == 4
    rows = report.section("chairs").tables[0].rows
    assert [[str(role), n] for role, n in rows] == [["Chair", 2], ["Co-chair", 2]]
    bodies = {row[1] for row in report.section("chairs").tables[1].rows}
    assert {"APO", "ACCSQ"} <= bodies


def test_the_four_initiatives_of_the_article_two_of_unknown_year(report):
    """The article dates two of its four initiatives (2017, 2020); the other two
    are listed apart, "date unknown", not counted in 2015-2020."""
    assert report.figure("initiatives") == 2
    counted = {row[1] for row in report.section("initiatives").tables[1].rows}
    undated = next(group for group in report.date_unknown if "Initiatives" in str(group.title))
    assert len(undated.rows) == 2
    assert sorted([*counted, *(row[1] for row in undated.rows)]) == ["APEC", "APO", "APO", "ASEAN"]


def test_dues_all_paid_on_time(report):
    expected = Dues.objects.filter(year__range=(2015, 2020), membership__member__slug="stameq").count()
    assert report.figure("dues", 0) == report.figure("dues", 1) == expected > 0
    assert report.figure("dues", 2) == report.figure("dues", 3) == 0


def test_the_rosstandart_plan_is_among_the_agreements_signed(report):
    assert report.figure("agreements") >= 2
    partners = {str(row[0]) for row in report.section("agreements").tables[1].rows}
    assert "Rosstandart" in partners
    assert Agreement.objects.filter(slug="stameq-rosstandart-plan-2018-2021").exists()


def test_undated_stated_totals_are_listed_apart_never_next_to_a_count(report):
    """ "Thousands of officials" and "more than 30 partners" come from an article
    of unknown date: never shown as a period's figure, listed apart."""
    assert stated(report, "delegations") == {}
    assert stated(report, "agreements") == {}
    apart = {figure.key for figure in report.stated_date_unknown}
    assert {"apo-programme-attendances", "regular-partners"} <= apart


def test_the_rosstandart_mou_of_unknown_date_is_listed_apart_not_counted(report):
    undated = next(group for group in report.date_unknown if "Agreements" in str(group.title))
    assert "STAMEQ–Rosstandart MoU" in {row[0] for row in undated.rows}
    kinds = {str(row[0]): row[1] for row in report.section("agreements").tables[0].rows}
    assert "Memorandum of understanding (MoU)" not in kinds  # the seed's only MoU has no date


def test_a_2026_report_repeats_no_2020_figure(db):
    later = period_report(start=datetime.date(2026, 1, 1), end=datetime.date(2026, 12, 31))
    assert later.reported == []
    assert all(not section.reported for section in later.sections)
    assert not any("Agreements" in str(group.title) for group in later.date_unknown)  # its source is of 2020


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", ["Organizations we are a member of", "Stated by the source", "Chair roles held"]),
        ("vi", ["Tổ chức mà ta là thành viên", "Theo nguồn", "Vai trò Chủ tịch đảm nhận"]),
    ],
)
def test_the_page_in_both_languages(client, admin_user, language, words):
    client.force_login(admin_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language  # what the admin's language switcher sets
    response = client.get(reverse("workflow:report"), {"start": "2015-01-01", "end": "2020-12-31"})
    content = response.content.decode()
    assert response.status_code == 200
    for word in words:
        assert word in content
    assert " 14</span>" in content and " 13</span>" in content  # the stated totals, next to the counted ones
