"""Fixtures never depend on primary keys: every model dumps with natural keys
and loads back, identical, into empty tables."""

import json

from django.core import serializers
from django.core.management import call_command
from django.db import connection
from django.utils.dateparse import parse_datetime

from tests import factories
from tests.samples import MODELS, make_sample


def _labels():
    return [model._meta.label for model in MODELS]


def _rows():
    """Every row of every model as natural-key JSON (no primary keys; time
    stamps to the millisecond, as fixtures keep them)."""
    rows = {}
    for model in MODELS:
        dumped = serializers.serialize(
            "json", model.objects.all(), use_natural_foreign_keys=True, use_natural_primary_keys=True
        )
        rows[model._meta.label] = sorted(
            json.dumps(_stamps_to_ms(item["fields"]), sort_keys=True) for item in json.loads(dumped)
        )
    return rows


def _stamps_to_ms(fields: dict) -> dict:
    # JSON writes ".000Z" for a time with under a millisecond of microseconds, and "Z" once it is reloaded.
    for name in ("created_at", "updated_at"):
        fields[name] = parse_datetime(fields[name]).isoformat(timespec="milliseconds")
    return fields


def _empty_the_tables():
    tables = ", ".join(connection.ops.quote_name(model._meta.db_table) for model in MODELS)
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # settle the deferred key checks first
        cursor.execute(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")


def _registry_with_every_model():
    for model in MODELS:
        make_sample(model)
    # The awkward references: self-references, a party known only by its country,
    # dues with money, a person in a unit.
    apo = factories.make_organization(slug="apo", acronym="APO")
    factories.make_organization(slug="apo-coe-smart", acronym="COE", kind="coe", parent=apo, country="TW")
    mou = factories.make_agreement(slug="mou")
    plan = factories.make_agreement(slug="plan", kind="plan", parent=mou)
    factories.make_party(agreement=plan, country="RU")
    factories.make_dues(amount="1234.50", currency="USD", year=2019)
    factories.make_person(unit=apo, email="someone@example.org")


def test_every_model_round_trips_through_natural_keys(tmp_path):
    _registry_with_every_model()
    before = _rows()
    fixture = tmp_path / "registry.json"

    call_command("dumpdata", *_labels(), natural_foreign=True, natural_primary=True, output=str(fixture), indent=1)
    dumped = json.loads(fixture.read_text())
    assert all("pk" not in item for item in dumped)
    assert {item["model"] for item in dumped} == {label.lower() for label in _labels()}

    _empty_the_tables()
    assert all(not model.objects.exists() for model in MODELS)
    call_command("loaddata", str(fixture), verbosity=0)

    assert _rows() == before


def test_loading_twice_updates_instead_of_duplicating(tmp_path):
    _registry_with_every_model()
    counts = {model: model.objects.count() for model in MODELS}
    fixture = tmp_path / "registry.json"
    call_command("dumpdata", *_labels(), natural_foreign=True, natural_primary=True, output=str(fixture))
    call_command("loaddata", str(fixture), verbosity=0)
    assert {model: model.objects.count() for model in MODELS} == counts
