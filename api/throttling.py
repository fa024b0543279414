"""Per-key and anonymous rate limits (429 with Retry-After).

The counters live in Django's default cache: set ``CACHE_URL`` to a shared
cache (Redis, Memcached or ``dbcache://``) when more than one process serves
the API, or each process would count on its own.
"""

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from api.models import MinistryAPIKey
from security.clients import client_address


class _SettingsRateThrottle(SimpleRateThrottle):
    def get_rate(self):
        # Read the rate on each request (DRF binds it at import), so settings
        # overrides in tests and at run time apply.
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_ident(self, request):
        # Only addresses our own proxies appended count (TRUSTED_PROXIES): a
        # made-up X-Forwarded-For must not buy a fresh budget.
        return client_address(request)


class MinistryKeyThrottle(_SettingsRateThrottle):
    """Each ministry key has its own budget."""

    scope = "ministry_key"

    def get_cache_key(self, request, view):
        if not isinstance(request.auth, MinistryAPIKey):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}


class AnonymousThrottle(_SettingsRateThrottle):
    """Anonymous callers, per client address (see ``TRUSTED_PROXIES``)."""

    scope = "anonymous"

    def get_cache_key(self, request, view):
        if request.auth is not None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class RefusedKeyThrottle(_SettingsRateThrottle):
    """A request whose key is refused spends its address's anonymous budget
    (the same counter as AnonymousThrottle): guessing keys is no faster than
    reading anonymously. Checked by the authentication itself, which answers
    before DRF's throttles run."""

    scope = "anonymous"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
