"""HTTP caching of API responses, and caches never handing one caller's
response to another.

A response to a request that carried a key (X-Api-Key or Authorization) may
hold government records: ``Cache-Control: private, no-store`` keeps shared
caches and the browser from storing it. An anonymous response is public data:
``public, max-age=API_CACHE_SECONDS``. Every API response varies on the key
headers, so a cache that does store an anonymous response never serves it to a
keyed request, nor the reverse; on ``Accept`` too (``Accept: text/csv`` is a
CSV), and errors on ``Accept-Language`` (their messages are translated).

Validators: a JSON response's ETag is a hash of its body (strong), its
Last-Modified the newest update time of the records in it (set by
api.viewsets.RecordViewSet; a CSV export sets both itself). A GET whose
``If-None-Match`` (or, without it, ``If-Modified-Since``) still matches is a
304 with no body: Django's own conditional-GET logic, as in
ConditionalGetMiddleware, applied to the API only.
"""

from django.conf import settings
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)
from django.utils.http import parse_http_date_safe

KEY_HEADERS = ("HTTP_X_API_KEY", "HTTP_AUTHORIZATION")
CACHEABLE = (200, 304)


class PrivateKeyedResponsesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path_info.startswith("/api/"):
            return response
        patch_vary_headers(response, ("X-Api-Key", "Authorization", "Accept"))
        if response.status_code >= 400:
            patch_vary_headers(response, ("Accept-Language",))
        if any(header in request.META for header in KEY_HEADERS):
            patch_cache_control(response, private=True, no_store=True)
        elif response.status_code in CACHEABLE and request.method in ("GET", "HEAD"):
            patch_cache_control(response, public=True, max_age=settings.API_CACHE_SECONDS)
        if response.status_code != 200 or request.method not in ("GET", "HEAD"):
            return response
        if not response.streaming and not response.has_header("ETag"):
            set_response_etag(response)
        return get_conditional_response(
            request,
            etag=response.get("ETag"),
            last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
            response=response,
        )
