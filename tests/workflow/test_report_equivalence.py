"""The period report's queries were rewritten for 1M agreements (one pass
over the FTA set, the signed set in disjoint parts, index-friendly
predicates); its content must not change. The whole report (every figure,
table, listing, chart and "date unknown" group, in Vietnamese and English)
is built by the app and by the code before the rewrite
(tests/workflow/report_before) and compared, on three data sets: the seed,
the generated ``tiny`` registry, and the edge cases of test_report.py
(undated signatures, year-only stages, records just outside the period)."""

import datetime

import pytest
from django.core.management import call_command
from django.db import transaction

from bench.report_profile import snapshot
from tests.workflow.report_before.content import period_report as period_report_before
from tests.workflow.test_report import _build_registry

D = datetime.date
PERIODS = [
    (D(1990, 1, 1), D(2030, 12, 31)),  # what the bench measures
    (D(2015, 1, 1), D(2020, 12, 31)),
    (D(2024, 1, 1), D(2024, 12, 31)),
    (D(2019, 6, 15), D(2019, 6, 30)),  # days inside a year: year-only stages and steps
]


def assert_same_report(start, end):
    after = snapshot(start, end)
    before = snapshot(start, end, build=period_report_before)
    assert after == before
    return after


@pytest.mark.parametrize(("start", "end"), PERIODS)
def test_the_same_report_on_the_seed(seed_data, start, end):
    report = assert_same_report(start, end)
    if start.year == 2015:
        assert report["en"]["sections"][2]["figures"][0]["value"] == 13  # the FTAs the seed's article states


@pytest.fixture(scope="class")
def _generated(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("generate_data", "--scale", "tiny", "--seed", "1", "--no-progress")
        yield
        transaction.set_rollback(True)


class TestGenerated:
    @pytest.mark.parametrize(("start", "end"), PERIODS)
    def test_the_same_report_on_generated_data(self, _generated, db, start, end):
        report = assert_same_report(start, end)
        if start.year == 1990:
            agreements, ftas = report["en"]["sections"][1:3]
            assert agreements["figures"][0]["value"] > 0 and agreements["tables"][1]["rows"]
            assert ftas["tables"][0]["rows"] and ftas["tables"][1]["rows"]


@pytest.fixture(scope="class")
def _edge_cases(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        _build_registry()
        yield
        transaction.set_rollback(True)


class TestEdgeCases:
    @pytest.mark.parametrize(("start", "end"), PERIODS)
    def test_the_same_report_on_edge_cases(self, _edge_cases, db, start, end):
        report = assert_same_report(start, end)
        if start.year == 2015:
            assert report["en"]["date_unknown"]  # the undated records are compared too
