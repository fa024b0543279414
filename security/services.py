"""Writing the audit trail: one row (viewable in the admin) and one structured
log line (``coopdb.audit`` logger, key=value) per event."""

import logging

from django.utils import timezone
from log_request_id import local as request_id_local

from security.choices import AuditAction, AuditOutcome
from security.clients import client_address, is_address
from security.models import AuditEvent

logger = logging.getLogger("coopdb.audit")


def record_event(
    action: AuditAction,
    outcome: AuditOutcome,
    *,
    request=None,
    user=None,
    username: str = "",
    key_prefix: str = "",
    detail: str = "",
    store: bool = True,
) -> AuditEvent:
    """Record ``action`` with ``outcome``; ``store=False`` writes the log line
    only (for floods, e.g. throttled key guesses, that must not fill the table)."""
    event = AuditEvent(
        at=timezone.now(),
        action=action,
        outcome=outcome,
        user=user if getattr(user, "pk", None) else None,
        username=_clean(username or (user.get_username() if getattr(user, "pk", None) else ""), 150),
        client_address=_address_of(request),
        key_prefix=_clean(key_prefix, 8),
        request_id=_clean(getattr(request_id_local, "request_id", ""), 64),
        detail=_clean(detail, 500),
    )
    if store:
        event.save()
    logger.info(log_line(event))
    return event


def _address_of(request) -> str | None:
    address = client_address(request) if request is not None else ""
    return address if is_address(address) else None


def log_line(event: AuditEvent) -> str:
    fields = {
        "time": event.at.isoformat(),
        "action": event.action,
        "outcome": event.outcome,
        "user": event.username,
        "address": event.client_address or "",
        "key": event.key_prefix,
        "detail": event.detail,
    }
    return " ".join(f"{name}={_quoted(value)}" for name, value in fields.items())


def _quoted(value: str) -> str:
    value = str(value)
    if value and not any(char in value for char in ' "=\\'):
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _clean(text: str, length: int) -> str:
    """What a client typed, storable: PostgreSQL refuses NUL, and the column is bounded."""
    text = str(text or "")
    return "".join(char for char in text if char.isprintable())[:length]
