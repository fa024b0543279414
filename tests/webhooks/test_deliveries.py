"""Webhooks end to end: a real receiver on a local port, the queue's real
worker loop, on PostgreSQL (transactional: the worker reads committed rows)."""

import datetime
import json
import time

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_agreement
from tests.webhooks.conftest import run_worker
from webhooks import signing
from webhooks.models import Attempt, Delivery

SECRET_NOTE = "GHI-CHU-NOI-BO-7731"  # an internal note that must never leave
# All a removal says: which record, by what the subscriber already knew of it.
IDENTIFIERS = {"cursor", "kind", "id", "key", "action", "changed_at"}


def identifiers_only(entry) -> bool:
    return entry["record"] is None and entry["url"] is None and {k for k, v in entry.items() if v} <= IDENTIFIERS


def verified(request, secret) -> dict:
    headers = request["headers"]
    assert signing.verify(
        secret,
        timestamp=headers[signing.TIMESTAMP_HEADER],
        delivery_id=headers[signing.DELIVERY_HEADER],
        body=request["body"],
        header=headers[signing.SIGNATURE_HEADER],
        now=time.time(),
    ), "the signature does not verify"
    return json.loads(request["body"])


def test_a_change_is_posted_signed_with_what_the_api_shows(receiver, subscribe):
    subscription = subscribe(receiver.url)
    agreement = make_agreement(visibility="public", internal_note=SECRET_NOTE, title_en="MoU with Rosstandart")
    run_worker()

    assert len(receiver.received) == 1
    request = receiver.received[0]
    body = verified(request, subscription.secret)
    assert body["kind"] == "agreement" and body["action"] == "created"
    assert body["id"] == agreement.pk and body["key"] == agreement.slug
    assert body["record"]["slug"] == agreement.slug
    assert SECRET_NOTE.encode() not in request["body"] and b"internal_note" not in request["body"]
    assert request["headers"]["Content-Type"].startswith("application/json")
    # A tampered body, or the right body with another secret, does not verify.
    assert not signing.verify(
        "another-secret",
        timestamp=request["headers"][signing.TIMESTAMP_HEADER],
        delivery_id=request["headers"][signing.DELIVERY_HEADER],
        body=request["body"],
        header=request["headers"][signing.SIGNATURE_HEADER],
        now=time.time(),
    )
    delivery = Delivery.objects.get()
    assert str(delivery.uuid) == request["headers"][signing.DELIVERY_HEADER]
    assert delivery.status == "delivered"
    attempt = delivery.attempts.get()
    assert attempt.succeeded and attempt.response_status == 200 and attempt.error == ""


def test_an_old_signature_is_refused_by_the_documented_check(receiver, subscribe):
    subscription = subscribe(receiver.url)
    make_agreement()
    run_worker()
    request = receiver.received[0]
    sent_at = int(request["headers"][signing.TIMESTAMP_HEADER])
    assert not signing.verify(
        subscription.secret,
        timestamp=str(sent_at),
        delivery_id=request["headers"][signing.DELIVERY_HEADER],
        body=request["body"],
        header=request["headers"][signing.SIGNATURE_HEADER],
        now=sent_at + signing.DEFAULT_TOLERANCE_SECONDS + 1,
    )


def test_a_failed_delivery_is_retried_after_a_backoff(receiver, subscribe, settings):
    settings.WEBHOOK_RETRY_BASE_SECONDS = 60
    subscription = subscribe(receiver.url)
    receiver.script = [500]
    make_agreement()
    run_worker()

    delivery = Delivery.objects.get()
    assert delivery.status == "retrying" and delivery.attempt_count == 1
    first = delivery.attempts.get()
    assert first.response_status == 500 and not first.succeeded and first.error == "HTTP 500"
    assert first.response_excerpt == "try again later"
    assert delivery.next_attempt_at - first.started_at >= datetime.timedelta(seconds=60)

    run_worker()  # not yet due: nothing is sent
    assert len(receiver.received) == 1

    with time_machine.travel(delivery.next_attempt_at + datetime.timedelta(seconds=1), tick=True):
        run_worker()
        second = receiver.received[1]
        verified(second, subscription.secret)
    delivery.refresh_from_db()
    assert delivery.status == "delivered" and delivery.attempt_count == 2
    assert [a.response_status for a in delivery.attempts.all()] == [500, 200]
    # The same delivery id on every attempt, so the receiver can drop duplicates.
    ids = {r["headers"][signing.DELIVERY_HEADER] for r in receiver.received}
    assert ids == {str(delivery.uuid)}


def test_a_timeout_counts_as_a_failure_and_attempts_are_bounded(receiver, subscribe, settings):
    settings.WEBHOOK_MAX_ATTEMPTS = 2
    settings.WEBHOOK_TIMEOUT_SECONDS = 1
    settings.WEBHOOK_RETRY_BASE_SECONDS = 10
    subscribe(receiver.url)
    receiver.delay = 1.5
    make_agreement()
    run_worker()
    delivery = Delivery.objects.get()
    assert delivery.status == "retrying"
    assert "timed out" in delivery.attempts.get().error
    assert delivery.attempts.get().response_status is None

    receiver.delay = 0
    receiver.script = [503]
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=5), tick=True):
        run_worker()
    delivery.refresh_from_db()
    assert delivery.status == "failed" and delivery.attempt_count == 2
    assert delivery.next_attempt_at is None


def test_a_redirect_is_not_followed(receiver, subscribe, settings):
    settings.WEBHOOK_MAX_ATTEMPTS = 1
    subscribe(receiver.url)
    receiver.script = [302]
    make_agreement()
    run_worker()
    attempt = Attempt.objects.get()
    assert attempt.response_status == 302 and not attempt.succeeded
    assert Delivery.objects.get().status == "failed"


def test_no_hidden_record_or_private_field_is_ever_sent(receiver, subscribe):
    public_sub = subscribe(receiver.url + "?as=public", audience="public")
    government_sub = subscribe(receiver.url + "?as=government", audience="government")

    def bodies(audience):
        return [
            verified(r, public_sub.secret if audience == "public" else government_sub.secret)
            for r in receiver.received
            if r["path"].endswith(f"as={audience}")
        ]

    internal = make_agreement(visibility="internal", internal_note=SECRET_NOTE)
    internal.title_en = "Edited, still internal"
    internal.save()
    run_worker()
    assert receiver.received == []  # an internal record: nobody hears anything

    governmental = make_agreement(visibility="government", internal_note=SECRET_NOTE)
    run_worker()
    assert bodies("public") == []
    assert [b["record"]["slug"] for b in bodies("government")] == [governmental.slug]

    shared = make_agreement(visibility="public", internal_note=SECRET_NOTE)
    run_worker()
    shared.visibility = "government"  # lowered: the public may no longer see it
    shared.save()
    run_worker()
    removal = bodies("public")[-1]
    assert identifiers_only(removal)
    assert (removal["kind"], removal["id"], removal["key"], removal["action"]) == (
        "agreement",
        shared.pk,
        shared.slug,
        "removed",
    )
    assert bodies("government")[-1]["action"] == "changed"
    public_count = len(bodies("public"))

    shared.delete()
    run_worker()
    assert len(bodies("public")) == public_count  # already gone for the public: nothing more
    deletion = bodies("government")[-1]
    assert identifiers_only(deletion) and deletion["action"] == "removed"

    for request in receiver.received:
        assert SECRET_NOTE.encode() not in request["body"]
        assert b"internal_note" not in request["body"]


def test_kinds_not_followed_send_nothing(receiver, subscribe):
    subscribe(receiver.url, kinds=["event"])
    make_agreement()
    run_worker()
    assert receiver.received == [] and not Delivery.objects.exists()


def test_a_rolled_back_change_sends_nothing(receiver, subscribe):
    from django.db import transaction

    subscribe(receiver.url)
    with pytest.raises(RuntimeError), transaction.atomic():
        make_agreement()
        raise RuntimeError("rolled back")
    run_worker()
    assert receiver.received == []


def test_an_administrator_replays_a_delivery(receiver, subscribe, client):
    subscription = subscribe(receiver.url)
    make_agreement()
    run_worker()
    original = Delivery.objects.get()

    admin = get_user_model().objects.create_superuser("root", "root@example.org", "a-long-password-1")
    client.force_login(admin)
    changelist = reverse("admin:webhooks_delivery_changelist")
    response = client.post(changelist, {"action": "replay_deliveries", "_selected_action": [original.pk]})
    assert response.status_code == 302
    run_worker()

    replay = Delivery.objects.exclude(pk=original.pk).get()
    assert replay.replay_of == original and replay.status == "delivered"
    assert len(receiver.received) == 2
    assert receiver.received[1]["headers"][signing.DELIVERY_HEADER] == str(replay.uuid)
    assert verified(receiver.received[1], subscription.secret)["id"] == original.payload["id"]
    # The delivery's page shows its attempts.
    page = client.get(reverse("admin:webhooks_delivery_change", args=[original.pk]))
    assert page.status_code == 200 and str(original.uuid) in page.content.decode()


def test_a_replay_of_a_record_hidden_since_is_refused(receiver, subscribe):
    from webhooks import services

    subscribe(receiver.url, audience="public")
    agreement = make_agreement(visibility="public", internal_note=SECRET_NOTE)
    run_worker()
    original = Delivery.objects.get()
    agreement.visibility = "internal"
    agreement.save()
    run_worker()
    assert Delivery.objects.latest("pk").payload["action"] == "removed"
    with pytest.raises(services.ReplayRefused):
        services.replay(original)  # its fields are no longer the subscriber's to read
    run_worker()
    assert len(receiver.received) == 2


def test_nothing_is_sent_once_the_subscription_is_switched_off_or_lowered(receiver, subscribe):
    subscription = subscribe(receiver.url, audience="government")
    receiver.script = [500]
    make_agreement(visibility="government")
    run_worker()
    delivery = Delivery.objects.get()
    assert delivery.status == "retrying"

    subscription.audience = "public"  # the body was rendered for government
    subscription.save()
    with time_machine.travel(delivery.next_attempt_at + datetime.timedelta(seconds=1), tick=True):
        run_worker()
    delivery.refresh_from_db()
    assert delivery.status == "failed" and delivery.attempt_count == 1
    assert len(receiver.received) == 1
