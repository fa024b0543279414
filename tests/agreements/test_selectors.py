"""agreements.selectors: the one read path of agreement and commitment lists
(API list and detail, CSV export, public pages)."""

import datetime

import pytest
from django.http import QueryDict

from agreements import selectors
from agreements.models import Agreement, Commitment
from core.choices import Audience
from core.filtersets import InvalidFilters
from tests.factories import make_agreement, make_commitment, make_party, make_status_change
from tests.selector_checks import assert_keyword_only_and_typed, slugs

D = datetime.date
PUBLIC, GOVERNMENT, STAFF = Audience.PUBLIC, Audience.GOVERNMENT, Audience.STAFF


@pytest.mark.parametrize(
    ("selector", "model"), [(selectors.agreement_list, Agreement), (selectors.commitment_list, Commitment)]
)
def test_list_selectors_are_keyword_only_and_typed(selector, model):
    assert_keyword_only_and_typed(selector, model)


def test_agreement_list_keeps_the_rows_the_audience_may_see():
    make_agreement(slug="open", visibility="public")
    make_agreement(slug="ministry", visibility="government")
    make_agreement(slug="inside", visibility="internal")
    assert set(slugs(selectors.agreement_list(audience=PUBLIC))) == {"open"}
    assert set(slugs(selectors.agreement_list(audience=GOVERNMENT))) == {"open", "ministry"}
    assert set(slugs(selectors.agreement_list(audience=STAFF))) == {"open", "ministry", "inside"}


def test_agreement_list_prefetches_only_the_parties_the_audience_may_see(django_assert_num_queries):
    agreement = make_agreement(slug="mou")
    make_party(agreement=agreement, country="RU", visibility="public")
    make_party(agreement=agreement, country="KR", visibility="government")
    make_party(agreement=agreement, country="JP", visibility="internal")
    expected = {PUBLIC: ["RU"], GOVERNMENT: ["RU", "KR"], STAFF: ["RU", "KR", "JP"]}
    for audience, countries in expected.items():
        (row,) = selectors.agreement_list(audience=audience)
        with django_assert_num_queries(0):  # read with the rows, in the order they were recorded
            assert [party.country for party in row.parties.all()] == countries


def test_status_history_prefetch_keeps_the_audience_s_changes(django_assert_num_queries):
    agreement = make_agreement()
    make_status_change(agreement=agreement, status="signed", changed_on=D(2018, 1, 1), visibility="public")
    make_status_change(agreement=agreement, status="in_force", changed_on=D(2019, 1, 1), visibility="government")
    for audience, statuses in {PUBLIC: ["signed"], GOVERNMENT: ["signed", "in_force"]}.items():
        (row,) = selectors.agreement_list(audience=audience).prefetch_related(selectors.status_history(audience))
        with django_assert_num_queries(0):
            assert [change.status for change in row.status_changes.all()] == statuses


def test_agreement_list_puts_the_latest_signed_first_and_undated_last():
    make_agreement(slug="b-undated", signed_on=None)
    make_agreement(slug="a-undated", signed_on=None)
    make_agreement(slug="old", signed_on=D(2015, 5, 1))
    make_agreement(slug="new", signed_on=D(2021, 5, 1))
    assert slugs(selectors.agreement_list(audience=PUBLIC)) == ["new", "old", "a-undated", "b-undated"]


def test_agreement_list_applies_the_filterset():
    make_agreement(slug="mou", kind="mou")
    make_agreement(slug="fta", kind="fta")
    assert slugs(selectors.agreement_list(audience=PUBLIC, filters=QueryDict("kind=fta"))) == ["fta"]
    assert slugs(selectors.agreement_list(audience=PUBLIC, filters={"kind": ["mou"]})) == ["mou"]
    assert set(slugs(selectors.agreement_list(audience=PUBLIC, filters={}))) == {"mou", "fta"}


def test_agreement_list_filters_through_relations_as_the_audience():
    """A filter must not confirm a party the audience may not see."""
    hidden = make_agreement(slug="hidden-party")
    make_party(agreement=hidden, country="KR", visibility="government")
    assert slugs(selectors.agreement_list(audience=PUBLIC, filters={"country": ["KR"]})) == []
    assert slugs(selectors.agreement_list(audience=GOVERNMENT, filters={"country": ["KR"]})) == ["hidden-party"]


def test_agreement_list_refuses_filters_it_cannot_read():
    make_agreement()
    with pytest.raises(InvalidFilters) as raised:
        selectors.agreement_list(audience=PUBLIC, filters=QueryDict("kind=treaty&signed_after=yesterday"))
    assert set(raised.value.form_errors) == {"kind", "signed_after"}


def test_commitment_list_keeps_the_audience_s_commitments_under_visible_agreements():
    fta = make_agreement(kind="fta")
    ministry_fta = make_agreement(kind="fta", visibility="government")
    make_commitment(agreement=fta, code="open")
    make_commitment(agreement=fta, code="ministry", visibility="government")
    make_commitment(agreement=ministry_fta, code="under-ministry-fta")
    assert [c.code for c in selectors.commitment_list(audience=PUBLIC)] == ["open"]
    assert {c.code for c in selectors.commitment_list(audience=GOVERNMENT)} == {
        "open",
        "ministry",
        "under-ministry-fta",
    }


def test_commitment_list_puts_the_earliest_deadline_first_and_none_last():
    fta = make_agreement(kind="fta")
    make_commitment(agreement=fta, code="none", deadline=None)
    make_commitment(agreement=fta, code="late", deadline=D(2030, 1, 1))
    make_commitment(agreement=fta, code="soon", deadline=D(2025, 1, 1))
    assert [c.code for c in selectors.commitment_list(audience=PUBLIC)] == ["soon", "late", "none"]


def test_commitment_list_applies_the_filterset_and_refuses_bad_values():
    fta = make_agreement(kind="fta")
    make_commitment(agreement=fta, code="done", status="implemented")
    make_commitment(agreement=fta, code="todo", status="not_started")
    done = selectors.commitment_list(audience=PUBLIC, filters={"status": ["implemented"]})
    assert [c.code for c in done] == ["done"]
    with pytest.raises(InvalidFilters) as raised:
        selectors.commitment_list(audience=PUBLIC, filters={"open": "maybe"})
    assert list(raised.value.form_errors) == ["open"]
