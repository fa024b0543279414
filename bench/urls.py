"""CoopDB's URLs plus the bench's floor and trivial views (bench/settings.py)."""

from django.db import connection
from django.http import HttpResponse
from django.urls import path

from bench import floor
from coopdb.urls import urlpatterns as site_patterns


def trivial(request):
    """What a request costs with no database at all."""
    return HttpResponse(b"ok", content_type="text/plain")


def floor_list(request, name):
    """The API list's first page built by PostgreSQL alone (bench/floor.py)."""
    limit = int(request.GET.get("limit", 50))
    with connection.cursor() as cursor:
        cursor.execute(floor.list_sql(name), floor.parameters(request, limit=limit))
        body = cursor.fetchone()[0]
    return HttpResponse(body.encode(), content_type="application/json")


urlpatterns = [
    path("bench/trivial/", trivial),
    path("bench/floor/<str:name>/", floor_list),
    *site_patterns,  # i18n_patterns cannot be include()d
]
