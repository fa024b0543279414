from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    LOGIN = "login", _("Log-in")
    LOGIN_FAILED = "login_failed", _("Failed log-in")
    LOCKOUT = "lockout", _("Lock-out")
    LOGOUT = "logout", _("Log-out")
    API_KEY_REFUSED = "api_key_refused", _("API key refused")
    PERMISSIONS_CHANGED = "permissions_changed", _("Permissions changed")
    IMPORT = "import", _("Import")
    EXPORT = "export", _("Export")


class AuditOutcome(models.TextChoices):
    SUCCESS = "success", _("Success")
    FAILURE = "failure", _("Failure")
    REFUSED = "refused", _("Refused")
    THROTTLED = "throttled", _("Throttled")
    EXPIRED = "expired", _("Session expired")
