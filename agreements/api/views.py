from agreements import selectors
from agreements.api import csv, projections, serializers
from agreements.filtersets import AgreementFilterSet, CommitmentFilterSet
from agreements.models import Agreement, Commitment
from api.csv_sql import CopyPlan
from api.viewsets import RecordViewSet


class AgreementViewSet(RecordViewSet):
    about = "MoUs, implementation plans, cooperation agreements, MRAs and FTAs, with parties and status history."
    queryset = Agreement.objects.all()
    serializer_class = serializers.AgreementSerializer
    projection = projections.AGREEMENT
    filterset_class = AgreementFilterSet
    selector = staticmethod(selectors.agreement_list)
    csv_name = "agreements"
    csv_copy = csv.PLAN

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
    csv_copy = CopyPlan()
