from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from api.authentication import audience_of

ENDPOINTS = (
    "organization",
    "membership",
    "dues",
    "person",
    "office",
    "ballot",
    "agreement",
    "commitment",
    "event",
    "delegation",
    "initiative",
    "source",
    "reportedfigure",
)


class APIRootView(APIView):
    """Where everything is: one link per list, the schema and the docs."""

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        links = {}
        for name in ENDPOINTS:
            path = reverse(f"api:{name}-list")
            links[path.rstrip("/").rsplit("/", 1)[-1]] = request.build_absolute_uri(path)
        links["changes"] = request.build_absolute_uri(reverse("api:changes"))
        links["schema"] = request.build_absolute_uri(reverse("api:schema"))
        links["docs"] = request.build_absolute_uri(reverse("api:docs"))
        return Response({"audience": audience_of(request).value, "endpoints": links})
