from api.csv_sql import CopyPlan, NestedList, empty_object_cell
from api.viewsets import RecordViewSet
from organizations import selectors
from organizations.api import projections, serializers
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
    projection = projections.ORGANIZATION
    filterset_class = OrganizationFilterSet
    selector = staticmethod(selectors.organization_list)
    csv_name = "organizations"
    # Former names in former_names' order (the CSV export by COPY, api.csv_sql).
    csv_copy = CopyPlan(lists={"names": NestedList(OrganizationName, "organization", selectors.NAMES_ORDER)})

    def prefetches(self, audience):
        # Former names: the record shows them (the list page does not).
        return [selectors.former_names(audience)]


class MembershipViewSet(RecordViewSet):
    about = "Memberships in organizations: who is a member of what, in which class, since when."
    natural_key = None
    queryset = Membership.objects.all()
    serializer_class = serializers.MembershipSerializer
    filterset_class = MembershipFilterSet
    selector = staticmethod(selectors.membership_list)
    csv_name = "memberships"
    csv_copy = CopyPlan(computed={"standing": empty_object_cell("standing")})


class DuesViewSet(RecordViewSet):
    about = "Annual dues of a membership: whether and when they were paid (never the amount)."
    natural_key = None
    queryset = Dues.objects.all()
    serializer_class = serializers.DuesSerializer
    filterset_class = DuesFilterSet
    selector = staticmethod(selectors.dues_list)
    csv_name = "dues"
    csv_copy = CopyPlan()
    # dues_list reads Dues.objects (DuesManager), which annotates the derived
    # status (on time, late, overdue, ...) in SQL.


class PersonViewSet(RecordViewSet):
    about = "People named in the registry (never their contact details)."
    queryset = Person.objects.all()
    serializer_class = serializers.PersonSerializer
    filterset_class = PersonFilterSet
    selector = staticmethod(selectors.person_list)
    csv_name = "people"
    csv_copy = CopyPlan()


class OfficeViewSet(RecordViewSet):
    about = "Offices held (chair, co-chair, secretariat, ...) in an organization's bodies."
    queryset = Office.objects.all()
    serializer_class = serializers.OfficeSerializer
    filterset_class = OfficeFilterSet
    selector = staticmethod(selectors.office_list)
    csv_name = "offices"
    csv_copy = CopyPlan(computed={"standing": empty_object_cell("standing")})


class BallotViewSet(RecordViewSet):
    about = "ISO and IEC ballots and the vote cast."
    natural_key = None
    queryset = Ballot.objects.all()
    serializer_class = serializers.BallotSerializer
    filterset_class = BallotFilterSet
    selector = staticmethod(selectors.ballot_list)
    csv_name = "ballots"
    csv_copy = CopyPlan()
