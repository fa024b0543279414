"""Everything under /api/v1/ (mounted by coopdb/urls.py)."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from api.feed import ChangeFeedView
from api.views import APIRootView

app_name = "api"

urlpatterns = [
    path("", APIRootView.as_view(), name="root"),
    path("", include("organizations.api.urls")),
    path("", include("agreements.api.urls")),
    path("", include("events.api.urls")),
    path("", include("api.sources.urls")),
    path("changes/", ChangeFeedView.as_view(), name="changes"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's start-up script as a file of its own,
    # so the Content-Security-Policy needs no inline script.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
]
