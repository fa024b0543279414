"""Where a webhook may point: http(s) only, no credentials in the URL, and,
unless WEBHOOK_ALLOW_PRIVATE_ADDRESSES is on, no address of the server's own
networks (loopback, private, link-local, reserved): otherwise anybody able to
edit a subscription could make the server call internal services (SSRF)."""

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

SCHEMES = ("http", "https")
PRIVATE_MESSAGE = _("This address is on the server's own network; webhooks may only call public addresses.")


class UnsafeDestination(Exception):
    """The URL's host resolves to an address webhooks may not call."""


def _is_public(address: str) -> bool:
    return ipaddress.ip_address(address).is_global


def validate_webhook_url(value: str) -> None:
    URLValidator(schemes=list(SCHEMES), message=_("Enter an http:// or https:// address."))(value)
    parts = urlsplit(value)
    if parts.username or parts.password:
        raise ValidationError(_("Put no user name or password in the address: the secret signs each delivery."))
    if settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES:
        return
    host = parts.hostname or ""
    if host == "localhost" or host.endswith(".localhost"):
        raise ValidationError(PRIVATE_MESSAGE)
    try:
        literal = ipaddress.ip_address(host)
    except ValueError:
        return  # a name: checked again, resolved, before every delivery
    if not literal.is_global:
        raise ValidationError(PRIVATE_MESSAGE)


def resolve(host: str, port: int) -> list[tuple]:
    """The one DNS lookup of an attempt: getaddrinfo's (family, type, proto,
    canonname, sockaddr) entries, TCP only."""
    return socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)


def check_destination(url: str) -> list[tuple]:
    """Resolve the host now, just before sending, and refuse if any of its
    addresses is not public (a name may resolve differently than when saved).
    Returns the addresses, which are the only ones the attempt connects to
    (webhooks.transport): a second lookup could answer otherwise (DNS
    rebinding)."""
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        infos = resolve(parts.hostname, port)
    except socket.gaierror as error:
        raise UnsafeDestination(f"cannot resolve {parts.hostname}: {error}") from None
    if not settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES:
        for info in infos:
            address = info[4][0].split("%")[0]
            if not _is_public(address):
                raise UnsafeDestination(f"{parts.hostname} resolves to a non-public address ({address})")
    return infos
