from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Common records")

    def ready(self):
        from django.core import checks

        from core.checks import check_filtersets
        from core.counts import connect_data_version
        from core.groups import connect_staff_groups

        connect_staff_groups()
        connect_data_version()
        checks.register(check_filtersets, "coopdb")
