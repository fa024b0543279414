"""What is true on a day (core.truth), on built data and a frozen clock: an
agreement's history decides whether it was in force then, open-ended offices
and memberships are current only while a source confirms them, and the API
and the pages say the same."""

import datetime

import pytest
import time_machine
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from agreements.models import Agreement
from core import truth
from core.text import vi_sort_key
from organizations.models import Membership, Office
from tests.factories import make_agreement, make_membership, make_office, make_source, make_status_change

D = datetime.date
pytestmark = pytest.mark.django_db


def in_force(agreement, day) -> bool:
    return Agreement.objects.in_force_on(day).filter(pk=agreement.pk).exists()


@pytest.fixture
def terminated_in_2022():
    agreement = make_agreement(slug="terminated-2022", kind="fta", status="terminated")
    make_status_change(agreement=agreement, status="signed", changed_on=D(2013, 5, 1))
    make_status_change(agreement=agreement, status="in_force", changed_on=D(2014, 1, 1))
    make_status_change(agreement=agreement, status="terminated", changed_on=D(2022, 3, 1))
    return agreement


def test_an_agreement_terminated_in_2022_was_in_force_in_2015(terminated_in_2022):
    assert in_force(terminated_in_2022, D(2015, 6, 1))
    assert not in_force(terminated_in_2022, D(2013, 12, 31))  # signed, not yet in force
    assert not in_force(terminated_in_2022, D(2022, 3, 1))


def test_the_api_in_force_on_filter_follows_the_history(client, terminated_in_2022):
    def slugs(day):
        response = client.get("/api/v1/agreements/", {"in_force_on": day})
        assert response.status_code == 200
        return [row["slug"] for row in response.json()["results"]]

    assert slugs("2015-06-01") == ["terminated-2022"]
    assert slugs("2023-01-01") == []


def test_an_expired_agreement_without_an_end_date_stops_at_its_expiry_stage():
    agreement = make_agreement(status="expired")
    make_status_change(agreement=agreement, status="in_force", changed_on=D(2010, 1, 1))
    make_status_change(agreement=agreement, status="expired", changed_on=D(2016, 1, 1))
    assert in_force(agreement, D(2015, 12, 31))
    assert not in_force(agreement, D(2016, 1, 1))
    assert not in_force(agreement, D(2026, 11, 30))


def test_a_stage_known_only_by_its_year_counts_from_the_end_of_that_year():
    agreement = make_agreement(kind="fta", status="in_force")
    make_status_change(agreement=agreement, status="in_force", changed_on=None, year=2005)
    assert not in_force(agreement, D(2005, 6, 1))
    assert in_force(agreement, D(2005, 12, 31))


def test_validity_ended_reads_ended_whatever_the_last_stage():
    plan = make_agreement(status="signed", valid_from=D(2018, 1, 1), valid_until=D(2021, 12, 31))
    standing = truth.agreement_standing(plan, D(2026, 11, 30))
    assert (standing.state, standing.day) == (truth.Standing.ENDED, D(2021, 12, 31))
    assert truth.agreement_standing(plan, D(2021, 12, 31)).state == truth.Standing.CURRENT
    assert in_force(plan, D(2020, 6, 1)) and not in_force(plan, D(2022, 1, 1))


@pytest.fixture
def chair_reported_in_2020():
    return make_office(role="chair", source=make_source(published_on=D(2020, 7, 26)))


def test_a_chair_last_confirmed_in_2020_is_last_reported_in_2026_and_current_in_2020(chair_reported_in_2020):
    office = chair_reported_in_2020
    later = truth.office_standing(office, D(2026, 11, 30))
    assert (later.state, later.day) == (truth.Standing.LAST_REPORTED, D(2020, 7, 26))
    assert truth.office_standing(office, D(2020, 8, 1)).is_current
    assert Office.objects.held_on(D(2020, 8, 1)).filter(pk=office.pk).exists()
    assert not Office.objects.held_on(D(2026, 11, 30)).filter(pk=office.pk).exists()


def test_a_later_confirmation_keeps_it_current(chair_reported_in_2020):
    office = chair_reported_in_2020
    office.last_confirmed_on = D(2026, 1, 15)
    office.save()
    assert truth.office_standing(office, D(2026, 11, 30)).is_current
    assert Office.objects.held_on(D(2026, 11, 30)).filter(pk=office.pk).exists()


@override_settings(COOPDB_CONFIRMATION_WINDOW_DAYS=10 * 365)
def test_the_confirmation_window_is_a_setting(chair_reported_in_2020):
    assert truth.office_standing(chair_reported_in_2020, D(2026, 11, 30)).is_current
    assert Office.objects.held_on(D(2026, 11, 30)).filter(pk=chair_reported_in_2020.pk).exists()


def test_member_on_a_day():
    membership = make_membership(since=D(2000, 1, 1), source=make_source(published_on=D(2010, 1, 1)))
    ended = make_membership(since=D(2000, 1, 1), until=D(2004, 12, 31))
    member_on = lambda day: set(Membership.objects.active_on(day).values_list("pk", flat=True))  # noqa: E731
    assert member_on(D(1999, 12, 31)) == set()
    assert member_on(D(2003, 1, 1)) == {membership.pk, ended.pk}
    assert member_on(D(2011, 6, 1)) == {membership.pk}  # confirmed within two years
    assert member_on(D(2013, 6, 1)) == set()  # no source since 2010
    with translation.override("en"):
        assert truth.membership_standing(membership, D(2013, 6, 1)).label.startswith("Last reported")


def test_an_office_held_in_one_year_is_held_that_year_only():
    office = make_office(term_year=2017)
    assert Office.objects.held_on(D(2017, 5, 1)).filter(pk=office.pk).exists()
    assert not Office.objects.held_on(D(2018, 5, 1)).filter(pk=office.pk).exists()
    assert not Office.objects.held_on(D(2016, 5, 1)).filter(pk=office.pk).exists()


def test_the_office_list_says_last_reported_with_the_source(client, chair_reported_in_2020):
    with translation.override("en"), time_machine.travel(D(2026, 11, 30), tick=False):
        html = client.get(reverse("organizations:offices")).content.decode()
    assert "Last reported" in html and chair_reported_in_2020.source.title in html
    with translation.override("en"), time_machine.travel(D(2020, 8, 1), tick=False):
        html = client.get(reverse("organizations:offices")).content.decode()
    assert "Last reported" not in html and "Current" in html


def test_vietnamese_alphabetical_order():
    names = ["Việt Nam", "Đức", "Ấn Độ", "Anh", "Ăng-gô-la", "Dubai", "Ê-cu-a-đo", "Ba Lan", "Hà Lan", "Hàn Quốc"]
    expected = ["Anh", "Ăng-gô-la", "Ấn Độ", "Ba Lan", "Dubai", "Đức", "Ê-cu-a-đo", "Hà Lan", "Hàn Quốc", "Việt Nam"]
    assert sorted(names, key=vi_sort_key) == expected


def test_the_signing_date_follows_the_signed_stage():
    from agreements.services import record_status_change

    agreement = make_agreement(signed_on=None)
    record_status_change(agreement=agreement, status="signed", changed_on=D(2008, 4, 1))
    agreement.refresh_from_db()
    assert agreement.signed_on == D(2008, 4, 1)
    agreement.signed_on = D(2009, 1, 1)  # a second answer is brought back in step
    agreement.save()
    record_status_change(agreement=agreement, status="in_force", changed_on=D(2008, 12, 1))
    agreement.refresh_from_db()
    assert (agreement.signed_on, agreement.status) == (D(2008, 4, 1), "in_force")


def test_a_page_names_an_organization_as_it_was_on_the_date_it_speaks_of(client):
    from tests.factories import make_organization, make_organization_name, make_party

    agency = make_organization(slug="agency", acronym="Rosstandart", name_vi="Cơ quan", kind="national_body")
    make_organization_name(organization=agency, acronym="Rostekhregulirovaniye", valid_until=D(2010, 6, 8))
    old = make_agreement(slug="old-mou", signed_on=D(2008, 1, 1))
    new = make_agreement(slug="new-mou", signed_on=D(2016, 1, 1))
    for agreement in (old, new):
        make_party(agreement=agreement, organization=agency)
    with translation.override("en"):
        old_page = client.get(reverse("agreements:detail", args=["old-mou"])).content.decode()
        new_page = client.get(reverse("agreements:detail", args=["new-mou"])).content.decode()
        found = client.get(reverse("public:search"), {"q": "rostekhregulirovaniye"}).context["results"].hits
    assert "Rostekhregulirovaniye" in old_page and "Rostekhregulirovaniye" not in new_page
    assert [hit.record.slug for hit in found if hit.kind.key == "organizations"] == ["agency"]
    names = client.get(f"/api/v1/organizations/{agency.pk}/").json()["names"]
    assert names == [
        {
            "name": {"vi": names[0]["name"]["vi"], "en": None},
            "acronym": "Rostekhregulirovaniye",
            "valid_from": None,
            "valid_until": "2010-06-08",
        }
    ]


def test_admin_search_finds_former_names(admin_client):
    from tests.factories import make_organization, make_organization_name

    agency = make_organization(acronym="Rosstandart")
    make_organization_name(organization=agency, acronym="Rostekhregulirovaniye")
    response = admin_client.get("/admin/organizations/organization/", {"q": "rostekhregulirovaniye"})
    assert [org.pk for org in response.context["cl"].result_list] == [agency.pk]


def test_the_radar_warns_before_a_confirmation_lapses(chair_reported_in_2020):
    from workflow.selectors import RadarKind, radar_items

    lapses_on = D(2020, 7, 26) + truth.confirmation_window()
    items = radar_items(today=lapses_on - datetime.timedelta(days=10), days=30)
    assert [(item.kind, item.obj, item.due_on) for item in items] == [
        (RadarKind.CONFIRMATION, chair_reported_in_2020, lapses_on)
    ]
    assert radar_items(today=lapses_on + datetime.timedelta(days=1), days=30) == []


def test_the_api_says_the_same_as_the_pages(client, chair_reported_in_2020):
    plan = make_agreement(slug="plan", status="signed", valid_from=D(2018, 1, 1), valid_until=D(2021, 12, 31))
    with time_machine.travel(D(2026, 11, 30), tick=False):
        agreement = client.get(f"/api/v1/agreements/{plan.pk}/").json()
        office = client.get(f"/api/v1/offices/{chair_reported_in_2020.pk}/").json()
    assert agreement["standing"] == {"state": "ended", "as_of": "2021-12-31"}
    assert office["standing"] == {"state": "last_reported", "as_of": "2020-07-26"}
    with time_machine.travel(D(2020, 8, 1), tick=False):
        agreement = client.get(f"/api/v1/agreements/{plan.pk}/").json()
        office = client.get(f"/api/v1/offices/{chair_reported_in_2020.pk}/").json()
    assert agreement["standing"]["state"] == office["standing"]["state"] == "current"
