"""One error shape for every API failure, from DRF views and from Django.

Every error body is::

    {"status": 404, "code": "not_found", "message": "Not found.", "errors": {}}

``code`` is stable (clients branch on it), ``message`` is for people (and may
be translated), ``errors`` maps a query parameter to its problems (400 only,
otherwise empty). A 429 adds ``retry_after`` (seconds) and the Retry-After
header. A record the caller may not see answers exactly like a missing one.
"""

import sys

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.utils.translation import gettext_lazy as _
from django.views import defaults
from rest_framework import exceptions, status
from rest_framework.views import exception_handler as drf_exception_handler

from core.errors import answers_json, database_unavailable
from core.errors import server_error as site_server_error
from core.errors import service_unavailable as site_service_unavailable

API_PREFIX = "/api/"

MESSAGES = {
    400: _("The request is not valid."),
    401: _("A valid API key is required for this request."),
    403: _("You may not do this."),
    404: _("Not found."),
    405: _("This API is read-only: only GET, HEAD and OPTIONS are allowed."),
    406: _("This format is not available: ask for JSON or CSV."),
    413: _("The request is too large."),
    429: _("Too many requests: slow down and retry later."),
    500: _("Something went wrong on our side. The error has been logged."),
    503: _("The service is temporarily unavailable: retry later."),
}
CODES = {
    400: "invalid",
    401: "not_authenticated",
    403: "permission_denied",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    413: "request_too_large",
    415: "unsupported_media_type",
    429: "throttled",
    500: "server_error",
    503: "service_unavailable",
}


class RequestTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = MESSAGES[413]
    default_code = "request_too_large"


def error_body(status_code: int, *, code: str | None = None, message=None, errors=None) -> dict:
    return {
        "status": status_code,
        "code": code or CODES.get(status_code, "error"),
        "message": str(message or MESSAGES.get(status_code, "")),
        "errors": errors or {},
    }


def _code_and_message(exc, status_code):
    """The code and message of an APIException that carries its own (a refused
    key says why); the generic ones for everything else, so a 404 for a hidden
    record reads exactly like one for a missing record."""
    if status_code in (401, 403) and isinstance(exc.detail, str):
        return exc.detail.code, exc.detail
    return CODES.get(status_code), MESSAGES.get(status_code, exc.detail if isinstance(exc.detail, str) else "")


def exception_handler(exc, context):
    """DRF's handler (which also maps Http404 and PermissionDenied), reshaped."""
    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # unexpected: Django's handler500 answers (api.exceptions.handler500)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    status_code = response.status_code
    if isinstance(exc, exceptions.ValidationError):
        detail = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        response.data = error_body(400, errors=detail)
    else:
        code, message = _code_and_message(exc, status_code)
        response.data = error_body(status_code, code=code, message=message)
    if isinstance(exc, exceptions.Throttled) and exc.wait is not None:
        response.data["retry_after"] = int(response.headers.get("Retry-After", 1))
    return response


def is_api_request(request) -> bool:
    """Under /api/, or a site view that answers JSON (core.errors.json_errors):
    its errors are JSON too."""
    return request.path.startswith(API_PREFIX) or answers_json(request)


def _json_error(status_code: int) -> JsonResponse:
    return JsonResponse(error_body(status_code), status=status_code, json_dumps_params={"ensure_ascii": False})


# Django-level handlers (coopdb/urls.py): JSON under /api/, Django's own views
# (and so the site's 400/403/404 templates) and the site's query-free 500 page
# everywhere else.


def handler400(request, exception):
    return _json_error(400) if is_api_request(request) else defaults.bad_request(request, exception)


def handler403(request, exception):
    return _json_error(403) if is_api_request(request) else defaults.permission_denied(request, exception)


def handler404(request, exception):
    return _json_error(404) if is_api_request(request) else defaults.page_not_found(request, exception)


def handler500(request):
    # Called while the exception is being handled: a lost database is a 503.
    if database_unavailable(sys.exc_info()[1]):
        return _service_unavailable(request)
    # No exception text, no traceback: only the stable shape.
    return _json_error(500) if is_api_request(request) else site_server_error(request)


def _service_unavailable(request):
    if not is_api_request(request):
        return site_service_unavailable(request)
    retry_after = settings.COOPDB_RETRY_AFTER_SECONDS
    body = {**error_body(503), "retry_after": retry_after}
    response = JsonResponse(body, status=503, json_dumps_params={"ensure_ascii": False})
    response["Retry-After"] = str(retry_after)
    return response
