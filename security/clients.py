"""The client's address, read the same way everywhere (log-in lockout, API
throttles, the audit trail).

X-Forwarded-For is written by whoever sends the request: only the entries
appended by our own reverse proxies can be believed. ``TRUSTED_PROXIES`` says
how many there are; the client is the address the outermost of them saw, i.e.
the N-th entry from the right. With 0 (the default) the header is ignored.
"""

import ipaddress

from django.conf import settings


def client_address(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies <= 0 or not forwarded:
        return remote
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    if not hops:
        return remote
    candidate = hops[-min(proxies, len(hops))]
    return candidate if is_address(candidate) else remote


def is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True
