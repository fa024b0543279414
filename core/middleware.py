"""Request middleware: Vietnamese first, and no NUL reaching the database."""

from django.core.exceptions import BadRequest
from django.http import HttpResponseBadRequest
from django.utils.translation import gettext

NUL = "\x00"


class VietnameseFirstMiddleware:
    """Ignore the browser's Accept-Language, so the admin opens in Vietnamese
    (settings.LANGUAGE_CODE) until the user picks English with the switcher,
    which sets the language cookie that LocaleMiddleware honours. Public pages
    carry their language in the URL and are not affected; API clients keep
    Accept-Language for the language of error messages, and ``/`` reads it to
    choose the home page's language (public.pages.root)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not (request.path_info.startswith("/api/") or request.path_info == "/"):
            request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


class RejectNulInAddressMiddleware:
    """A NUL character in an admin address's parameters (a search, a filter,
    an autocomplete term) answers 400 with a plain message in the admin's
    language (RefuseInvalidTextMiddleware below covers every other page).
    Form fields are not concerned: their own validation says "Null characters
    are not allowed"."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith("/admin/") and has_nul(request):
            return HttpResponseBadRequest(
                gettext("The address contains a character that is not allowed (NUL). Remove it and try again."),
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


def has_nul(request) -> bool:
    query_texts = (text for key, values in request.GET.lists() for text in (key, *values))
    return NUL in request.path_info or any(NUL in text for text in query_texts)


class RefuseInvalidTextMiddleware:
    """Answer 400 to a NUL character in the path or the query string.

    PostgreSQL refuses NUL in text, so a ``?q=%00`` reaching a filter or a
    search would be a 500; refusing it here covers every page, admin list and
    API filter at once. (Invalid UTF-8 needs nothing: Django decodes it to
    U+FFFD.) Forms need nothing either: Django's form fields refuse NUL with a
    form error. The 400 comes from ``handler400``: JSON under /api/, the
    site's page elsewhere.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if has_nul(request):
            raise BadRequest("NUL character in the request")
        return self.get_response(request)
