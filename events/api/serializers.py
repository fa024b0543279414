from api.fields import DetailLinkField, WebAddressField
from api.serializers import BilingualModelSerializer, NestedRecordSerializer, RecordSerializer
from events.models import Delegation, DelegationMember, Event, Initiative
from organizations.api.serializers import NestedOrganizationSerializer, NestedPersonSerializer


class NestedEventSerializer(NestedRecordSerializer):
    url = DetailLinkField(view_name="api:event-detail")

    class Meta:
        model = Event
        fields = ["id", "url", "slug", "title", "start_on", "end_on"]


class EventSerializer(RecordSerializer):
    url = DetailLinkField(view_name="api:event-detail")
    forum = NestedOrganizationSerializer(read_only=True, allow_null=True)
    # The model's own "url" field (the event's web page); "url" is the API link.
    web_page = WebAddressField(source="url")

    class Meta:
        model = Event
        fields = [
            "id",
            "url",
            "slug",
            "kind",
            "title",
            "forum",
            "start_on",
            "end_on",
            "mode",
            "city",
            "country",
            "hosted_by_us",
            "chaired_by_us",
            "description",
            "web_page",
            "visibility",
            "source",
            "created_at",
            "updated_at",
        ]


class DelegationMemberSerializer(BilingualModelSerializer):
    # The person is a visibility parent of the member row.
    person = NestedPersonSerializer(read_only=True)

    class Meta:
        model = DelegationMember
        fields = ["person", "role"]


class DelegationSerializer(RecordSerializer):
    url = DetailLinkField(view_name="api:delegation-detail")
    event = NestedEventSerializer(read_only=True, allow_null=True)
    forum = NestedOrganizationSerializer(read_only=True, allow_null=True)
    counterpart = NestedOrganizationSerializer(read_only=True, allow_null=True)
    head = NestedPersonSerializer(read_only=True, allow_null=True)
    members = DelegationMemberSerializer(source="memberships", many=True, read_only=True)

    class Meta:
        model = Delegation
        fields = [
            "id",
            "url",
            "slug",
            "direction",
            "title",
            "event",
            "forum",
            "counterpart",
            "country",
            "start_on",
            "end_on",
            "head",
            "members",
            "headcount",
            "headcount_qualifier",
            "funding",
            "description",
            "visibility",
            "source",
            "created_at",
            "updated_at",
        ]


class InitiativeSerializer(RecordSerializer):
    url = DetailLinkField(view_name="api:initiative-detail")
    forum = NestedOrganizationSerializer(read_only=True, allow_null=True)
    proposer = NestedOrganizationSerializer(read_only=True, allow_null=True)
    event = NestedEventSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Initiative
        fields = [
            "id",
            "url",
            "slug",
            "title",
            "forum",
            "year",
            "proposer",
            "event",
            "status",
            "description",
            "outcome",
            "visibility",
            "source",
            "created_at",
            "updated_at",
        ]
