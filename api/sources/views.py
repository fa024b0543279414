from api.csv_sql import CopyPlan
from api.sources import serializers
from api.viewsets import RecordViewSet
from core.filtersets import ReportedFigureFilterSet, SourceFilterSet
from core.models import ReportedFigure, Source
from core.selectors import sources_visible_to


class SourceViewSet(RecordViewSet):
    about = "Sources (documents, web pages) cited by at least one record the caller may see."
    natural_key = "key"
    queryset = Source.objects.all()
    serializer_class = serializers.SourceSerializer
    filterset_class = SourceFilterSet
    ordering = ("key",)
    csv_name = "sources"
    csv_copy = CopyPlan()

    def base_queryset(self):
        return sources_visible_to(self.audience)

    def get_queryset(self):
        # A source is not a record: it has no source of its own to join.
        return self.base_queryset().order_by(*self.ordering)


class ReportedFigureViewSet(RecordViewSet):
    about = "Figures reported by a source (counts, amounts, shares), with the date they hold for."
    natural_key = "key"
    queryset = ReportedFigure.objects.all()
    serializer_class = serializers.ReportedFigureSerializer
    filterset_class = ReportedFigureFilterSet
    ordering = ("key",)
    csv_name = "reported-figures"
    csv_copy = CopyPlan()
