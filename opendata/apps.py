from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpenDataConfig(AppConfig):
    """Everything public as one Frictionless Data Package (docs/api.md, "Open
    data"): built from the API's own lists, rebuilt after a change."""

    name = "opendata"
    verbose_name = _("Open data")

    def ready(self):
        from opendata import signals

        signals.connect()
