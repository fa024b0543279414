"""Vietnamese first, whatever the browser says."""


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
