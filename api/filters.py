from django_filters.rest_framework import DjangoFilterBackend

from api.authentication import audience_of


class AudienceFilterBackend(DjangoFilterBackend):
    """django-filter's backend, handing the caller's audience to the FilterSet
    (so filters through relations only match what the caller may see)."""

    def get_filterset_kwargs(self, request, queryset, view):
        return {**super().get_filterset_kwargs(request, queryset, view), "audience": audience_of(request)}
