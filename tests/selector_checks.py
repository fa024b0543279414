"""Checks every list selector's tests share (tests/<app>/test_selectors.py)."""

import inspect
import typing

import pytest
from django.db.models import QuerySet

from core.choices import Audience


def assert_keyword_only_and_typed(selector, model):
    """``selector(*, audience: Audience, filters: Mapping | None = None) -> QuerySet[model]``:
    a positional call is a TypeError, and the signature says what it takes."""
    signature = inspect.signature(selector)
    assert list(signature.parameters) == ["audience", "filters"]
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in signature.parameters.values())
    assert signature.parameters["filters"].default is None
    hints = typing.get_type_hints(selector)
    assert hints["audience"] is Audience
    assert hints["return"] == QuerySet[model]
    with pytest.raises(TypeError):
        selector(Audience.PUBLIC)


def slugs(rows) -> list[str]:
    return [row.slug for row in rows]
