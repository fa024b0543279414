from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.fields import CountryCodeField, DetailLinkField
from api.serializers import (
    BilingualModelSerializer,
    NestedRecordSerializer,
    RecordSerializer,
    StandingSerializer,
    standing_data,
)
from core import truth
from organizations.choices import DuesStatus
from organizations.models import Ballot, Dues, Membership, Office, Organization, OrganizationName, Person


class NestedOrganizationSerializer(NestedRecordSerializer):
    url = DetailLinkField(view_name="api:organization-detail")

    class Meta:
        model = Organization
        fields = ["id", "url", "slug", "acronym", "name"]


class NestedPersonSerializer(NestedRecordSerializer):
    url = DetailLinkField(view_name="api:person-detail")

    class Meta:
        model = Person
        fields = ["id", "url", "slug", "full_name"]


class NestedMembershipSerializer(NestedRecordSerializer):
    url = DetailLinkField(view_name="api:membership-detail")
    member = NestedOrganizationSerializer(read_only=True)
    organization = NestedOrganizationSerializer(read_only=True)

    class Meta:
        model = Membership
        fields = ["id", "url", "member", "organization", "member_class"]


class OrganizationNameSerializer(BilingualModelSerializer):
    class Meta:
        model = OrganizationName
        fields = ["name", "acronym", "valid_from", "valid_until"]


class OrganizationSerializer(RecordSerializer):
    url = DetailLinkField(view_name="api:organization-detail")
    parent = NestedOrganizationSerializer(read_only=True, allow_null=True)
    # A union of states (EU, EAEU): the countries it answers for in the
    # agreements' country filter.
    member_countries = serializers.ListField(child=CountryCodeField(), read_only=True)
    # Names it bore for a time (former names), each with its dates.
    names = OrganizationNameSerializer(many=True, read_only=True)

    class Meta:
        model = Organization
        fields = [
            "id",
            "url",
            "slug",
            "acronym",
            "name",
            "kind",
            "parent",
            "country",
            "member_countries",
            "founded_on",
            "founded_year",
            "website",
            "description",
            "names",
            "visibility",
            "source",
            "created_at",
            "updated_at",
        ]


class MembershipSerializer(RecordSerializer):
    url = DetailLinkField(view_name="api:membership-detail")
    member = NestedOrganizationSerializer(read_only=True)
    organization = NestedOrganizationSerializer(read_only=True)
    standing = serializers.SerializerMethodField(
        help_text="Whether it holds today, or as of when it was last reported."
    )

    @extend_schema_field(StandingSerializer)
    def get_standing(self, membership):
        return standing_data(truth.membership_standing(membership, timezone.localdate()))

    class Meta:
        model = Membership
        fields = [
            "id",
            "url",
            "member",
            "organization",
            "member_class",
            "represents",
            "since",
            "since_year",
            "until",
            "last_confirmed_on",
            "standing",
            "note",
            "visibility",
            "source",
            "created_at",
            "updated_at",
        ]


class DuesSerializer(RecordSerializer):
    """Whether and when dues were paid; never the amount or the currency."""

    url = DetailLinkField(view_name="api:dues-detail")
    membership = NestedMembershipSerializer(read_only=True)
    status = serializers.ChoiceField(choices=DuesStatus.choices, read_only=True)

    class Meta:
        model = Dues
        fields = [
            "id",
            "url",
            "membership",
            "year",
            "due_on",
            "paid_on",
            "reported_on_time",
            "status",
            "note",
            "visibility",
            "source",
            "created_at",
            "updated_at",
        ]


class PersonSerializer(RecordSerializer):
    """Name, position and unit; never contact details."""

    url = DetailLinkField(view_name="api:person-detail")
    unit = NestedOrganizationSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Person
        fields = [
            "id",
            "url",
            "slug",
            "full_name",
            "position",
            "unit",
            "visibility",
            "source",
            "created_at",
            "updated_at",
        ]


class OfficeSerializer(RecordSerializer):
    url = DetailLinkField(view_name="api:office-detail")
    body = NestedOrganizationSerializer(read_only=True)
    holder_organization = NestedOrganizationSerializer(read_only=True, allow_null=True)
    holder_person = NestedPersonSerializer(read_only=True, allow_null=True)
    standing = serializers.SerializerMethodField(
        help_text="Whether it is held today, or as of when it was last reported."
    )

    @extend_schema_field(StandingSerializer)
    def get_standing(self, office):
        return standing_data(truth.office_standing(office, timezone.localdate()))

    class Meta:
        model = Office
        fields = [
            "id",
            "url",
            "slug",
            "role",
            "title",
            "body",
            "holder_organization",
            "holder_person",
            "term_start",
            "term_end",
            "term_year",
            "last_confirmed_on",
            "standing",
            "note",
            "visibility",
            "source",
            "created_at",
            "updated_at",
        ]


class BallotSerializer(RecordSerializer):
    url = DetailLinkField(view_name="api:ballot-detail")
    committee = NestedOrganizationSerializer(read_only=True)

    class Meta:
        model = Ballot
        fields = [
            "id",
            "url",
            "committee",
            "reference",
            "stage",
            "title",
            "opens_on",
            "closes_on",
            "vote",
            "voted_on",
            "comment",
            "visibility",
            "source",
            "created_at",
            "updated_at",
        ]
