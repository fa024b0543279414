import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_throttles(settings):
    """Crawls send hundreds of requests a minute: no throttling here."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"ministry_key": "100000/minute", "anonymous": "100000/minute"},
    }
    cache.clear()
    yield
    cache.clear()
