from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    """Staff log-in protection, the audit trail, client addresses and sessions."""

    default = True
    name = "security"
    verbose_name = _("Security")

    def ready(self):
        from security import receivers

        receivers.connect()


class CoopDBAdminConfig(admin_apps.AdminConfig):
    """Django's admin, on CoopDB's site (two-factor when enforced)."""

    default = False
    default_site = "security.sites.CoopDBAdminSite"
