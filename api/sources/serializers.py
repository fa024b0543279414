from api.fields import DetailLinkField
from api.serializers import RecordSerializer, SourceSerializer
from core.models import ReportedFigure

__all__ = ["ReportedFigureSerializer", "SourceSerializer"]


class ReportedFigureSerializer(RecordSerializer):
    url = DetailLinkField(view_name="api:reportedfigure-detail")

    class Meta:
        model = ReportedFigure
        fields = [
            "id",
            "url",
            "key",
            "label",
            "qualifier",
            "value",
            "as_of",
            "period_start",
            "period_end",
            "quote",
            "visibility",
            "source",
            "created_at",
            "updated_at",
        ]
