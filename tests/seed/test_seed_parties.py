"""Every multilateral agreement lists all its parties, each dated and sourced,
and a union of states answers for its members: the exporter's questions
("which FTAs cover Japan? Russia?") asked of the pages, the API and the
partner timelines on the shipped seed data."""

import datetime

import pytest

from agreements.models import Agreement, AgreementParty
from organizations.models import Organization
from public.selectors.partners import country_timeline
from tests.site.test_pages import url

pytestmark = pytest.mark.usefixtures("seed_data_module")

ASEAN = {"BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "VN"}
EU27 = set("AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split())
EAEU_MEMBERS = {"AM", "BY", "KG", "KZ", "RU"}

# agreement -> (country parties, organization parties)
PARTIES = {
    "rcep": (ASEAN | {"AU", "CN", "JP", "KR", "NZ"}, set()),
    "cptpp": ({"AU", "BN", "CA", "CL", "JP", "MX", "MY", "NZ", "PE", "SG", "VN", "GB"}, set()),
    "aanzfta": (ASEAN | {"AU", "NZ"}, set()),
    "acfta": (ASEAN | {"CN"}, set()),
    "akfta": (ASEAN | {"KR"}, set()),
    "ajcep": (ASEAN | {"JP"}, set()),
    "aifta": (ASEAN | {"IN"}, set()),
    "ahkfta": (ASEAN | {"HK"}, set()),
    "atiga": (ASEAN, set()),
    "vn-eaeu-fta": ({"VN"} | EAEU_MEMBERS, {"eaeu"}),
    "evfta": ({"VN"}, {"eu"}),
    "vkfta": ({"VN", "KR"}, set()),
    "vjepa": ({"VN", "JP"}, set()),
    "vcfta": ({"VN", "CL"}, set()),
    "stameq-rosstandart-mou": (set(), {"stameq", "rosstandart"}),
    "stameq-rosstandart-plan-2018-2021": (set(), {"stameq", "rosstandart"}),
}
PARTY_COUNTS = {
    "rcep": 15,
    "cptpp": 12,
    "aanzfta": 12,
    "acfta": 11,
    "akfta": 11,
    "ajcep": 11,
    "aifta": 11,
    "ahkfta": 11,
    "atiga": 10,
    "vn-eaeu-fta": 7,
    "evfta": 2,
    "vkfta": 2,
    "vjepa": 2,
    "vcfta": 2,
    "stameq-rosstandart-mou": 2,
    "stameq-rosstandart-plan-2018-2021": 2,
}
FTAS_COVERING = {
    "JP": {"vjepa", "ajcep", "cptpp", "rcep"},
    "RU": {"vn-eaeu-fta"},
    "FR": {"evfta"},
    "KG": {"vn-eaeu-fta"},
    "AU": {"aanzfta", "cptpp", "rcep"},
}


def test_every_agreement_in_the_seed_is_listed_with_its_party_count():
    assert set(Agreement.objects.values_list("slug", flat=True)) == set(PARTY_COUNTS)


@pytest.mark.parametrize(("slug", "count"), sorted(PARTY_COUNTS.items()))
def test_party_count(slug, count):
    assert AgreementParty.objects.filter(agreement__slug=slug).count() == count


@pytest.mark.parametrize("slug", sorted(PARTIES))
def test_parties_are_the_ones_the_texts_name(slug):
    parties = AgreementParty.objects.filter(agreement__slug=slug)
    countries = {str(p.country) for p in parties if p.country}
    organizations = {p.organization.slug for p in parties if p.organization_id}
    assert (countries, organizations) == PARTIES[slug]


def test_no_party_row_is_both_an_organization_and_a_country():
    assert not AgreementParty.objects.exclude(organization=None).exclude(country="").exists()


def test_unions_list_their_member_countries_and_asean_is_no_party():
    members = {o.slug: {str(c) for c in o.member_countries} for o in Organization.objects.all()}
    assert members["eu"] == EU27
    assert members["eaeu"] == EAEU_MEMBERS
    assert {slug for slug, codes in members.items() if codes} == {"eu", "eaeu"}
    assert not AgreementParty.objects.filter(organization__slug="asean").exists()


def test_cptpp_entry_into_force_differs_per_party():
    in_force = dict(AgreementParty.objects.filter(agreement__slug="cptpp").values_list("country", "in_force_on"))
    assert in_force["JP"] == datetime.date(2018, 12, 30)
    assert in_force["VN"] == datetime.date(2019, 1, 14)
    assert in_force["PE"] == datetime.date(2021, 9, 19)
    assert in_force["GB"] == datetime.date(2024, 12, 15)
    assert in_force["CL"] is None  # the pages disagree on the day


def test_rcep_entry_into_force_differs_per_party():
    in_force = dict(AgreementParty.objects.filter(agreement__slug="rcep").values_list("country", "in_force_on"))
    assert in_force["JP"] == datetime.date(2022, 1, 1)
    assert in_force["KR"] == datetime.date(2022, 2, 1)
    assert in_force["ID"] == datetime.date(2023, 1, 2)
    assert in_force["MM"] is None


def test_every_party_has_its_own_source():
    assert not AgreementParty.objects.filter(source=None).exists()
    sources = dict(AgreementParty.objects.filter(agreement__slug="cptpp").values_list("country", "source__key"))
    assert (sources["VN"], sources["GB"]) == ("iisd-2019-04-23-cptpp-update", "gov-uk-cptpp")


def test_no_party_is_in_force_before_it_signed():
    for party in AgreementParty.objects.select_related("agreement"):
        if party.signed_on and party.in_force_on:
            assert party.signed_on <= party.in_force_on, (party.agreement.slug, str(party))


# --- one source of truth per date -----------------------------------------


def test_signed_on_equals_the_signed_stage_whenever_both_exist():
    for agreement in Agreement.objects.prefetch_related("status_changes"):
        signed = next((c for c in agreement.status_changes.all() if c.status == "signed"), None)
        if signed is None:
            assert agreement.signed_on is None, agreement.slug
        elif signed.changed_on:
            assert agreement.signed_on == signed.changed_on, agreement.slug
        else:  # only the year is known: no day is invented
            assert agreement.signed_on is None, agreement.slug


def test_ajcep_signed_on_is_vietnams_signature():
    assert Agreement.objects.get(slug="ajcep").signed_on == datetime.date(2008, 4, 1)


# --- official texts ----------------------------------------------------------


def test_every_fta_links_to_its_text():
    missing = Agreement.objects.filter(kind="fta", text_url="").values_list("slug", flat=True)
    assert list(missing) == []
    for text_url in Agreement.objects.filter(kind="fta").values_list("text_url", flat=True):
        assert text_url.startswith(("https://", "http://"))


def test_the_rosstandart_mou_and_plan_have_no_public_text():
    assert set(Agreement.objects.filter(kind__in=["mou", "plan"]).values_list("text_url", flat=True)) == {""}


# --- the exporter's questions ------------------------------------------------


def slugs_on_page(response):
    return {agreement.slug for agreement in response.context["page_obj"]}


@pytest.mark.parametrize(("country", "expected"), sorted(FTAS_COVERING.items()))
def test_fta_page_finds_every_fta_covering_a_country(client, country, expected):
    response = client.get(url("agreements:ftas", lang="en", country=country))
    assert response.status_code == 200
    assert slugs_on_page(response) == expected


def test_fta_page_for_japan_is_the_english_address_of_the_issue(client):
    response = client.get("/en/ftas/?country=JP")
    assert slugs_on_page(response) == FTAS_COVERING["JP"]


@pytest.mark.parametrize(("country", "expected"), sorted(FTAS_COVERING.items()))
def test_api_finds_every_fta_covering_a_country(client, country, expected):
    response = client.get(f"/api/v1/agreements/?country={country}&kind=fta")
    assert response.status_code == 200
    assert {row["slug"] for row in response.json()["results"]} == expected


def test_russia_covers_the_eaeu_fta_and_the_rosstandart_agreements(client):
    response = client.get("/api/v1/agreements/?country=RU")
    assert {row["slug"] for row in response.json()["results"]} == {
        "vn-eaeu-fta",
        "stameq-rosstandart-mou",
        "stameq-rosstandart-plan-2018-2021",
    }


@pytest.mark.parametrize(("country", "expected"), [("RU", "vn-eaeu-fta"), ("FR", "evfta"), ("JP", "rcep")])
def test_partner_timeline_includes_agreements_through_a_union(country, expected):
    agreements = {entry.obj.slug for entry in country_timeline(country).entries if isinstance(entry.obj, Agreement)}
    assert expected in agreements


def test_partner_timeline_of_a_non_member_misses_the_union_agreements():
    agreements = {entry.obj.slug for entry in country_timeline("US").entries if isinstance(entry.obj, Agreement)}
    assert agreements == set()


def test_api_shows_a_unions_member_countries(client):
    response = client.get("/api/v1/organizations/?slug=eaeu")
    assert response.status_code == 200, response.content
    (eaeu,) = response.json()["results"]
    assert sorted(eaeu["member_countries"]) == sorted(EAEU_MEMBERS)
