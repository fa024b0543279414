"""Bilingual fields: Vietnamese is required, English falls back to it."""

import pytest
from django.utils import translation

from core.admin import translated_fields
from tests.samples import MODELS, make_sample, model_id


@pytest.mark.parametrize("model", MODELS, ids=model_id)
def test_english_falls_back_to_vietnamese_when_empty(model):
    obj = make_sample(model)
    fields = translated_fields(model)
    for name in fields:
        setattr(obj, f"{name}_vi", f"Tiếng Việt: {name}")
        setattr(obj, f"{name}_en", "")
    obj.save()
    obj = model.objects.get(pk=obj.pk)
    with translation.override("en"):
        assert {name: getattr(obj, name) for name in fields} == {name: f"Tiếng Việt: {name}" for name in fields}


@pytest.mark.parametrize("model", MODELS, ids=model_id)
def test_english_is_shown_when_given(model):
    obj = make_sample(model)
    name = translated_fields(model)[0]
    setattr(obj, f"{name}_vi", "Tiếng Việt")
    setattr(obj, f"{name}_en", "English")
    obj.save()
    obj = model.objects.get(pk=obj.pk)
    with translation.override("en"):
        assert getattr(obj, name) == "English"
    with translation.override("vi"):
        assert getattr(obj, name) == "Tiếng Việt"
