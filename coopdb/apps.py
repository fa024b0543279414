from django.apps import AppConfig


class CoopdbConfig(AppConfig):
    """The project package as an app (as NetBox's ``netbox``), only for the
    commands that span every app, e.g. ``generate_data``."""

    name = "coopdb"
    verbose_name = "CoopDB"
