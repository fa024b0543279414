"""Ministry API keys, read from a header and never from the URL.

``Authorization: Api-Key <key>`` (djangorestframework-api-key's convention) or
``X-Api-Key: <key>``. No key: the caller is the public. A key that is wrong,
revoked or expired is refused with a 401 that says which; it is never quietly
treated as anonymous, so an integrator notices at once that their key stopped
working instead of silently receiving less data.
"""

import re

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication

from api.models import MinistryAPIKey
from api.throttling import RefusedKeyThrottle
from core.choices import Audience
from security.choices import AuditAction, AuditOutcome
from security.services import record_event

KEYWORD = "Api-Key"
# The library's keys: an 8-character prefix, a dot, a 32-character secret.
KEY_PATTERN = re.compile(r"[A-Za-z0-9]{8}\.[A-Za-z0-9]{32}")


class MinistryClient:
    """``request.user`` for a request made with a ministry's key."""

    is_authenticated = True
    is_anonymous = False
    is_staff = False
    is_superuser = False

    def __init__(self, api_key: MinistryAPIKey):
        self.api_key = api_key
        self.ministry = api_key.ministry

    def __str__(self):
        return str(self.ministry)


def audience_of(request) -> Audience:
    """Who is asking: a ministry's key reads public and government records,
    anybody else public ones. Internal records never leave through the API."""
    return Audience.GOVERNMENT if isinstance(request.auth, MinistryAPIKey) else Audience.PUBLIC


def key_from_headers(request) -> str | None:
    authorization = request.META.get("HTTP_AUTHORIZATION", "")
    header_key = request.META.get("HTTP_X_API_KEY", "")
    if authorization:
        keyword, _sep, key = authorization.partition(" ")
        if keyword.lower() != KEYWORD.lower():
            raise exceptions.AuthenticationFailed(
                _("Unsupported authorization scheme: send Authorization: Api-Key <key> or X-Api-Key: <key>."),
                code="unsupported_authorization",
            )
        key = key.strip()
        if header_key and header_key.strip() != key:
            raise exceptions.AuthenticationFailed(_("Two different API keys were sent."), code="invalid_api_key")
        return key
    return header_key.strip() if "HTTP_X_API_KEY" in request.META else None


def key_prefix(key: str) -> str:
    """The public part of a key (before the dot), safe to log; nothing for a malformed key."""
    prefix = key.partition(".")[0]
    return prefix if len(prefix) == 8 and prefix.isalnum() and prefix.isascii() else ""


class MinistryKeyAuthentication(BaseAuthentication):
    def authenticate(self, request):
        try:
            return self._authenticate(request)
        except exceptions.AuthenticationFailed as refusal:
            self._refuse(request, refusal)
            raise

    def _refuse(self, request, refusal):
        """Audit the refusal, and answer 429 instead of 401 once the address has
        spent its anonymous budget (so keys cannot be guessed at full speed)."""
        throttle = RefusedKeyThrottle()
        allowed = throttle.allow_request(request, None)
        sent = request.META.get("HTTP_X_API_KEY", "") or request.META.get("HTTP_AUTHORIZATION", "").partition(" ")[2]
        record_event(
            AuditAction.API_KEY_REFUSED,
            AuditOutcome.REFUSED if allowed else AuditOutcome.THROTTLED,
            request=request._request,
            key_prefix=key_prefix(sent.strip()),
            detail=str(refusal.get_codes()),
            store=allowed,
        )
        if not allowed:
            raise exceptions.Throttled(throttle.wait())

    def _authenticate(self, request):
        key = key_from_headers(request)
        if key is None:
            return None
        api_key = self._lookup(key)
        if api_key.revoked:
            raise exceptions.AuthenticationFailed(_("This API key has been revoked."), code="revoked_api_key")
        if api_key.has_expired:
            raise exceptions.AuthenticationFailed(_("This API key has expired."), code="expired_api_key")
        api_key.touch()
        # Plain Django code (the shared FilterSets) reads the audience from here.
        request._request.coopdb_audience = Audience.GOVERNMENT
        return MinistryClient(api_key), api_key

    def _lookup(self, key: str) -> MinistryAPIKey:
        invalid = exceptions.AuthenticationFailed(_("This API key is not valid."), code="invalid_api_key")
        if not KEY_PATTERN.fullmatch(key):
            raise invalid
        try:
            return MinistryAPIKey.objects.get_from_key(key)
        except MinistryAPIKey.DoesNotExist:
            raise invalid from None

    def authenticate_header(self, request):
        # Makes DRF answer 401 (not 403) to a refused key.
        return f'{KEYWORD} realm="CoopDB API"'
