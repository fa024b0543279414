from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The REST API's own models (ministries and their keys) and the machinery
    every app's ``api/`` package shares."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "api"
    verbose_name = _("REST API")

    def ready(self):
        # The change log listens to the domain apps' models (which never
        # import the API): see api.changes.
        from django.core import checks

        from api.changes import connect_signals
        from api.checks import check_serializers

        connect_signals()
        checks.register(check_serializers, "coopdb")

        from api import cors  # noqa: F401  (connects the CORS origin check)
