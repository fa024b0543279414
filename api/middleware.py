"""Caches must never hand one caller's API response to another.

A response to a request that carried a key (X-Api-Key or Authorization) may
hold government records: ``Cache-Control: private, no-store`` keeps shared
caches and the browser from storing it. Every API response varies on the key
headers, so a cache that does store an anonymous response never serves it to a
keyed request, nor the reverse.
"""

from django.utils.cache import patch_cache_control, patch_vary_headers

KEY_HEADERS = ("HTTP_X_API_KEY", "HTTP_AUTHORIZATION")


class PrivateKeyedResponsesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith("/api/"):
            patch_vary_headers(response, ("X-Api-Key", "Authorization"))
            if any(header in request.META for header in KEY_HEADERS):
                patch_cache_control(response, private=True, no_store=True)
        return response
