from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from security.choices import AuditAction, AuditOutcome


class AuditEvent(models.Model):
    """One security-relevant event: written by security.services.record_event,
    never edited (the admin shows it read-only)."""

    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    action = models.CharField(_("action"), max_length=32, choices=AuditAction.choices, db_index=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=AuditOutcome.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # As typed or as it was then: kept when the account is renamed or deleted.
    username = models.CharField(_("user name"), max_length=150, blank=True)
    client_address = models.GenericIPAddressField(_("client address"), null=True, blank=True)
    key_prefix = models.CharField(_("API key prefix"), max_length=8, blank=True)
    request_id = models.CharField(_("request id"), max_length=64, blank=True)
    detail = models.CharField(_("detail"), max_length=500, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit trail")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.action} {self.outcome}"
