"""The base every endpoint's viewset derives from (NetBox style: declarative
viewsets, the per-app FilterSet, one queryset with its joins spelled out)."""

import hashlib
import itertools
import json
import re

import django_filters
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import connections
from django.db.models import Count, Max, Q, Sum
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import gettext_lazy as _
from django_filters.utils import translate_validation
from rest_framework import exceptions, viewsets
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from api import csv_sql, deprecation, projection
from api.authentication import audience_of
from api.exceptions import RequestTooLarge
from api.renderers import CSVRenderer, CSVWriter, PreRenderedJSONRenderer, columns
from core.filtersets import MAX_ID, InvalidFilters
from core.querysets import levels_for

CSV_CHUNK = 1000
DIGITS = re.compile(r"[0-9]+")
# Query parameters every list accepts besides its FilterSet's.
LIST_PARAMETERS = {"cursor", "limit", "format"}
DETAIL_PARAMETERS = {"format"}
# Filters whose schema allows an empty value: text only. A list's schema has
# ``minItems: 1`` (``?kind=`` is a list holding the invalid choice "", which
# the wire cannot tell from an empty list): refused too.
MAY_BE_EMPTY = (django_filters.CharFilter,)


class RecordViewSet(viewsets.ReadOnlyModelViewSet):
    # List and detail of one model, for the caller's audience only. Subclasses
    # declare ``queryset`` (the model's manager), ``serializer_class``,
    # ``filterset_class`` (for the schema's parameters) and ``selector``: the
    # app's list selector (``staticmethod(agreements.selectors.agreement_list)``),
    # the one read path the public pages share: visibility, joins, prefetches
    # (so each list and detail runs a fixed number of queries whatever the page
    # size), the default order and, for a list, the FilterSet. What only the
    # API shows comes from ``prefetches(audience)``, built by the app's
    # selectors too. Also ``about`` (what the records are, for integrators:
    # the schema's description) and ``natural_key`` (the unique field a detail
    # is also found by, or None). Without a selector (sources, figures):
    # ``ordering`` and ``select``. Comments, not a docstring: drf-spectacular
    # publishes docstrings.

    selector = None
    ordering: tuple[str, ...] = ("pk",)
    select: tuple[str, ...] = ()
    csv_name = "export"
    # The CSV export built by PostgreSQL (api.csv_sql.CopyPlan), or None for
    # the serializers' rows.
    csv_copy: csv_sql.CopyPlan | None = None
    about = ""
    natural_key: str | None = "slug"
    lookup_url_kwarg = "lookup"
    # api.deprecation: the whole endpoint, or some of its query parameters.
    deprecated: deprecation.Deprecated | None = None
    deprecated_parameters: dict[str, deprecation.Deprecated] = {}

    # A list's rows as JSON built by PostgreSQL (api.projection.Projection,
    # declared in the app's api/projections.py): much cheaper than the
    # serializers, which still give details, CSV, the schema and SQLite's lists.
    projection: "projection.Projection | None" = None

    # Set (to a core.choices.Audience) to read as that audience without an
    # HTTP request: api.changes renders details for the change log this way.
    fixed_audience = None

    @property
    def audience(self):
        return self.fixed_audience or audience_of(self.request)

    def prefetches(self, audience) -> list:
        return []

    def base_queryset(self):
        """The model's rows the audience may see (before any relation is loaded)."""
        return self.queryset.model.objects.visible_to(self.audience)

    def get_queryset(self):
        return self.selected_rows().prefetch_related(*self.prefetches(self.audience))

    def selected_rows(self):
        """get_queryset without the prefetches (a list built by PostgreSQL needs none)."""
        if self.selector is None:
            return self.base_queryset().select_related("source", *self.select).order_by(*self.ordering)
        try:
            return self.selector(audience=self.audience, filters=self._list_filters())
        except InvalidFilters as error:
            # The body django-filter's backend gives: field → messages.
            raise translate_validation(error.form_errors) from None

    def _list_filters(self):
        """The query string a list is filtered by; None for a detail, or a
        list read without a request (the open-data tables)."""
        if self.action != "list" or self.request is None:
            return None
        return self.request.query_params

    def get_serializer_context(self):
        # "modified" collects the update time of every record serialized
        # (api.serializers), for the response's Last-Modified; None outside a
        # request (the change feed renders records with this viewset too).
        context = super().get_serializer_context()
        return {**context, "audience": self.audience, "modified": getattr(self, "modified", None)}

    def perform_content_negotiation(self, request, force=False):
        try:
            return super().perform_content_negotiation(request, force)
        except Http404:
            # DRF answers an unknown ?format= with a 404; it is a bad request.
            raise exceptions.ValidationError({"format": [_("Choose json or csv.")]}) from None

    def initial(self, request, *args, **kwargs):
        self.modified = []
        self._refuse_large_body(request)
        super().initial(request, *args, **kwargs)
        if self.action not in ("list", "retrieve"):
            # A method the API does not serve (TRACE, POST...) is a 405 whatever
            # its parameters; OPTIONS takes none of a GET's.
            return
        self._refuse_unknown_parameters(request)
        self._refuse_repeated_parameters(request)
        self._refuse_empty_values(request)

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

    def _refuse_repeated_parameters(self, request):
        """``limit=2&limit=3``: a single-valued parameter given twice is
        ambiguous; refuse it rather than silently keep one."""
        filters = self.filterset_class.base_filters if self.action == "list" else {}
        repeated = sorted(
            name
            for name, values in request.query_params.lists()
            if len(values) > 1 and not isinstance(filters.get(name), django_filters.MultipleChoiceFilter)
        )
        if repeated:
            message = _("Give this parameter once.")
            raise exceptions.ValidationError({name: [message] for name in repeated})

    def _refuse_empty_values(self, request):
        """``?signed_after=`` or ``?kind=``: an empty date, number, boolean or
        list item is no value the schema allows; refuse it rather than read it
        as "no filter" (the public pages, whose forms send empty fields, accept
        it). Text may be empty, and an empty cursor is the first page."""
        filters = self.filterset_class.base_filters if self.action == "list" else {}
        empty = sorted(
            name
            for name, values in request.query_params.lists()
            if "" in values and name != "cursor" and not isinstance(filters.get(name), MAY_BE_EMPTY)
        )
        if empty:
            message = _("Give a value or leave the parameter out.")
            raise exceptions.ValidationError({name: [message] for name in empty})

    def get_object(self):
        """A detail by its id (ASCII digits) or by its natural key (anything else)."""
        value = self.kwargs[self.lookup_url_kwarg]
        is_id = bool(DIGITS.fullmatch(value))
        if is_id and not 0 < int(value) <= MAX_ID or not is_id and not self.natural_key:
            raise Http404
        return get_object_or_404(self.get_queryset(), **{"pk" if is_id else self.natural_key: value})

    def filter_queryset(self, queryset):
        # Filters belong to lists; a detail is found by its id or natural key
        # alone. A selector has applied them already (get_queryset).
        if self.action != "list" or self.selector is not None:
            return queryset
        return super().filter_queryset(queryset)

    def list(self, request, *args, **kwargs):
        if isinstance(request.accepted_renderer, CSVRenderer):
            self.paginator.get_limit(request)  # a CSV export is the whole list, but a bad limit is still a 400
            queryset = self.paginator.after_cursor(self.filter_queryset(self.get_queryset()), request)
            return self.csv_response(queryset)
        if self._projected(request):
            return self.projected_list(self.filter_queryset(self.selected_rows()), request)
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        if page is None:
            return Response(self.get_serializer(queryset, many=True).data)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def _projected(self, request) -> bool:
        # SQLite (make run) keeps the serializers: the projections are PostgreSQL's SQL.
        return (
            self.projection is not None
            and self.paginator is not None
            and isinstance(request.accepted_renderer, JSONRenderer)
            and connections[self.queryset.db].vendor == "postgresql"
        )

    def projected_list(self, queryset, request):
        """The page built as JSON by PostgreSQL (api.projection): its keys by
        the same selector, filters, order and cursor as the serializers'
        path, then its rows' JSON in one statement, spliced into the body
        as PostgreSQL wrote it (never decoded), with the newest update time
        of every record shown for Last-Modified."""
        ids = self.paginator.paginate_keys(queryset, request)
        results = "[]"
        if ids:
            params = {**projection.parameters(request, self.audience, self.projection), "ids": ids}
            with connections[queryset.db].cursor() as cursor:
                cursor.execute(self.projection.page_sql(), params)
                results, newest = cursor.fetchone()
            if newest is not None and self.modified is not None:
                self.modified.append(newest)
        body = f'{{"next":{json.dumps(self.paginator.get_next_link())},"results":{results}}}'
        request.accepted_renderer = PreRenderedJSONRenderer()
        return Response(body.encode())

    def csv_response(self, queryset):
        """The whole filtered list (after the cursor, if one is sent) as CSV, streamed: on PostgreSQL one COPY
        built from the serializer (``csv_copy``, api.csv_sql); else one query for the rows (a server-side
        cursor), and the prefetches once per chunk. A repeat whose validators still match is a 304 before
        the rows are read."""
        etag, last_modified = self.csv_validators(queryset)
        not_modified = get_conditional_response(self.request._request, etag=etag, last_modified=last_modified)
        response = not_modified or self._csv_stream(queryset)
        response["ETag"] = etag
        if last_modified:
            response["Last-Modified"] = http_date(last_modified)
        return response

    def csv_validators(self, queryset) -> tuple[str, int | None]:
        """A weak ETag and the Last-Modified time (a Unix time) of a CSV export,
        from one aggregate query instead of the streamed bytes (which are sent
        before they could be hashed): how many rows, which ones, and the newest
        update time of the rows and of the records joined to them."""
        newest = {"newest": Max("updated_at")}
        for path in _joined_paths(queryset.query.select_related):
            related = _related_model(self.queryset.model, path)
            if related is None or not _has_field(related, "updated_at"):
                continue
            # Only a related record the caller may see counts (a hidden one is
            # shown as null): its time must not leak through the validators.
            seen = None
            if _has_field(related, "visibility"):
                seen = Q(**{f"{path}__visibility__in": levels_for(self.audience)})
            newest[f"newest_{path}"] = Max(f"{path}__updated_at", filter=seen)
        figures = queryset.order_by().aggregate(rows=Count("pk"), ids=Sum("pk"), **newest)
        times = [value for name, value in figures.items() if name.startswith("newest") and value]
        fingerprint = repr((self.request.get_full_path(), self.audience.value, sorted(figures.items())))
        etag = f'W/"{hashlib.sha256(fingerprint.encode()).hexdigest()[:32]}"'
        return etag, int(max(times).timestamp()) if times else None

    def _csv_stream(self, queryset):
        self.modified = None  # the validators are set already; a million times need not be kept
        writer = CSVWriter(columns(self.get_serializer()))
        if self.csv_copy is not None:
            copied = csv_sql.stream(queryset, self.get_serializer(), self.csv_copy, request=self.request,
                                    audience=self.audience)  # fmt: skip
            if copied is not None:  # None: not PostgreSQL (SQLite, make run)
                return self._csv_file(itertools.chain([writer.head()], copied))
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

        return self._csv_file(lines())

    def _csv_file(self, lines):
        response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.csv_name}.csv"'
        return response

    def finalize_response(self, request, response, *args, **kwargs):
        # Last-Modified: the newest update time of the records in the body.
        modified = getattr(self, "modified", None)
        if response.status_code == 200 and modified and not response.has_header("Last-Modified"):
            response["Last-Modified"] = http_date(max(modified).timestamp())
        deprecation.add_headers(response, request, deprecation.in_use(self, request))
        # Errors are always JSON, even when CSV was asked for.
        if response.status_code >= 400 and isinstance(getattr(request, "accepted_renderer", None), CSVRenderer):
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)


def _joined_paths(select_related) -> list[str]:
    """The paths a queryset's select_related reaches, deepest only:
    {"membership": {"member": {}}} → ["membership__member"]."""
    if not isinstance(select_related, dict):
        return []
    paths = []
    for name, below in select_related.items():
        paths += [f"{name}__{path}" for path in _joined_paths(below)] or [name]
    return paths


def _related_model(model, path: str):
    """The model at the end of ``path``, or None if there is no such relation."""
    try:
        for part in path.split("__"):
            model = model._meta.get_field(part).related_model
    except (FieldDoesNotExist, AttributeError):
        return None
    return model


def _has_field(model, name: str) -> bool:
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True
