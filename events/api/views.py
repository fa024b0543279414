from django.db.models import Prefetch

from api.viewsets import RecordViewSet
from events.api import serializers
from events.filtersets import DelegationFilterSet, EventFilterSet, InitiativeFilterSet
from events.models import Delegation, DelegationMember, Event, Initiative


class EventViewSet(RecordViewSet):
    about = "Meetings, conferences, negotiations and signings, with where and when they take place."
    queryset = Event.objects.all()
    serializer_class = serializers.EventSerializer
    filterset_class = EventFilterSet
    ordering = ("-start_on", "slug")
    select = ("forum",)
    csv_name = "events"


class DelegationViewSet(RecordViewSet):
    about = "Delegations sent abroad or received, with their members."
    queryset = Delegation.objects.all()
    serializer_class = serializers.DelegationSerializer
    filterset_class = DelegationFilterSet
    ordering = ("-start_on", "slug")
    select = ("event", "forum", "counterpart", "head")
    csv_name = "delegations"

    def prefetches(self, audience):
        members = DelegationMember.objects.visible_to(audience).select_related("person").order_by("pk")
        return [Prefetch("memberships", queryset=members)]


class InitiativeViewSet(RecordViewSet):
    about = "Initiatives proposed in an international forum and their status."
    queryset = Initiative.objects.all()
    serializer_class = serializers.InitiativeSerializer
    filterset_class = InitiativeFilterSet
    ordering = ("-year", "slug")
    select = ("forum", "proposer", "event")
    csv_name = "initiatives"
