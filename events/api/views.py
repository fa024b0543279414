from api.csv_sql import CopyPlan, NestedList
from api.viewsets import RecordViewSet
from events import selectors
from events.api import projections, serializers
from events.filtersets import DelegationFilterSet, EventFilterSet, InitiativeFilterSet
from events.models import Delegation, DelegationMember, Event, Initiative


class EventViewSet(RecordViewSet):
    about = "Meetings, conferences, negotiations and signings, with where and when they take place."
    queryset = Event.objects.all()
    serializer_class = serializers.EventSerializer
    projection = projections.EVENT
    filterset_class = EventFilterSet
    selector = staticmethod(selectors.event_list)
    csv_name = "events"
    csv_copy = CopyPlan()


class DelegationViewSet(RecordViewSet):
    about = "Delegations sent abroad or received, with their members."
    queryset = Delegation.objects.all()
    serializer_class = serializers.DelegationSerializer
    filterset_class = DelegationFilterSet
    selector = staticmethod(selectors.delegation_list)
    csv_name = "delegations"
    csv_copy = CopyPlan(lists={"members": NestedList(DelegationMember, "delegation", selectors.MEMBERS_ORDER)})

    def prefetches(self, audience):
        # The record's members (the list page does not show them).
        return [selectors.delegation_members(audience)]


class InitiativeViewSet(RecordViewSet):
    about = "Initiatives proposed in an international forum and their status."
    queryset = Initiative.objects.all()
    serializer_class = serializers.InitiativeSerializer
    filterset_class = InitiativeFilterSet
    selector = staticmethod(selectors.initiative_list)
    csv_name = "initiatives"
    csv_copy = CopyPlan()
