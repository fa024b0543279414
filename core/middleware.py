"""Vietnamese first, whatever the browser says; no NUL in admin addresses."""

from django.http import HttpResponseBadRequest
from django.utils.translation import gettext


class VietnameseFirstMiddleware:
    """Ignore the browser's Accept-Language, so the admin opens in Vietnamese
    (settings.LANGUAGE_CODE) until the user picks English with the switcher,
    which sets the language cookie that LocaleMiddleware honours. Public pages
    carry their language in the URL and are not affected; API clients keep
    Accept-Language for the language of error messages."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith("/api/"):
            request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


class RejectNulInAddressMiddleware:
    """A NUL character in an admin address's parameters (a search, a filter,
    an autocomplete term) answers 400 with a plain message: PostgreSQL cannot
    compare text holding NUL and would answer 500. Form fields are not
    concerned: their own validation says "Null characters are not allowed"."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith("/admin/") and _has_nul(request.GET):
            return HttpResponseBadRequest(
                gettext("The address contains a character that is not allowed (NUL). Remove it and try again."),
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


def _has_nul(params) -> bool:
    return any("\x00" in key or any("\x00" in value for value in params.getlist(key)) for key in params)
