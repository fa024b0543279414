from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from agreements.models import Agreement, AgreementParty, AgreementStatusChange, Commitment
from api.fields import DetailLinkField, list_link
from api.serializers import (
    BilingualModelSerializer,
    NestedRecordSerializer,
    RecordSerializer,
    StandingSerializer,
    standing_data,
)
from core import truth
from organizations.api.serializers import NestedOrganizationSerializer, NestedPersonSerializer


class NestedAgreementSerializer(NestedRecordSerializer):
    url = DetailLinkField(view_name="api:agreement-detail")

    class Meta:
        model = Agreement
        fields = ["id", "url", "slug", "kind", "short_title", "title"]


class AgreementPartySerializer(BilingualModelSerializer):
    # The organization is a visibility parent of the party row: when the row
    # is listed, the organization is visible too.
    organization = NestedOrganizationSerializer(read_only=True, allow_null=True)

    class Meta:
        model = AgreementParty
        fields = ["organization", "country", "role", "signatory", "signed_on", "ratified_on", "in_force_on"]


class AgreementStatusChangeSerializer(BilingualModelSerializer):
    class Meta:
        model = AgreementStatusChange
        fields = ["status", "changed_on", "year", "note"]


class AgreementSerializer(RecordSerializer):
    url = DetailLinkField(view_name="api:agreement-detail")
    parent = NestedAgreementSerializer(read_only=True, allow_null=True)
    parties = AgreementPartySerializer(many=True, read_only=True)
    status_history = AgreementStatusChangeSerializer(source="status_changes", many=True, read_only=True)
    commitments = serializers.SerializerMethodField(help_text="The list of this agreement's commitments.")
    standing = serializers.SerializerMethodField(
        help_text="Whether it still holds today: ended (with the day) once its validity or an ending stage is past."
    )

    @extend_schema_field(StandingSerializer)
    def get_standing(self, agreement):
        # status_changes is prefetched (visible rows only): no query per row.
        today = timezone.localdate()
        return standing_data(truth.agreement_standing(agreement, today, agreement.status_changes.all()))

    class Meta:
        model = Agreement
        fields = [
            "id",
            "url",
            "slug",
            "kind",
            "short_title",
            "title",
            "parent",
            "status",
            "standing",
            "signed_on",
            "valid_from",
            "valid_until",
            "summary",
            "text_url",
            "parties",
            "status_history",
            "commitments",
            "visibility",
            "source",
            "created_at",
            "updated_at",
        ]

    @extend_schema_field(serializers.URLField())
    def get_commitments(self, agreement) -> str:
        return f"{list_link(self.context.get('request'), 'api:commitment-list')}?agreement={agreement.pk}"


class CommitmentSerializer(RecordSerializer):
    url = DetailLinkField(view_name="api:commitment-detail")
    agreement = NestedAgreementSerializer(read_only=True)
    responsible_unit = NestedOrganizationSerializer(read_only=True, allow_null=True)
    responsible_person = NestedPersonSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Commitment
        fields = [
            "id",
            "url",
            "agreement",
            "code",
            "reference",
            "title",
            "text",
            "responsible_unit",
            "responsible_person",
            "deadline",
            "status",
            "evidence",
            "evidence_url",
            "visibility",
            "source",
            "created_at",
            "updated_at",
        ]
