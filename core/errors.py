"""The site's error pages, shared by the public site and the API's handlers:
rendered without the database, which may be what failed."""

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.urls import Resolver404, resolve


def database_unavailable(exception) -> bool:
    """Whether ``exception`` means the database cannot answer now (down,
    restarting, unreachable, or a statement cut by its time-out): the request
    may succeed if retried, so it is a 503, not a 500."""
    return isinstance(exception, OperationalError | InterfaceError)


def service_unavailable(request, template_name="503.html"):
    """The 503 page, with Retry-After: rendered without the database."""
    template = loader.get_template(template_name)
    response = HttpResponse(template.render({"request_path": request.path}), status=503)
    response["Retry-After"] = str(settings.COOPDB_RETRY_AFTER_SECONDS)
    return response


def server_error(request, template_name="500.html"):
    """The 500 page: self-contained, no database query (the database may be
    what failed), still in the visitor's language."""
    template = loader.get_template(template_name)
    return HttpResponseServerError(template.render({"request_path": request.path}))


def json_errors(view):
    """Mark ``view`` as answering JSON (the search box's suggestions): the
    error handlers answer its failures as the API's do, in JSON, even those
    raised before it runs (a NUL refused by the middleware)."""
    view.answers_json = True
    return view


def answers_json(request) -> bool:
    """Whether the view at ``request``'s address is marked by ``json_errors``."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return getattr(match.func, "answers_json", False)
