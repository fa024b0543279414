from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    """Ministries' webhook subscriptions and their signed, retried, logged
    deliveries (docs/api.md "Webhooks"), run on the job queue (docs/jobs.md)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "webhooks"
    verbose_name = _("Webhooks")

    def ready(self):
        from webhooks import triggers

        triggers.connect()
