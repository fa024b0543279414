import pytest
from django.db import connection


@pytest.fixture(autouse=True)
def _postgres_only(db):
    """The suite's promise is PostgreSQL, the production database."""
    assert connection.vendor == "postgresql", "Run the tests with make test (PostgreSQL), not on SQLite."
