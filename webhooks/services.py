"""Deliveries: created from a change, sent signed, retried with backoff,
logged attempt by attempt, replayable."""

import datetime
import json
import time
import urllib.error
import urllib.request

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from webhooks import payloads, signing, transport
from webhooks.choices import DeliveryStatus
from webhooks.models import Attempt, Delivery, Subscription
from webhooks.validators import UnsafeDestination, check_destination

USER_AGENT = "CoopDB-Webhooks/1"
EXCERPT_CHARS = 500


class ReplayRefused(Exception):
    pass


def body_bytes(payload: dict) -> bytes:
    """The exact bytes sent and signed: compact JSON, keys sorted, UTF-8."""
    return json.dumps(
        payload, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"), sort_keys=True
    ).encode()


def backoff(attempt_number: int) -> datetime.timedelta:
    """Wait after failed attempt n: base × 4^(n-1) — 30 s, 2 min, 8 min, 32 min, ~2 h by default."""
    return datetime.timedelta(seconds=settings.WEBHOOK_RETRY_BASE_SECONDS * 4 ** (attempt_number - 1))


def enqueue_delivery(delivery: Delivery, *, run_after: datetime.datetime | None = None) -> None:
    """Queue the next attempt once the rows it reads are committed."""
    from webhooks.tasks import deliver

    task = deliver.using(run_after=run_after) if run_after else deliver
    transaction.on_commit(lambda: task.enqueue(delivery.pk))


def dispatch(changes: list[str]) -> list[Delivery]:
    """One delivery per (entry, active subscription following the entry's
    kind whose audience may see the change); nothing at all for the others.
    The subscriptions are read once, and each entry rendered once per audience."""
    entries = payloads.load_entries(changes)
    subscriptions = list(Subscription.objects.filter(active=True))
    audiences = {subscription.audience for subscription in subscriptions}
    bodies = {audience: payloads.payloads_for(entries, audience=audience) for audience in audiences}
    deliveries = [
        Delivery(
            subscription=subscription,
            kind=payloads.kind_of(entry),
            change=str(entry.pk),
            audience=subscription.audience,
            payload=bodies[subscription.audience].get(entry.pk),
        )
        for entry in entries
        for subscription in subscriptions
        if payloads.kind_of(entry) in subscription.kinds
        # None: the subscriber may not know this record exists
        and bodies[subscription.audience].get(entry.pk) is not None
    ]
    with transaction.atomic():
        created = Delivery.objects.bulk_create(deliveries)
        for delivery in created:
            enqueue_delivery(delivery)
    return created


def attempt_delivery(delivery_id: int) -> str:
    delivery = Delivery.objects.select_related("subscription").filter(pk=delivery_id).first()
    if delivery is None or delivery.status in (DeliveryStatus.DELIVERED, DeliveryStatus.FAILED):
        return "skipped"  # deleted, or this job ran already
    subscription = delivery.subscription
    if not subscription.active or subscription.audience != delivery.audience:
        # Switched off, or now reading as another audience, since the body was
        # rendered: nothing is sent (a replay renders it anew, if allowed).
        delivery.status, delivery.next_attempt_at = DeliveryStatus.FAILED, None
        delivery.save(update_fields=["status", "next_attempt_at"])
        return "subscription changed"
    outcome = _send(delivery)
    _record(delivery, outcome)
    return delivery.status


def _send(delivery: Delivery) -> dict:
    """POST the signed body once; never raises, returns what happened."""
    subscription = delivery.subscription
    body = body_bytes(delivery.payload)
    timestamp = int(time.time())
    delivery_id = str(delivery.uuid)
    request = urllib.request.Request(
        subscription.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": USER_AGENT,
            signing.SIGNATURE_HEADER: signing.signature(
                subscription.secret, timestamp=timestamp, delivery_id=delivery_id, body=body
            ),
            signing.TIMESTAMP_HEADER: str(timestamp),
            signing.DELIVERY_HEADER: delivery_id,
            signing.EVENT_HEADER: delivery.kind,
        },
    )
    started_at = timezone.now()
    clock = time.monotonic()
    outcome = {"started_at": started_at, "status": None, "error": "", "excerpt": ""}
    try:
        addresses = check_destination(subscription.url)  # connected to, and nothing else
        with transport.opener(addresses).open(request, timeout=settings.WEBHOOK_TIMEOUT_SECONDS) as response:
            outcome["status"] = response.status
            outcome["excerpt"] = _excerpt(response)
    except urllib.error.HTTPError as error:  # an answer, but not a 2xx (3xx: redirects are not followed)
        outcome["status"] = error.code
        outcome["excerpt"] = _excerpt(error)
        outcome["error"] = f"HTTP {error.code}"
    except UnsafeDestination as error:
        outcome["error"] = f"refused: {error}"
    except (urllib.error.URLError, OSError, ValueError) as error:  # refused, timed out, bad TLS, ...
        outcome["error"] = f"{type(error).__name__}: {getattr(error, 'reason', error)}"
    outcome["duration_ms"] = round((time.monotonic() - clock) * 1000)
    outcome["succeeded"] = outcome["status"] is not None and 200 <= outcome["status"] < 300
    return outcome


def _excerpt(response) -> str:
    try:
        return response.read(EXCERPT_CHARS * 4).decode("utf-8", "replace")[:EXCERPT_CHARS]
    except OSError:
        return ""


def _record(delivery: Delivery, outcome: dict) -> None:
    with transaction.atomic():
        delivery.attempt_count += 1
        Attempt.objects.create(
            delivery=delivery,
            number=delivery.attempt_count,
            started_at=outcome["started_at"],
            duration_ms=outcome["duration_ms"],
            response_status=outcome["status"],
            succeeded=outcome["succeeded"],
            error=outcome["error"][:1000],
            response_excerpt=outcome["excerpt"],
        )
        if outcome["succeeded"]:
            delivery.status, delivery.delivered_at, delivery.next_attempt_at = (
                DeliveryStatus.DELIVERED,
                timezone.now(),
                None,
            )
        elif delivery.may_retry:
            delivery.status = DeliveryStatus.RETRYING
            delivery.next_attempt_at = timezone.now() + backoff(delivery.attempt_count)
            enqueue_delivery(delivery, run_after=delivery.next_attempt_at)
        else:
            delivery.status, delivery.next_attempt_at = DeliveryStatus.FAILED, None
        delivery.save(update_fields=["attempt_count", "status", "delivered_at", "next_attempt_at"])


def replay(delivery: Delivery) -> Delivery:
    """Send a past delivery's change again, as a new delivery (new id, fresh
    attempts), rendered anew for the subscription as it is now: a record
    hidden since is sent as a removal, never with its old fields."""
    subscription = delivery.subscription
    if not subscription.active:
        raise ReplayRefused(_("The subscription is not active."))
    if delivery.kind not in subscription.kinds:
        raise ReplayRefused(_("The subscription no longer follows this kind of record."))
    entry = payloads.load_entry(delivery.change)
    body = payloads.payload_for(entry, audience=subscription.audience) if entry else None
    if body is None:
        raise ReplayRefused(_("The subscription may not see this change any more."))
    with transaction.atomic():
        copy = Delivery.objects.create(
            subscription=subscription,
            kind=delivery.kind,
            change=delivery.change,
            audience=subscription.audience,
            payload=body,
            replay_of=delivery,
        )
        enqueue_delivery(copy)
    return copy
