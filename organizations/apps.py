from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "organizations"
    verbose_name = _("Organizations and memberships")

    def ready(self):
        from core import registry
        from organizations.search import INDEXES

        for index in INDEXES:
            registry.search_indexes.register(index.key, index)
