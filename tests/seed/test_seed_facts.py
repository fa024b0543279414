"""One test per fact of the two source articles (and of the public sources that
complete them), read back through the ORM from the loaded seed data."""

import datetime

import pytest

from agreements.models import Agreement, AgreementStatusChange, Commitment
from core.models import ReportedFigure, Source
from events.models import Delegation, Event, Initiative
from organizations.models import Dues, Membership, Office, Organization, Person

VIETQ = "vietq-2020-07-26-htqt-tcdlcl"
PRODUCTIVITY_ARTICLE = "bai-tang-cuong-htqt-nang-suat-chat-luong"
VIETQ_DATE = datetime.date(2020, 7, 26)


def org(slug):
    return Organization.objects.get(slug=slug)


def membership(organization_slug):
    return Membership.objects.get(member__slug="stameq", organization__slug=organization_slug)


# --- the articles themselves -------------------------------------------------


def test_vietq_article_is_named_with_publisher_author_and_date(seed_data_module):
    source = Source.objects.get(key=VIETQ)
    assert source.title_vi.startswith("Hợp tác quốc tế về tiêu chuẩn đo lường chất lượng")
    assert (source.publisher, source.author, source.published_on) == ("VietQ", "Nguyen Nam", VIETQ_DATE)


def test_productivity_article_has_no_invented_publisher_or_date(seed_data_module):
    source = Source.objects.get(key=PRODUCTIVITY_ARTICLE)
    assert source.title_vi == "Tăng cường hợp tác quốc tế trong lĩnh vực năng suất chất lượng"
    assert (source.publisher, source.author, source.published_on, source.url) == ("", "", None, "")


# --- organizations ------------------------------------------------------------


def test_stameq_is_the_own_national_body_under_the_ministry(seed_data_module, settings):
    stameq = seed_data_module
    assert stameq.slug == settings.COOPDB_OWN_ORGANIZATION
    assert (stameq.acronym, stameq.kind, stameq.country.code) == ("STAMEQ", "national_body", "VN")
    assert stameq.name_vi == "Tổng cục Tiêu chuẩn Đo lường Chất lượng"
    assert stameq.parent.acronym == "MOST"


def test_stameq_is_vietnams_national_productivity_organization(seed_data_module):
    assert "Tổ chức Năng suất quốc gia Việt Nam" in seed_data_module.description_vi
    assert "National Productivity Organization" in seed_data_module.description_en


def test_international_cooperation_department_is_a_unit_of_stameq(seed_data_module):
    department = org("stameq-icd")
    assert (department.kind, department.parent, department.name_vi) == ("unit", seed_data_module, "Vụ Hợp tác quốc tế")


def test_deputy_director_vu_tu_quyen_leads_the_department_without_contact_details(seed_data_module):
    person = Person.objects.get(full_name="Vũ Tú Quyên")
    assert person.position_vi == "Phó Vụ trưởng phụ trách Vụ Hợp tác quốc tế"
    assert person.position_en == "Deputy Director in charge of the International Cooperation Department"
    assert person.unit.slug == "stameq-icd"
    assert (person.email, person.phone, person.visibility) == ("", "", "public")


def test_rosstandart_is_russias_national_body(seed_data_module):
    rosstandart = org("rosstandart")
    assert (rosstandart.kind, rosstandart.country.code) == ("national_body", "RU")
    assert rosstandart.name_vi == "Cơ quan Liên bang về Quy chuẩn Kỹ thuật và Đo lường Liên bang Nga"


def test_apo_was_founded_on_1961_05_11(seed_data_module):
    assert org("apo").founded_on == datetime.date(1961, 5, 11)


def test_committees_and_forums_sit_under_their_parent_bodies(seed_data_module):
    parents = {slug: org(slug).parent.slug for slug in ("accsq", "accsq-us-dialogue", "wto-tbt-committee")}
    assert parents == {"accsq": "asean", "accsq-us-dialogue": "accsq", "wto-tbt-committee": "wto"}
    assert org("accsq-us-dialogue").kind == "forum"
    assert org("vkfta-tbt-subcommittee").kind == "committee"


def test_five_apo_centres_of_excellence_with_their_hosts_and_years(seed_data_module):
    centres = Organization.objects.filter(kind="coe", parent__slug="apo")
    assert sorted((c.founded_year, c.country.code, c.name_en) for c in centres) == [
        (2009, "SG", "APO Centre of Excellence on Business Excellence"),
        (2013, "TW", "APO Centre of Excellence on Green Productivity"),
        (2015, "PH", "APO Centre of Excellence on Public-Sector Productivity"),
        (2017, "IN", "APO Centre of Excellence on IT for Industry 4.0"),
        (2019, "TW", "APO Centre of Excellence on Smart Manufacturing"),
    ]


# --- memberships and dues -------------------------------------------------------


def test_apo_membership_starts_1996_01_01_on_behalf_of_vietnam(seed_data_module):
    apo = membership("apo")
    assert (apo.since, apo.member_class, apo.represents.code) == (datetime.date(1996, 1, 1), "full", "VN")
    assert not Membership.objects.filter(pk=apo.pk).active_on(datetime.date(1995, 12, 31)).exists()
    assert Membership.objects.filter(pk=apo.pk).active_on(datetime.date(1996, 1, 1)).exists()


def test_iso_iec_and_accsq_memberships_have_no_guessed_start(seed_data_module):
    for slug in ("iso", "iec", "accsq"):
        assert (membership(slug).since, membership(slug).since_year) == (None, None), slug


def test_vietnam_votes_in_iso_as_member_body_and_is_an_iec_associate(seed_data_module):
    assert membership("iso").member_class == "full"
    assert membership("iec").member_class == "associate"


def test_wto_tbt_committee_participation_since_wto_accession(seed_data_module):
    tbt = membership("wto-tbt-committee")
    assert tbt.since == datetime.date(2007, 1, 11)
    assert tbt.source.url.startswith("https://www.qdnd.vn/")


def test_dues_2015_to_2020_reported_paid_on_time_with_amounts_kept_empty(seed_data_module):
    dues = Dues.objects.with_status(today=VIETQ_DATE)
    rows = sorted((d.membership.organization.slug, d.year) for d in dues)
    assert rows == [(slug, year) for slug in ("apo", "iec", "iso") for year in range(2015, 2021)]
    assert {d.status for d in dues} == {"on_time"}
    assert {(d.amount, d.currency, d.due_on, d.paid_on) for d in dues} == {(None, "", None, None)}


# --- offices ------------------------------------------------------------------------


def test_stameq_holds_the_four_chair_roles(seed_data_module):
    offices = Office.objects.filter(holder_organization=seed_data_module)
    assert sorted((o.role, o.body.slug) for o in offices) == [
        ("chair", "accsq"),
        ("chair", "apo"),
        ("co_chair", "accsq-us-dialogue"),
        ("co_chair", "vkfta-tbt-subcommittee"),
    ]


def test_vietnam_stameq_chairs_accsq(seed_data_module):
    office = Office.objects.get(body__slug="accsq", role="chair")
    assert office.holder_organization == seed_data_module
    assert office.title_vi == "Chủ tịch ACCSQ"


def test_chair_terms_are_left_empty_because_no_source_gives_them(seed_data_module):
    assert set(Office.objects.values_list("term_start", "term_end", "term_year")) == {(None, None, None)}


# --- agreements ----------------------------------------------------------------------


def test_rosstandart_implementation_plan_runs_2018_to_2021_and_belongs_to_the_mou(seed_data_module):
    plan = Agreement.objects.get(slug="stameq-rosstandart-plan-2018-2021")
    assert plan.kind == "plan"
    assert (plan.valid_from.year, plan.valid_until.year) == (2018, 2021)
    assert plan.parent.slug == "stameq-rosstandart-mou"
    assert plan.parent.kind == "mou"


def test_rosstandart_mou_and_plan_have_both_parties_and_no_guessed_signing_date(seed_data_module):
    for slug in ("stameq-rosstandart-mou", "stameq-rosstandart-plan-2018-2021"):
        agreement = Agreement.objects.get(slug=slug)
        assert sorted(p.organization.slug for p in agreement.parties.all()) == ["rosstandart", "stameq"]
        assert agreement.signed_on is None
        assert not agreement.status_changes.exists()


def test_rosstandart_plan_is_in_force_during_its_period_only(seed_data_module):
    in_force = Agreement.objects.filter(slug="stameq-rosstandart-plan-2018-2021")
    assert in_force.in_force_on(datetime.date(2019, 6, 1)).exists()
    assert not in_force.in_force_on(datetime.date(2022, 1, 1)).exists()


def test_evfta_ratified_by_the_national_assembly_in_2020(seed_data_module):
    ratified = AgreementStatusChange.objects.get(agreement__slug="evfta", status="ratified")
    assert ratified.changed_on == datetime.date(2020, 6, 8)
    vietnam = Agreement.objects.get(slug="evfta").parties.get(country="VN")
    assert vietnam.ratified_on.year == 2020


def test_rcep_tbt_negotiations_concluded_by_the_article_date(seed_data_module):
    concluded = AgreementStatusChange.objects.get(agreement__slug="rcep", status="concluded")
    assert concluded.changed_on <= VIETQ_DATE
    assert Commitment.objects.filter(agreement__slug="rcep", code="tbt").exists()


def test_cptpp_in_force_for_vietnam_from_2019_01_14(seed_data_module):
    cptpp = Agreement.objects.filter(slug="cptpp")
    assert not cptpp.in_force_on(datetime.date(2019, 1, 13)).exists()
    assert cptpp.in_force_on(datetime.date(2019, 1, 14)).exists()
    assert cptpp.get().parties.get(country="VN").ratified_on == datetime.date(2018, 11, 12)


def test_vkfta_tbt_chapter_is_chapter_6(seed_data_module):
    commitment = Commitment.objects.get(agreement__slug="vkfta", code="tbt")
    assert "6" in commitment.reference
    assert Agreement.objects.get(slug="vkfta").signed_on == datetime.date(2015, 5, 5)


def test_each_named_fta_has_a_tbt_commitment_stameq_implements(seed_data_module):
    for slug in ("cptpp", "evfta", "rcep", "vkfta"):
        commitment = Commitment.objects.get(agreement__slug=slug, code="tbt")
        assert commitment.responsible_unit == seed_data_module, slug


# --- events, delegations, initiatives ------------------------------------------------


def test_apo_secretary_general_affirmed_support_on_2019_11_30(seed_data_module):
    event = Event.objects.between(datetime.date(2019, 11, 30), datetime.date(2019, 11, 30)).get()
    assert event.forum.slug == "apo"
    assert "Nông nghiệp" in event.description_vi and "agriculture" in event.description_en


def test_thousands_of_officials_sent_to_apo_programmes(seed_data_module):
    delegation = Delegation.objects.get(forum__slug="apo")
    people = (delegation.headcount, delegation.headcount_qualifier, delegation.direction)
    assert people == (1000, "at_least", "outgoing")
    assert "hàng nghìn lượt" in delegation.description_vi


def test_initiatives_with_their_forums_and_years(seed_data_module):
    initiatives = sorted((i.forum.slug, i.year or 0, i.slug) for i in Initiative.objects.all())
    assert initiatives == [
        ("apec", 2017, "apec-2017-smart-city-standards"),
        ("apo", 0, "apo-coe-innovation-productivity"),
        ("apo", 0, "apo-national-productivity-master-plan"),
        ("asean", 2020, "asean-2020-smart-manufacturing"),
    ]
    assert {i.proposer for i in Initiative.objects.all()} == {seed_data_module}


# --- totals the articles give without names --------------------------------------------


@pytest.mark.parametrize(
    ("key", "qualifier", "value", "words"),
    [
        ("member-organizations", "exact", 14, "14 tổ chức quốc tế, khu vực"),
        ("regular-partners", "more_than", 30, "hơn 30 tổ chức quốc tế"),
        ("fta-tbt-provisions", "exact", 13, "13 FTA đa phương và song phương"),
        ("apo-programme-attendances", "at_least", 1000, "hàng nghìn lượt cán bộ"),
        ("apo-centres-of-excellence", "exact", 5, "05 Trung tâm xuất sắc"),
    ],
)
def test_reported_totals_quote_the_article(seed_data_module, key, qualifier, value, words):
    figure = ReportedFigure.objects.get(key=key)
    assert (figure.qualifier, figure.value) == (qualifier, value)
    assert words in figure.quote_vi
    assert figure.quote_en


def test_apo_centre_total_matches_the_named_centres(seed_data_module):
    total = ReportedFigure.objects.get(key="apo-centres-of-excellence").value
    assert Organization.objects.filter(kind="coe", parent__slug="apo").count() == total


# --- the 13 FTAs, completed from public sources --------------------------------------

SIGNED_BY_MID_2020 = {
    "aanzfta",
    "acfta",
    "ahkfta",
    "aifta",
    "ajcep",
    "akfta",
    "atiga",
    "cptpp",
    "evfta",
    "vcfta",
    "vjepa",
    "vkfta",
    "vn-eaeu-fta",
}


def signed_by(agreement, day):
    signed = agreement.status_changes.get(status="signed")
    return signed.changed_on <= day if signed.changed_on else signed.year <= day.year


def test_thirteen_ftas_signed_by_the_article_date_and_rcep_after_it(seed_data_module):
    ftas = Agreement.objects.filter(kind="fta")
    signed = {fta.slug for fta in ftas if signed_by(fta, VIETQ_DATE)}
    assert signed == SIGNED_BY_MID_2020
    assert len(signed) == ReportedFigure.objects.get(key="fta-tbt-provisions").value
    assert {fta.slug for fta in ftas} - signed == {"rcep"}


def test_each_completed_fta_has_its_own_public_source(seed_data_module):
    for fta in Agreement.objects.filter(kind="fta").exclude(slug__in=["cptpp", "evfta", "rcep", "vkfta"]):
        assert fta.source.key != VIETQ, fta.slug
        assert fta.source.url.startswith("http"), fta.slug
        assert all(change.source.url for change in fta.status_changes.all()), fta.slug


def test_unnamed_ftas_carry_no_guessed_tbt_commitment(seed_data_module):
    named = {"cptpp", "evfta", "rcep", "vkfta"}
    assert set(Commitment.objects.filter(code="tbt").values_list("agreement__slug", flat=True)) == named


def test_ajcep_dates_for_vietnam(seed_data_module):
    vietnam = Agreement.objects.get(slug="ajcep").parties.get(country="VN")
    assert (vietnam.signed_on, vietnam.ratified_on, vietnam.in_force_on) == (
        datetime.date(2008, 4, 1),
        datetime.date(2008, 10, 23),
        datetime.date(2008, 12, 1),
    )


def test_atiga_signed_2009_02_26_in_force_2010_05_17(seed_data_module):
    atiga = Agreement.objects.get(slug="atiga")
    assert (atiga.signed_on, atiga.valid_from) == (datetime.date(2009, 2, 26), datetime.date(2010, 5, 17))


def test_vcfta_dates_are_kept_at_year_level_as_the_source_gives_months_only(seed_data_module):
    changes = {c.status: (c.changed_on, c.year) for c in AgreementStatusChange.objects.filter(agreement__slug="vcfta")}
    assert changes == {"signed": (None, 2011), "in_force": (None, 2014)}
    assert Agreement.objects.get(slug="vcfta").signed_on is None


def test_ahkfta_in_force_for_vietnam_from_2019_06_11(seed_data_module):
    assert Agreement.objects.get(slug="ahkfta").parties.get(country="VN").in_force_on == datetime.date(2019, 6, 11)


def test_vietnam_eaeu_fta_in_force_from_2016_10_05(seed_data_module):
    fta = Agreement.objects.get(slug="vn-eaeu-fta")
    assert (fta.signed_on, fta.valid_from) == (datetime.date(2015, 5, 29), datetime.date(2016, 10, 5))


def test_all_ftas_are_in_force_now(seed_data_module):
    assert set(Agreement.objects.filter(kind="fta").values_list("status", flat=True)) == {"in_force"}
