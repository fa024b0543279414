"""The open-data package (docs/api.md, "Open data"): a valid Frictionless Data
Package, checked by the frictionless library itself, foreign keys included;
one table per API list; every field typed and described in both languages."""

import csv
import io
import json

import frictionless
from django.core.management import call_command
from django.test import Client

from opendata import package as layout
from opendata import services
from opendata.tables import api_lists
from tests.opendata.conftest import zip_members


def _validate(directory):
    return frictionless.validate(str(directory / layout.DESCRIPTOR_FILE))


def _errors(report) -> list[str]:
    return [f"{task.name}: {error.message}" for task in report.tasks for error in task.errors] + [
        error.message for error in report.errors
    ]


def test_the_package_validates_with_frictionless(public_records, open_data_dir):
    package = services.fresh_package()
    directory = services.path_of(package, "")
    report = _validate(directory)
    assert _errors(report) == []
    assert report.valid
    descriptor = json.loads((directory / layout.DESCRIPTOR_FILE).read_text("utf-8"))
    assert len(report.tasks) == len(descriptor["resources"]) >= 18
    # Every table has rows, so every foreign key was checked against real rows.
    assert all(table["rows"] > 0 for table in package.tables), package.tables
    assert sum(len(resource["schema"].get("foreignKeys", [])) for resource in descriptor["resources"]) >= 30


def test_a_broken_foreign_key_is_caught(public_records):
    """The check above can fail: frictionless does look up every foreign key."""
    directory = services.path_of(services.fresh_package(), "")
    parties = directory / "data" / "agreement-parties.csv"
    lines = parties.read_text("utf-8-sig").splitlines()
    first = lines[1].split(",")
    first[0] = "999999"  # agreement_id of an agreement that is not in the package
    parties.write_text("\n".join([lines[0], ",".join(first), *lines[2:]]) + "\n", "utf-8")
    errors = _errors(_validate(directory))
    assert len(errors) == 1 and "foreign key" in errors[0], errors


def test_one_table_per_api_list_plus_the_nested_lists(public_records):
    descriptor = json.loads(Client().get("/open-data/datapackage.json").getvalue())
    names = [resource["name"] for resource in descriptor["resources"]]
    for name, _viewset in api_lists():
        assert name in names
    assert {"agreement-parties", "agreement-status-history", "delegation-members", "organization-names"} <= set(names)
    parties = next(r for r in descriptor["resources"] if r["name"] == "agreement-parties")["schema"]
    assert parties["primaryKey"] == ["agreement_id", "position"]
    assert {"fields": "agreement_id", "reference": {"resource": "agreements", "fields": "id"}} in parties["foreignKeys"]


def test_every_field_is_typed_and_described_in_both_languages(public_records):
    descriptor = json.loads(Client().get("/open-data/datapackage.json").getvalue())
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    assert descriptor["version"] and descriptor["created"].endswith("Z") and descriptor["sources"]
    assert descriptor["title_vi"] != descriptor["title"]
    same, fields = [], 0
    for resource in descriptor["resources"]:
        assert resource["title"] and resource["title_vi"] and resource["description"] and resource["description_vi"]
        for field in resource["schema"]["fields"]:
            fields += 1
            assert field["type"] in {"string", "integer", "date", "datetime", "boolean", "number"}, field
            for key in ("title", "title_vi", "description", "description_vi"):
                assert field[key].strip(), (resource["name"], field["name"], key)
            if field["description_vi"] == field["description"]:
                same.append(f"{resource['name']}.{field['name']}")
            if "codes" in field:
                assert list(field["codes"]) == field["constraints"]["enum"]
                for labels in field["codes"].values():
                    assert labels["en"] and labels["vi"]
    assert same == []  # every description has its Vietnamese translation
    assert fields > 200


def test_csv_and_json_hold_the_same_rows(public_records):
    members = zip_members(Client().get("/open-data/coopdb-open-data.zip"))
    assert {layout.DESCRIPTOR_FILE, layout.JSON_FILE, layout.README_FILE, layout.LICENSE_FILE} <= set(members)
    dataset = json.loads(members[layout.JSON_FILE])
    descriptor = json.loads(members[layout.DESCRIPTOR_FILE])
    for resource in descriptor["resources"]:
        rows = list(csv.DictReader(io.StringIO(members[resource["path"]].decode("utf-8-sig"))))
        assert len(rows) == len(dataset["tables"][resource["name"]]) == resource["rows"]
        # The JSON rows conform to the same schema.
        schema = {key: value for key, value in resource["schema"].items() if key != "foreignKeys"}
        table = frictionless.Resource(
            data=dataset["tables"][resource["name"]], schema=frictionless.Schema.from_descriptor(schema)
        )
        report = table.validate()
        assert report.valid, report.flatten(["type", "message"])[:3]


def test_build_open_data_command(public_records, capsys):
    call_command("build_open_data")
    first = services.current()
    assert "Built open data 1.0.1" in capsys.readouterr().out
    call_command("build_open_data", "--if-stale")
    assert "up to date" in capsys.readouterr().out
    assert services.current().build_number == first.build_number == 1
