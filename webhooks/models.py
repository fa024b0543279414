"""A ministry's webhook subscriptions, and every delivery and attempt made."""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.choices import Audience
from webhooks.choices import SUBSCRIBER_AUDIENCES, DeliveryStatus, RecordKind
from webhooks.validators import validate_webhook_url


def new_secret() -> str:
    return secrets.token_urlsafe(32)


class SubscriptionQuerySet(models.QuerySet):
    def following(self, kind: str):
        """Active subscriptions that asked for this kind of record. Filtered in
        Python: a JSON "contains" is not the same on SQLite and PostgreSQL, and
        there are a handful of subscriptions, not thousands."""
        return [sub for sub in self.filter(active=True).select_related("ministry") if kind in sub.kinds]


class Subscription(models.Model):
    ministry = models.ForeignKey(
        "api.Ministry", verbose_name=_("ministry"), on_delete=models.CASCADE, related_name="webhook_subscriptions"
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("What this subscription is for."))
    url = models.URLField(
        _("URL"),
        max_length=500,
        validators=[validate_webhook_url],
        help_text=_("The ministry's address that receives each change as a signed POST (http or https)."),
    )
    secret = models.CharField(
        _("signing secret"),
        max_length=100,
        default=new_secret,
        help_text=_(
            "Give it to the ministry over a safe channel: it checks each delivery's signature with it. "
            "Change it to rotate; deliveries are signed with the new one from then on."
        ),
    )
    kinds = models.JSONField(
        _("kinds of record"), default=list, help_text=_("Changes to these kinds of record are sent.")
    )
    audience = models.CharField(
        _("reads as"),
        max_length=10,
        choices=SUBSCRIBER_AUDIENCES,
        default=Audience.GOVERNMENT,
        help_text=_("Only records and fields this audience may read are ever sent; internal ones never."),
    )
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("webhook subscription")
        verbose_name_plural = _("webhook subscriptions")
        ordering = ["ministry__name", "name"]

    def __str__(self):
        return f"{self.ministry} — {self.name}"

    def kind_labels(self) -> str:
        labels = dict(RecordKind.choices)
        return ", ".join(str(labels.get(kind, kind)) for kind in self.kinds)

    kind_labels.short_description = _("kinds of record")


class Delivery(models.Model):
    """One change sent to one subscription: the body is fixed when the change
    happens; each try to send it is an Attempt."""

    uuid = models.UUIDField(_("delivery id"), default=uuid.uuid4, unique=True, editable=False)
    subscription = models.ForeignKey(
        Subscription, verbose_name=_("subscription"), on_delete=models.CASCADE, related_name="deliveries"
    )
    kind = models.CharField(_("kind of record"), max_length=30, choices=RecordKind.choices)
    change = models.TextField(_("change"), help_text=_("The change-feed entry sent."))
    audience = models.CharField(_("read as"), max_length=10, choices=SUBSCRIBER_AUDIENCES)
    payload = models.JSONField(_("body"))
    status = models.CharField(
        _("status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING, db_index=True
    )
    attempt_count = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False, db_index=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    replay_of = models.ForeignKey(
        "self",
        verbose_name=_("replay of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replays",
    )

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.uuid} → {self.subscription}"

    @property
    def may_retry(self) -> bool:
        return self.attempt_count < settings.WEBHOOK_MAX_ATTEMPTS


class Attempt(models.Model):
    """One HTTP request made for a delivery, as it went."""

    delivery = models.ForeignKey(
        Delivery, verbose_name=_("delivery"), on_delete=models.CASCADE, related_name="attempts"
    )
    number = models.PositiveSmallIntegerField(_("attempt"))
    started_at = models.DateTimeField(_("sent"))
    duration_ms = models.PositiveIntegerField(_("duration (ms)"))
    response_status = models.PositiveSmallIntegerField(_("response code"), null=True, blank=True)
    succeeded = models.BooleanField(_("succeeded"))
    error = models.TextField(_("error"), blank=True)
    response_excerpt = models.TextField(_("response (start)"), blank=True)

    class Meta:
        verbose_name = _("delivery attempt")
        verbose_name_plural = _("delivery attempts")
        ordering = ["delivery", "number"]
        constraints = [models.UniqueConstraint(fields=["delivery", "number"], name="webhooks_attempt_unique_number")]

    def __str__(self):
        return f"{self.delivery.uuid} #{self.number}"
