"""Everything under /api/v1/ (mounted by coopdb/urls.py)."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from api.views import APIRootView

app_name = "api"

urlpatterns = [
    path("", APIRootView.as_view(), name="root"),
    path("", include("organizations.api.urls")),
    path("", include("agreements.api.urls")),
    path("", include("events.api.urls")),
    path("", include("core.api.urls")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
]
