"""Which browser origins may read the API (django-cors-headers).

Origins come from two places: ``API_CORS_ORIGINS`` (settings, for the
project's own front ends) and each ministry's ``cors_origins`` (admin). None
by default. A browser's preflight (OPTIONS) carries no key, so it cannot be
answered per ministry: an origin any ministry lists is allowed for every
request. That is no access control and needs none: without a key the API
serves public data to anybody, and with one the key, not the origin, decides
what is read. CORS only lets a page at that origin read the responses.
"""

import re

from corsheaders.signals import check_request_enabled
from django.conf import settings
from django.dispatch import receiver

from api.models import Ministry, origins_in


def ministry_origins() -> set[str]:
    """Every origin a ministry lists (a query only on cross-origin API requests)."""
    texts = Ministry.objects.exclude(cors_origins="").values_list("cors_origins", flat=True)
    return {origin for text in texts for origin in origins_in(text)}


@receiver(check_request_enabled)
def allow_ministry_origins(sender, request, **kwargs) -> bool:
    # A True here would also enable CORS outside CORS_URLS_REGEX: check it.
    origin = request.headers.get("Origin", "")
    if not origin or not re.match(settings.CORS_URLS_REGEX, request.path_info):
        return False
    return origin in ministry_origins()
