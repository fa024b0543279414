from functools import partial

from agreements import selectors
from agreements.api import csv, projections, serializers
from agreements.filtersets import AgreementFilterSet, CommitmentFilterSet
from agreements.models import Agreement, Commitment
from api.viewsets import CSV_CHUNK, RecordViewSet


class AgreementViewSet(RecordViewSet):
    about = "MoUs, implementation plans, cooperation agreements, MRAs and FTAs, with parties and status history."
    queryset = Agreement.objects.all()
    serializer_class = serializers.AgreementSerializer
    projection = projections.AGREEMENT
    filterset_class = AgreementFilterSet
    selector = staticmethod(selectors.agreement_list)
    csv_name = "agreements"

    def csv_values(self, queryset):
        values = queryset.select_related(None).prefetch_related(None).values(*csv.AGREEMENT_VALUES)
        flat = partial(csv.flat_rows, audience=self.audience, request=self.request)
        return csv.dict_rows(values, chunk_size=CSV_CHUNK), flat

    def prefetches(self, audience):
        # The record's status_history and standing (the list page shows neither).
        return [selectors.status_history(audience)]


class CommitmentViewSet(RecordViewSet):
    about = "Commitments made under an agreement (e.g. an FTA's TBT chapter): who answers for it, by when, status."
    natural_key = None
    queryset = Commitment.objects.all()
    serializer_class = serializers.CommitmentSerializer
    projection = projections.COMMITMENT
    filterset_class = CommitmentFilterSet
    selector = staticmethod(selectors.commitment_list)
    csv_name = "commitments"
