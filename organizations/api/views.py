from django.db.models import Prefetch

from api.viewsets import RecordViewSet
from organizations.api import serializers
from organizations.filtersets import (
    BallotFilterSet,
    DuesFilterSet,
    MembershipFilterSet,
    OfficeFilterSet,
    OrganizationFilterSet,
    PersonFilterSet,
)
from organizations.models import Ballot, Dues, Membership, Office, Organization, OrganizationName, Person


class OrganizationViewSet(RecordViewSet):
    about = "International and regional organizations, national bodies and their units, with their former names."
    queryset = Organization.objects.all()
    serializer_class = serializers.OrganizationSerializer
    filterset_class = OrganizationFilterSet
    ordering = ("acronym", "slug")
    select = ("parent",)
    csv_name = "organizations"

    def prefetches(self, audience):
        names = OrganizationName.objects.visible_to(audience).order_by("valid_from", "valid_until", "pk")
        return [Prefetch("names", queryset=names)]


class MembershipViewSet(RecordViewSet):
    about = "Memberships in organizations: who is a member of what, in which class, since when."
    natural_key = None
    queryset = Membership.objects.all()
    serializer_class = serializers.MembershipSerializer
    filterset_class = MembershipFilterSet
    ordering = ("organization__acronym", "since")
    select = ("member", "organization")
    csv_name = "memberships"


class DuesViewSet(RecordViewSet):
    about = "Annual dues of a membership: whether and when they were paid (never the amount)."
    natural_key = None
    queryset = Dues.objects.all()
    serializer_class = serializers.DuesSerializer
    filterset_class = DuesFilterSet
    ordering = ("-year",)
    select = ("membership__member", "membership__organization")
    csv_name = "dues"
    # No base_queryset override: Dues.objects (DuesManager) already annotates
    # the derived status (on time, late, overdue, ...) in SQL.


class PersonViewSet(RecordViewSet):
    about = "People named in the registry (never their contact details)."
    queryset = Person.objects.all()
    serializer_class = serializers.PersonSerializer
    filterset_class = PersonFilterSet
    ordering = ("full_name",)
    select = ("unit",)
    csv_name = "people"


class OfficeViewSet(RecordViewSet):
    about = "Offices held (chair, co-chair, secretariat, ...) in an organization's bodies."
    queryset = Office.objects.all()
    serializer_class = serializers.OfficeSerializer
    filterset_class = OfficeFilterSet
    ordering = ("-term_start",)
    select = ("body", "holder_organization", "holder_person")
    csv_name = "offices"


class BallotViewSet(RecordViewSet):
    about = "ISO and IEC ballots and the vote cast."
    natural_key = None
    queryset = Ballot.objects.all()
    serializer_class = serializers.BallotSerializer
    filterset_class = BallotFilterSet
    ordering = ("-closes_on",)
    select = ("committee",)
    csv_name = "ballots"
