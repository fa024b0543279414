"""The base every endpoint's viewset derives from (NetBox style: declarative
viewsets, the per-app FilterSet, one queryset with its joins spelled out)."""

import itertools

from django.conf import settings
from django.http import Http404, StreamingHttpResponse
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, viewsets
from rest_framework.renderers import JSONRenderer

from api.authentication import audience_of
from api.exceptions import RequestTooLarge
from api.renderers import CSVRenderer, CSVWriter, columns

CSV_CHUNK = 1000
# Query parameters every list accepts besides its FilterSet's.
LIST_PARAMETERS = {"cursor", "limit", "format"}
DETAIL_PARAMETERS = {"format"}


class RecordViewSet(viewsets.ReadOnlyModelViewSet):
    """List and detail of one model, for the caller's audience only.

    Subclasses declare ``queryset`` (the model's manager), ``serializer_class``,
    ``filterset_class``, ``ordering`` (the default order, on own columns),
    ``select`` (select_related paths) and ``prefetches(audience)``
    (visibility-filtered Prefetch objects), so each list and detail runs a
    fixed number of queries whatever the page size.
    """

    ordering: tuple[str, ...] = ("pk",)
    select: tuple[str, ...] = ()
    csv_name = "export"

    @property
    def audience(self):
        return audience_of(self.request)

    def prefetches(self, audience) -> list:
        return []

    def base_queryset(self):
        """The model's rows the audience may see (before any relation is loaded)."""
        return self.queryset.model.objects.visible_to(self.audience)

    def get_queryset(self):
        return (
            self.base_queryset()
            .select_related("source", *self.select)
            .prefetch_related(*self.prefetches(self.audience))
            .order_by(*self.ordering)
        )

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "audience": self.audience}

    def perform_content_negotiation(self, request, force=False):
        try:
            return super().perform_content_negotiation(request, force)
        except Http404:
            # DRF answers an unknown ?format= with a 404; it is a bad request.
            raise exceptions.ValidationError({"format": [_("Choose json or csv.")]}) from None

    def initial(self, request, *args, **kwargs):
        self._refuse_large_body(request)
        super().initial(request, *args, **kwargs)
        self._refuse_unknown_parameters(request)

    def _refuse_large_body(self, request):
        # A read-only API reads no body; refuse a large one before anything else.
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            raise RequestTooLarge()

    def _refuse_unknown_parameters(self, request):
        """A misspelt filter would otherwise be ignored and return everything."""
        if self.action == "list":
            allowed = LIST_PARAMETERS | set(self.filterset_class.base_filters)
        else:
            allowed = DETAIL_PARAMETERS
        unknown = sorted(set(request.query_params) - allowed)
        if unknown:
            message = _("Unknown query parameter. Allowed: %(allowed)s.") % {"allowed": ", ".join(sorted(allowed))}
            raise exceptions.ValidationError({name: [message] for name in unknown})

    def filter_queryset(self, queryset):
        # Filters belong to lists; a detail is found by id alone.
        return super().filter_queryset(queryset) if self.action == "list" else queryset

    def list(self, request, *args, **kwargs):
        if isinstance(request.accepted_renderer, CSVRenderer):
            return self.csv_response(self.filter_queryset(self.get_queryset()))
        return super().list(request, *args, **kwargs)

    def csv_response(self, queryset):
        """The whole filtered list as CSV, streamed: one query for the rows
        (a server-side cursor), and the prefetches once per chunk."""
        writer = CSVWriter(columns(self.get_serializer()))
        rows = queryset.iterator(chunk_size=CSV_CHUNK)
        # The query runs now, before the 200 is sent: a database that cannot
        # answer is still a 503 (api.exceptions.handler500), not a cut download.
        first = list(itertools.islice(rows, CSV_CHUNK))

        def lines():
            yield writer.head()
            chunk = first
            while chunk:
                yield writer.rows(self.get_serializer(chunk, many=True).data)
                chunk = list(itertools.islice(rows, CSV_CHUNK))

        response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.csv_name}.csv"'
        return response

    def finalize_response(self, request, response, *args, **kwargs):
        # Errors are always JSON, even when CSV was asked for.
        if response.status_code >= 400 and isinstance(getattr(request, "accepted_renderer", None), CSVRenderer):
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)
