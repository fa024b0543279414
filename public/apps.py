from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    """The public site's cross-app pages: home, search, partner timelines,
    sitemaps. Named ``public``, not ``site``: Python imports its own ``site``
    module at start-up, so an app called ``site`` would never be imported."""

    name = "public"
    verbose_name = _("Public site")
