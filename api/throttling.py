"""Per-key and anonymous rate limits (429 with Retry-After).

The counters live in Django's default cache: set ``CACHE_URL`` to a shared
cache (Redis, Memcached or ``dbcache://``) when more than one process serves
the API, or each process would count on its own.
"""

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from api.models import MinistryAPIKey


class _SettingsRateThrottle(SimpleRateThrottle):
    def get_rate(self):
        # Read the rate on each request (DRF binds it at import), so settings
        # overrides in tests and at run time apply.
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class MinistryKeyThrottle(_SettingsRateThrottle):
    """Each ministry key has its own budget."""

    scope = "ministry_key"

    def get_cache_key(self, request, view):
        if not isinstance(request.auth, MinistryAPIKey):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}


class AnonymousThrottle(_SettingsRateThrottle):
    """Anonymous callers, per client address (see ``NUM_PROXIES``)."""

    scope = "anonymous"

    def get_cache_key(self, request, view):
        if request.auth is not None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
