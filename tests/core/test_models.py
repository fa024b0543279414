"""core.models: how a source names itself where staff pick it."""

import datetime

import pytest
from django.utils import translation

from tests.factories import make_source

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("language", "expected"), [("vi", "14/06/2024"), ("en", "14 Jun 2024")])
def test_a_source_names_its_publication_date_in_the_readers_format(language, expected):
    """The admin's source pickers show a source by its name: no ISO date in Vietnamese."""
    source = make_source(title_vi="Tổng thư ký IEC tới thăm Việt Nam", published_on=datetime.date(2024, 6, 14))
    with translation.override(language):
        assert str(source).endswith(expected)
