"""The period report counts an open-ended membership or chair term only while
a source confirms it (core.truth's window), like the pages and the API.
Apart from test_report.py, whose registry is built once per module."""

import datetime

from tests.factories import make_membership, make_office, make_organization, make_source
from workflow.report import period_report

D = datetime.date


def test_an_open_ended_membership_counts_only_while_a_source_confirms_it(db):
    """Confirmed on 30 Nov 2019: held in 2019-2020, no longer in a 2025-2026
    report (the confirmation window is two years), unless confirmed again."""
    stameq = make_organization(slug="stameq", acronym="STAMEQ", kind="national_body")
    apo = make_organization(slug="apo", acronym="APO", kind="regional")
    membership = make_membership(
        member=stameq, organization=apo, since=D(1996, 1, 1), source=make_source(published_on=D(2019, 11, 30))
    )

    assert period_report(start=D(2019, 1, 1), end=D(2020, 12, 31)).figure("memberships") == 1
    assert period_report(start=D(2025, 1, 1), end=D(2026, 12, 31)).figure("memberships") == 0
    membership.last_confirmed_on = D(2025, 3, 1)
    membership.save()
    assert period_report(start=D(2025, 1, 1), end=D(2026, 12, 31)).figure("memberships") == 1


def test_an_open_ended_chair_term_counts_only_while_a_source_confirms_it(db):
    stameq = make_organization(slug="stameq", acronym="STAMEQ", kind="national_body")
    make_office(
        role="chair",
        holder_organization=stameq,
        term_start=D(2019, 1, 1),
        source=make_source(published_on=D(2020, 7, 26)),
    )

    assert period_report(start=D(2019, 1, 1), end=D(2020, 12, 31)).figure("chairs") == 1
    assert period_report(start=D(2025, 1, 1), end=D(2026, 12, 31)).figure("chairs") == 0
