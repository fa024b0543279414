"""Reads from a PostgreSQL streaming replica, writes to the primary.

With ``DATABASE_REPLICA_URL`` set, anonymous reads (the public site, the API)
go to the replica and everything else to the primary (``default``):

- writes, always (``db_for_write``);
- reads inside a transaction on the primary (they must see its writes);
- every read of a request that may have just written or must see the latest
  data — staff and anyone logged in (a session cookie), any request that is
  not GET/HEAD/OPTIONS, anything under /admin/ — and, for
  ``COOPDB_REPLICA_PIN_SECONDS`` after a client's write, that client's
  requests (a cookie), so nobody reads a page older than their own change
  while the replica catches up (read-your-writes).

Without ``DATABASE_REPLICA_URL`` there is one database and this does nothing.
"""

import contextvars

from django.conf import settings
from django.db import connections

REPLICA = "replica"
PRIMARY = "default"
PIN_COOKIE = "coopdb_primary"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")

_pinned = contextvars.ContextVar("coopdb_read_from_primary", default=False)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


class PrimaryReplicaRouter:
    """Django database router: see the module's docstring."""

    def db_for_read(self, model, **hints):
        if not replica_configured() or _pinned.get() or connections[PRIMARY].in_atomic_block:
            return PRIMARY
        return REPLICA

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same rows

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY  # a streaming replica is read-only: it follows the primary's schema


def must_read_primary(request) -> bool:
    return (
        request.method not in SAFE_METHODS
        or request.path_info.startswith("/admin/")
        or settings.SESSION_COOKIE_NAME in request.COOKIES
        or PIN_COOKIE in request.COOKIES
    )


class ReplicaRoutingMiddleware:
    """Pins a request's reads to the primary when it must read its own writes
    (first in MIDDLEWARE, so sessions and authentication read the primary too)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not replica_configured():
            return self.get_response(request)
        token = _pinned.set(must_read_primary(request))
        try:
            response = self.get_response(request)
        finally:
            _pinned.reset(token)
        if request.method not in SAFE_METHODS:
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=settings.COOPDB_REPLICA_PIN_SECONDS,
                httponly=True,
                samesite="Lax",
                secure=request.is_secure(),
            )
        return response
