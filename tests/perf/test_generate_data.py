"""manage.py generate_data: counts, determinism, visibility levels, Vietnamese text."""

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import Client

from agreements.models import Agreement, AgreementParty, Commitment
from coopdb import datagen
from core.choices import Visibility
from events.models import Event
from organizations.models import Organization

TINY = datagen.SCALES["tiny"]


def generate(seed=3, *extra):
    call_command("generate_data", "--scale", "tiny", "--seed", str(seed), "--no-progress", *extra)


def fingerprint():
    agreements = list(
        Agreement.objects.order_by("pk").values_list("pk", "slug", "title_vi", "title_en", "visibility", "signed_on")
    )
    parties = list(AgreementParty.objects.order_by("pk").values_list("agreement_id", "organization_id", "visibility"))
    return agreements, parties


class Rollback(Exception):
    pass


def fingerprint_of_run(seed):
    """Generate inside a savepoint, read it back, and undo it."""
    try:
        with transaction.atomic():
            generate(seed)
            result = fingerprint()
            raise Rollback
    except Rollback:
        return result


def test_every_model_gets_its_planned_rows():
    generate()
    plan = datagen.Plan(TINY)
    for model in datagen.MODELS:
        assert model.objects.count() == plan.count(model) > 0, model
    assert Agreement.objects.count() == TINY
    assert AgreementParty.objects.count() == 2 * TINY


def test_the_same_seed_gives_the_same_rows_and_another_seed_others():
    first = fingerprint_of_run(3)
    assert first == fingerprint_of_run(3)
    assert first != fingerprint_of_run(4)
    assert len(first[0]) == TINY


def test_every_visibility_level_and_unknown_dates_are_present():
    generate()
    for model in (Organization, Agreement, Commitment, Event):
        assert set(model.objects.values_list("visibility", flat=True)) == set(Visibility.values), model
    assert Agreement.objects.filter(signed_on__isnull=True).exists()
    assert Agreement.objects.filter(signed_on__isnull=False).exists()


def test_text_is_vietnamese_with_diacritics_and_english_is_sometimes_missing():
    generate()
    titles = " ".join(Agreement.objects.values_list("title_vi", flat=True))
    assert {"ợ", "đ", "ư"} <= set(titles)
    assert "hợp tác" in titles
    assert Agreement.objects.filter(title_en__isnull=True).exists()
    assert Agreement.objects.filter(title_en__isnull=False).exists()


def test_the_api_serves_the_generated_rows_and_hides_what_it_must():
    generate()
    results = Client().get("/api/v1/agreements/?limit=500").json()["results"]
    public = Agreement.objects.filter(visibility=Visibility.PUBLIC).count()
    assert len(results) == public
    assert {row["visibility"] for row in results} == {"public"}


def test_a_database_with_data_is_refused_without_force():
    generate()
    with pytest.raises(CommandError, match="already holds registry rows"):
        generate(5)
    generate(5, "--force")
    assert Agreement.objects.count() == 2 * TINY


def test_an_unknown_scale_is_a_clear_error():
    with pytest.raises(CommandError, match="unknown scale"):
        call_command("generate_data", "--scale", "huge", "--no-progress")
    assert not Agreement.objects.exists()


@pytest.mark.parametrize(("scale", "agreements"), [("1k", 1_000), ("100k", 100_000), ("1m", 1_000_000), ("250", 250)])
def test_scales_name_a_number_of_agreements(scale, agreements):
    assert datagen.parse_scale(scale) == agreements
