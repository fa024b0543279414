"""Properties every seeded record must have: both languages, a source, a
visibility the articles justify, consistent status history, and a reload that
changes nothing."""

import json
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from modeltranslation.translator import translator

from agreements.models import Agreement, AgreementParty
from agreements.services import sync_agreement_status
from core.management.commands.load_seed import seed_fixtures
from core.models import Record, Source

ARTICLES = {"vietq-2020-07-26-htqt-tcdlcl", "bai-tang-cuong-htqt-nang-suat-chat-luong"}

# The field that names each seeded record; it must be there in both languages.
MAIN_TEXT = {
    "core.source": ["title"],
    "core.reportedfigure": ["label", "quote"],
    "organizations.organization": ["name"],
    "organizations.organizationname": ["name"],
    "organizations.membership": ["note"],
    "organizations.dues": ["note"],
    "organizations.person": ["position"],
    "organizations.office": ["title", "note"],
    "agreements.agreement": ["title", "summary"],
    "agreements.agreementstatuschange": ["note"],
    "agreements.commitment": ["title", "text"],
    "events.event": ["title", "description"],
    "events.delegation": ["title", "description"],
    "events.initiative": ["title", "description"],
}
# Sources that back a detail inside another record's note rather than a whole
# record: key -> (model, the record, the words that cite it in both languages).
SUPPORTING_SOURCES = {
    "ngheandost-2024-06-14-tong-thu-ky-iec": (
        "organizations.membership",
        {"member__slug": "stameq", "organization__slug": "iec"},
        "ngheandost.gov.vn",
    ),
}
# A party has no text of its own: it is named by its organization or country.
NO_TEXT_OF_THEIR_OWN = {"agreements.agreementparty"}


def fixture_objects():
    return [obj for path in seed_fixtures() for obj in json.loads(path.read_text(encoding="utf-8"))]


def seeded_models():
    return sorted({obj["model"] for obj in fixture_objects()})


def table_counts():
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def test_fixture_files_hold_no_primary_keys():
    for path in seed_fixtures():
        for obj in json.loads(path.read_text(encoding="utf-8")):
            assert "pk" not in obj, f"{path.name}: {obj['model']}"


def test_fixture_files_are_ordered_and_cover_every_seeded_model():
    names = [path.name for path in seed_fixtures()]
    assert names == sorted(names) and all(name[:2].isdigit() for name in names)
    assert set(seeded_models()) == set(MAIN_TEXT) | NO_TEXT_OF_THEIR_OWN


def test_reload_leaves_every_table_count_unchanged(seed_data):
    before = table_counts()
    call_command("load_seed", verbosity=0)
    assert table_counts() == before


@pytest.mark.parametrize("label", sorted(MAIN_TEXT))
def test_every_record_has_vietnamese_and_english_text(seed_data_module, label):
    model = apps.get_model(label)
    assert model.objects.exists(), label
    for obj in model.objects.all():
        for field in MAIN_TEXT[label]:
            assert getattr(obj, f"{field}_vi"), f"{label} {obj}: {field}_vi"
            assert getattr(obj, f"{field}_en"), f"{label} {obj}: {field}_en"


@pytest.mark.parametrize("label", sorted(MAIN_TEXT))
def test_no_text_is_translated_in_one_language_only(seed_data_module, label):
    model = apps.get_model(label)
    fields = translator.get_options_for_model(model).fields
    for obj in model.objects.all():
        for field in fields:
            vi, en = getattr(obj, f"{field}_vi"), getattr(obj, f"{field}_en")
            assert bool(vi) == bool(en), f"{label} {obj}: {field}"


def test_every_record_names_a_source_and_every_source_is_used(seed_data_module):
    used = set()
    for label in seeded_models():
        model = apps.get_model(label)
        if issubclass(model, Record):
            used |= set(model.objects.values_list("source__key", flat=True))
            assert not model.objects.filter(source__isnull=True).exists(), label
    assert used | set(SUPPORTING_SOURCES) == set(Source.objects.values_list("key", flat=True))


def test_supporting_sources_are_cited_where_they_are_used(seed_data_module):
    for key, (label, lookup, words) in SUPPORTING_SOURCES.items():
        record = apps.get_model(label).objects.get(**lookup)
        assert words in record.note_vi and words in record.note_en, key


def test_every_external_source_has_a_publisher_and_an_address(seed_data_module):
    for source in Source.objects.exclude(key__in=ARTICLES):
        assert source.publisher and source.url.startswith(("https://", "http://")), source.key


def test_everything_seeded_is_public_and_no_private_field_is_filled(seed_data_module):
    for label in seeded_models():
        model = apps.get_model(label)
        if not issubclass(model, Record):
            continue
        assert set(model.objects.values_list("visibility", flat=True)) == {"public"}, label
        for obj in model.objects.all():
            filled = [field for field in model.private_fields if getattr(obj, field) not in ("", None)]
            assert not filled, (label, str(obj), filled)


def test_every_agreement_status_equals_its_latest_dated_change(seed_data_module):
    for agreement in Agreement.objects.all():
        shipped = agreement.status
        assert sync_agreement_status(agreement=agreement).status == shipped, agreement.slug


def test_parties_are_someone(seed_data_module):
    for party in AgreementParty.objects.all():
        assert party.organization_id or party.country, party.pk


def test_every_source_is_listed_in_the_seed_sources_document():
    document = (Path(settings.BASE_DIR) / "docs" / "seed-sources.md").read_text(encoding="utf-8")
    keys = {obj["fields"]["key"] for obj in fixture_objects() if obj["model"] == "core.source"}
    assert keys == {key for key in keys if key in document}
