from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events, delegations and initiatives")

    def ready(self):
        from core import registry
        from events.search import INDEXES

        for index in INDEXES:
            registry.search_indexes.register(index.key, index)
