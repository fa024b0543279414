from functools import partial

from django.db.models import Prefetch

from agreements.api import csv, serializers
from agreements.filtersets import AgreementFilterSet, CommitmentFilterSet
from agreements.models import Agreement, AgreementParty, AgreementStatusChange, Commitment
from api.viewsets import CSV_CHUNK, RecordViewSet


class AgreementViewSet(RecordViewSet):
    about = "MoUs, implementation plans, cooperation agreements, MRAs and FTAs, with parties and status history."
    queryset = Agreement.objects.all()
    serializer_class = serializers.AgreementSerializer
    filterset_class = AgreementFilterSet
    ordering = ("-signed_on", "slug")
    select = ("parent",)
    csv_name = "agreements"

    def csv_values(self, queryset):
        values = queryset.select_related(None).prefetch_related(None).values(*csv.AGREEMENT_VALUES)
        flat = partial(csv.flat_rows, audience=self.audience, request=self.request)
        return csv.dict_rows(values, chunk_size=CSV_CHUNK), flat

    def prefetches(self, audience):
        return [
            Prefetch(
                "parties",
                queryset=AgreementParty.objects.visible_to(audience).select_related("organization").order_by("pk"),
            ),
            Prefetch(
                "status_changes",
                queryset=AgreementStatusChange.objects.visible_to(audience).order_by("changed_on", "year", "pk"),
            ),
        ]


class CommitmentViewSet(RecordViewSet):
    about = "Commitments made under an agreement (e.g. an FTA's TBT chapter): who answers for it, by when, status."
    natural_key = None
    queryset = Commitment.objects.all()
    serializer_class = serializers.CommitmentSerializer
    filterset_class = CommitmentFilterSet
    ordering = ("deadline", "code")
    select = ("agreement", "responsible_unit", "responsible_person")
    csv_name = "commitments"
