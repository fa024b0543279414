"""A union of states that is party to an agreement puts that agreement on the
timeline of each member country, but never through a party row the public may
not see, and never on a non-member's timeline."""

from agreements.models import Agreement
from public.selectors.partners import country_timeline
from tests.factories import make_agreement, make_organization, make_party
from tests.site.test_pages import url


def timeline_agreements(code):
    return {entry.obj for entry in country_timeline(code).entries if isinstance(entry.obj, Agreement)}


def test_union_party_puts_the_agreement_on_each_member_timeline():
    eaeu = make_organization(acronym="EAEU", kind="regional", member_countries=["AM", "BY", "KZ", "KG", "RU"])
    agreement = make_agreement(kind="fta")
    make_party(agreement=agreement, organization=eaeu)
    assert timeline_agreements("KZ") == {agreement}
    assert timeline_agreements("AM") == {agreement}
    assert timeline_agreements("UZ") == set()


def test_union_party_hidden_from_the_public_puts_nothing_on_the_timeline():
    union = make_organization(acronym="EU", kind="regional", member_countries=["FR"])
    make_party(agreement=make_agreement(kind="fta"), organization=union, visibility="government")
    assert timeline_agreements("FR") == set()


def test_fta_page_filter_finds_an_agreement_through_its_union_party(client):
    union = make_organization(acronym="EAEU", kind="regional", member_countries=["KZ", "RU"])
    agreement = make_agreement(kind="fta", slug="union-fta")
    make_party(agreement=agreement, organization=union)
    make_agreement(kind="fta", slug="other-fta")
    member = client.get(url("agreements:ftas", lang="en", country="KZ"))
    outsider = client.get(url("agreements:ftas", lang="en", country="DE"))
    assert [a.slug for a in member.context["page_obj"]] == ["union-fta"]
    assert list(outsider.context["page_obj"]) == []
