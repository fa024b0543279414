"""The signature every delivery carries (docs/api.md "Webhooks").

    X-CoopDB-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<delivery id>.<raw body>">
    X-CoopDB-Timestamp: <Unix seconds when this attempt was sent>
    X-CoopDB-Delivery:  <the delivery's UUID, the same on every retry>

The timestamp and the delivery id are signed with the body, so a captured
request cannot be replayed later (the receiver refuses an old timestamp) or
twice (the receiver remembers delivery ids it has processed).
"""

import hashlib
import hmac

SIGNATURE_HEADER = "X-CoopDB-Signature"
TIMESTAMP_HEADER = "X-CoopDB-Timestamp"
DELIVERY_HEADER = "X-CoopDB-Delivery"
EVENT_HEADER = "X-CoopDB-Event"
# What a receiver should accept between our clock and theirs.
DEFAULT_TOLERANCE_SECONDS = 300


def signature(secret: str, *, timestamp: int, delivery_id: str, body: bytes) -> str:
    message = f"{timestamp}.{delivery_id}.".encode() + body
    return "sha256=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def verify(
    secret: str,
    *,
    timestamp: str,
    delivery_id: str,
    body: bytes,
    header: str,
    now: float,
    tolerance: int = DEFAULT_TOLERANCE_SECONDS,
) -> bool:
    """What a receiver does (the same recipe as docs/api.md's example)."""
    try:
        sent_at = int(timestamp)
    except (TypeError, ValueError):
        return False
    if abs(now - sent_at) > tolerance:
        return False
    expected = signature(secret, timestamp=sent_at, delivery_id=delivery_id, body=body)
    return hmac.compare_digest(expected, header or "")
