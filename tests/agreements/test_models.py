"""agreements.models: how a record names itself where staff read it."""

import datetime

import pytest
from django.utils import translation

from agreements.choices import AgreementStatus
from tests.factories import make_agreement, make_status_change

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("language", "expected"), [("vi", "(20/02/2026)"), ("en", "(20 Feb 2026)")])
def test_a_dated_stage_names_its_date_in_the_readers_format(language, expected):
    stage = make_status_change(
        agreement=make_agreement(), status=AgreementStatus.SIGNED, changed_on=datetime.date(2026, 2, 20)
    )
    with translation.override(language):
        assert str(stage).endswith(expected)
        assert "2026-02-20" not in str(stage)


def test_a_stage_known_only_by_its_year_names_the_year():
    stage = make_status_change(agreement=make_agreement(), status=AgreementStatus.SIGNED, changed_on=None, year=2015)
    assert str(stage).endswith("(2015)")
