from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = _("Agreements and commitments")

    def ready(self):
        from agreements.models import AgreementStatusChange
        from agreements.search import INDEXES
        from core import registry

        registry.models.register("status_change", AgreementStatusChange)
        for index in INDEXES:
            registry.search_indexes.register(index.key, index)
