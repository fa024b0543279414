"""Values the model derives instead of letting staff type them."""

import datetime

import pytest

from agreements.models import Agreement
from agreements.services import record_status_change
from organizations.models import Dues
from tests.factories import make_agreement, make_dues

TODAY = datetime.date(2021, 6, 1)


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"due_on": datetime.date(2020, 3, 31), "paid_on": datetime.date(2020, 3, 1)}, "on_time"),
        ({"due_on": datetime.date(2020, 3, 31), "paid_on": datetime.date(2020, 4, 1)}, "late"),
        ({"reported_on_time": True}, "on_time"),
        ({"paid_on": datetime.date(2020, 4, 1)}, "paid"),
        ({"due_on": datetime.date(2021, 3, 31)}, "overdue"),
        ({"due_on": datetime.date(2021, 12, 31)}, "unpaid"),
    ],
)
def test_dues_status_is_derived_in_sql(fields, expected):
    dues = make_dues(**fields)
    assert Dues.objects.with_status(TODAY).get(pk=dues.pk).status == expected


def test_current_status_follows_the_latest_dated_stage():
    fta = make_agreement(kind="fta", status="proposed")
    record_status_change(agreement=fta, status="signed", changed_on=datetime.date(2019, 6, 30))
    record_status_change(agreement=fta, status="ratified", changed_on=datetime.date(2020, 6, 8))
    record_status_change(agreement=fta, status="negotiating", year=2012)
    fta.refresh_from_db()
    assert fta.status == "ratified"
    assert fta.history.count() >= 2  # saved with save(), so history keeps each step


def test_in_force_on_uses_validity_window():
    plan = make_agreement(
        kind="plan", status="in_force", valid_from=datetime.date(2018, 1, 1), valid_until=datetime.date(2021, 12, 31)
    )
    assert Agreement.objects.in_force_on(datetime.date(2020, 12, 31)).filter(pk=plan.pk).exists()
    assert not Agreement.objects.in_force_on(datetime.date(2022, 1, 1)).filter(pk=plan.pk).exists()
    assert not Agreement.objects.in_force_on(datetime.date(2017, 12, 31)).filter(pk=plan.pk).exists()
