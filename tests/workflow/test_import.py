"""Spreadsheet import through the resources (the admin pages use the same
import_data): good files in both formats, one bad row, re-import, history,
and export round-trips."""

import datetime
from decimal import Decimal

import pytest
from import_export.formats.base_formats import CSV, XLSX

from agreements.models import Agreement, AgreementParty, AgreementStatusChange, Commitment
from core.models import ReportedFigure
from events.models import Delegation, DelegationMember, Event, Initiative
from organizations.models import Dues, Membership, Organization
from tests.factories import (
    make_agreement,
    make_ballot,
    make_commitment,
    make_delegation,
    make_dues,
    make_event,
    make_initiative,
    make_membership,
    make_office,
    make_organization,
    make_party,
    make_person,
    make_status_change,
)
from tests.workflow.sheets import GOOD, ORDER, encode
from workflow.spreadsheets import IMPORTABLE

MODELS = [Organization, Membership, Dues, Agreement, AgreementParty, Commitment, Event, Delegation, Initiative]


def dataset(rows, file_format):
    data = encode(rows, file_format)
    return CSV(encoding="utf-8").create_dataset(data.decode()) if file_format == "csv" else XLSX().create_dataset(data)


def import_rows(model_name, rows, file_format="csv", dry_run=False):
    return IMPORTABLE[model_name]().import_data(dataset(rows, file_format), dry_run=dry_run)


def import_all(file_format):
    results = {}
    for model_name in ORDER:
        result = import_rows(model_name, GOOD[model_name], file_format)
        assert not result.has_errors(), [e.error for e in result.base_errors]
        assert not result.has_validation_errors(), [r.error_dict for r in result.invalid_rows]
        results[model_name] = result
    return results


def row_counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def history_counts():
    return {model.__name__: model.history.count() for model in MODELS}


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_a_good_file_imports_every_row_with_keys_not_ids(vietq, file_format):
    results = import_all(file_format)

    assert {name: result.totals["new"] for name, result in results.items()} == {
        name: len(rows) - 1 for name, rows in GOOD.items()
    }
    apo = Organization.objects.get(slug="apo")
    assert (apo.name_vi, apo.name_en, apo.founded_on) == (
        "Tổ chức Năng suất châu Á",
        "Asian Productivity Organization",
        datetime.date(1961, 5, 11),
    )
    assert Organization.objects.get(slug="rosstandart").kind == "national_body"  # label, any case
    membership = Membership.objects.get(member__slug="stameq", organization=apo)
    assert membership.since == datetime.date(1996, 1, 1)  # day-first
    assert sorted(Dues.objects.values_list("year", "amount", "paid_on")) == [
        (2019, Decimal("1500.50"), datetime.date(2019, 3, 15)),
        (2020, Decimal("1500.50"), None),
    ]
    assert sorted(AgreementParty.objects.values_list("agreement__slug", "organization__slug", "country")) == sorted(
        [
            ("ru-plan-2018", "stameq", ""),
            ("ru-plan-2018", "rosstandart", ""),
            ("vkfta", None, "VN"),
            ("vkfta", None, "KR"),
        ]
    )
    assert Commitment.objects.get(code="tbt").responsible_unit.slug == "stameq"
    training = Commitment.objects.get(code="training")
    assert training.source == training.agreement.source == vietq
    assert Event.objects.get(slug="apo-gbm-2019").hosted_by_us is True
    assert Delegation.objects.get(slug="to-apo-2019").event.slug == "apo-gbm-2019"
    assert Initiative.objects.get().proposer.slug == "stameq"


def test_a_dated_stage_starts_the_agreements_status_history(vietq):
    import_all("csv")

    assert set(AgreementStatusChange.objects.values_list("agreement__slug", "status", "changed_on")) == {
        ("ru-plan-2018", "signed", datetime.date(2018, 5, 10)),
        ("vkfta", "in_force", datetime.date(2015, 12, 20)),
    }


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_reimporting_the_same_files_changes_nothing(vietq, file_format):
    import_all(file_format)
    before, history_before = row_counts(), history_counts()

    results = import_all(file_format)

    assert {name: result.totals["skip"] for name, result in results.items()} == {
        name: len(rows) - 1 for name, rows in GOOD.items()
    }
    assert all(result.totals["update"] == result.totals["new"] == 0 for result in results.values())
    assert (row_counts(), history_counts()) == (before, history_before)


def test_every_created_row_has_a_history_row(vietq):
    import_all("csv")

    for model in MODELS:
        created = model.history.filter(history_type="+").count()
        assert created == model.objects.count() > 0, model


def test_a_changed_cell_updates_the_row_and_adds_one_history_row(vietq):
    import_all("csv")
    rows = [list(row) for row in GOOD["organization"]]
    rows[2][3] = "Asian Productivity Organization (APO)"

    result = import_rows("organization", rows)

    assert (result.totals["update"], result.totals["skip"]) == (1, 2)
    apo = Organization.objects.get(slug="apo")
    assert apo.name_en == "Asian Productivity Organization (APO)"
    assert apo.history.count() == 2
    assert apo.history.first().name_en == "Asian Productivity Organization (APO)"


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_one_bad_row_writes_nothing_and_names_its_error(vietq, file_format):
    import_rows("organization", GOOD["organization"], file_format)
    before, history_before = row_counts(), history_counts()
    rows = [list(row) for row in GOOD["agreement"]]
    rows.append(
        ["bad-one", "treaty", "Hiệp định sai", "", "signed", "31/02/2020", "", "", "stameq; nowhere", "public", "vietq"]
    )

    result = import_rows("agreement", rows, file_format)

    assert result.has_validation_errors()
    (invalid,) = result.invalid_rows
    assert invalid.number == 4  # spreadsheet line: the header is line 1
    errors = {field: " ".join(messages) for field, messages in invalid.error_dict.items()}
    assert "treaty" in errors["kind"]  # not a valid choice
    assert "31/02/2020" in errors["signed_on"]
    assert "nowhere" in errors["parties"]
    assert (row_counts(), history_counts()) == (before, history_before)


def test_model_constraints_are_checked_on_every_row(vietq):
    import_rows("organization", GOOD["organization"])
    rows = [
        GOOD["agreement"][0],
        ["backwards", "mou", "Ngược", "", "signed", "", "2020-01-01", "2019-01-01", "", "public", "vietq"],
    ]

    result = import_rows("agreement", rows)

    (invalid,) = result.invalid_rows
    assert "Validity cannot end before it starts." in str(invalid.error_dict)
    assert not Agreement.objects.exists()


def test_a_row_failing_on_the_confirm_step_rolls_back_the_whole_file(vietq):
    """Between the preview and the confirmation the data may change: the real
    (non dry-run) import is all-or-nothing too."""
    import_rows("organization", GOOD["organization"])
    rows = [
        GOOD["membership"][0],
        ["stameq", "apo", "full", "", "public", "vietq"],
        ["stameq", "missing", "", "", "public", "vietq"],
    ]

    result = import_rows("membership", rows, dry_run=False)

    assert result.has_validation_errors()
    assert not Membership.objects.exists()


def test_unknown_source_and_missing_required_name_are_row_errors(vietq):
    rows = [GOOD["organization"][0], ["x", "X", "", "", "international", "", "", "", "public", "no-such-source"]]

    result = import_rows("organization", rows)

    errors = result.invalid_rows[0].error_dict
    assert "no-such-source" in " ".join(errors["source"])
    assert "name_vi" in errors
    assert not Organization.objects.exists()


def _fill_registry():
    stameq = make_organization(slug="stameq", kind="national_body")
    apo = make_organization(
        slug="apo", acronym="APO", name_en="APO", country="JP", founded_on=datetime.date(1961, 5, 11)
    )
    membership = make_membership(member=stameq, organization=apo, since=datetime.date(1996, 1, 1))
    make_dues(membership=membership, year=2019, amount=Decimal("10.00"), currency="USD", reported_on_time=True)
    agreement = make_agreement(kind="fta", status="in_force", signed_on=datetime.date(2015, 5, 5))
    make_party(agreement=agreement, organization=None, country="KR")
    make_party(agreement=agreement, organization=stameq)
    make_commitment(
        agreement=agreement, code="tbt", responsible_person=make_person(), deadline=datetime.date(2021, 1, 1)
    )
    event = make_event(forum=apo, hosted_by_us=True, mode="online", country="VN")
    make_delegation(event=event, head=make_person(), headcount=None, headcount_qualifier="exact")
    make_initiative(forum=apo, proposer=stameq, event=event)
    person = make_person(unit=stameq, email="a@example.org")
    make_office(body=apo, holder_person=person, holder_organization=stameq, term_start=datetime.date(2019, 7, 1))
    make_ballot(committee=apo, opens_on=datetime.date(2020, 4, 1), vote="approve")
    make_status_change(agreement=agreement, status="signed", changed_on=datetime.date(2015, 5, 5))
    delegation = make_delegation(forum=apo, headcount=2)
    DelegationMember.objects.create(
        delegation=delegation, person=person, role_vi="Trưởng đoàn", source=delegation.source
    )
    ReportedFigure.objects.create(key="member-organizations", label_vi="Tổ chức", value=14, source=agreement.source)


@pytest.mark.parametrize("model_name", list(IMPORTABLE))
@pytest.mark.parametrize("file_format", [CSV, XLSX])
def test_an_export_imports_back_unchanged(db, model_name, file_format):
    _fill_registry()
    resource = IMPORTABLE[model_name]()
    model = resource._meta.model
    exported = file_format().export_data(resource.export(model.objects.all()))
    history_before = model.history.count()

    result = resource.import_data(file_format().create_dataset(exported))

    assert not result.has_errors() and not result.has_validation_errors()
    assert result.totals["skip"] == model.objects.count() > 0
    assert model.history.count() == history_before


def _standalone(model_name):
    """A record nothing else refers to, with its related columns filled."""
    apo = make_organization(slug="apo-x", acronym="APOX")
    if model_name == "organization":
        return make_organization(parent=apo, country="JP", founded_year=1961, website="https://www.apo-tokyo.org/")
    if model_name == "agreement":
        agreement = make_agreement(
            kind="mra", status="signed", signed_on=datetime.date(2019, 1, 2), parent=make_agreement()
        )
        make_party(agreement=agreement, organization=apo)
        make_party(agreement=agreement, organization=None, country="KR")
        return agreement
    return make_event(forum=apo, end_on=datetime.date(2019, 12, 2), city_vi="Hà Nội", chaired_by_us=True)


@pytest.mark.parametrize("model_name", ["organization", "agreement", "event"])
def test_an_export_recreates_a_deleted_row_with_the_same_values(db, model_name):
    record = _standalone(model_name)
    resource = IMPORTABLE[model_name]()
    queryset = type(record).objects.filter(pk=record.pk)
    before = resource.export(queryset)
    record.delete()

    result = resource.import_data(CSV().create_dataset(CSV().export_data(before)))

    assert result.totals["new"] == 1
    assert resource.export(type(record).objects.filter(pk=result.rows[0].object_id)).dict == before.dict


def test_exports_escape_formulae(db, settings):
    settings.IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = True
    make_agreement(summary_vi="=1+1")
    exported = CSV().export_data(IMPORTABLE["agreement"]().export(Agreement.objects.all()))

    assert "=1+1" not in exported
    assert ",1+1," in exported
