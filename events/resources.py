"""Spreadsheet columns for events, delegations and initiatives (see README,
"Staff workflow"). Related records are named by slug or acronym."""

from import_export import fields

from core.resources import RecordResource
from core.widgets import KeyWidget
from events.models import Delegation, DelegationMember, Event, Initiative
from organizations.models import Person
from organizations.resources import organization_widget


class EventResource(RecordResource):
    forum = fields.Field(attribute="forum", column_name="forum", widget=organization_widget())

    class Meta(RecordResource.Meta):
        model = Event
        import_id_fields = ["slug"]
        fields = (
            "slug",
            "kind",
            "title_vi",
            "title_en",
            "forum",
            "start_on",
            "end_on",
            "mode",
            "city_vi",
            "city_en",
            "country",
            "hosted_by_us",
            "chaired_by_us",
            "description_vi",
            "description_en",
            "url",
            *RecordResource.RECORD_COLUMNS,
        )

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("forum", "source")


class DelegationResource(RecordResource):
    event = fields.Field(attribute="event", column_name="event", widget=KeyWidget(Event))
    forum = fields.Field(attribute="forum", column_name="forum", widget=organization_widget())
    counterpart = fields.Field(attribute="counterpart", column_name="counterpart", widget=organization_widget())
    head = fields.Field(attribute="head", column_name="head", widget=KeyWidget(Person))

    class Meta(RecordResource.Meta):
        model = Delegation
        import_id_fields = ["slug"]
        fields = (
            "slug",
            "direction",
            "title_vi",
            "title_en",
            "event",
            "forum",
            "counterpart",
            "country",
            "start_on",
            "end_on",
            "head",
            "headcount",
            "headcount_qualifier",
            "funding",
            "description_vi",
            "description_en",
            *RecordResource.RECORD_COLUMNS,
        )

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("event", "forum", "counterpart", "head", "source")


class InitiativeResource(RecordResource):
    forum = fields.Field(attribute="forum", column_name="forum", widget=organization_widget())
    proposer = fields.Field(attribute="proposer", column_name="proposer", widget=organization_widget())
    event = fields.Field(attribute="event", column_name="event", widget=KeyWidget(Event))

    class Meta(RecordResource.Meta):
        model = Initiative
        import_id_fields = ["slug"]
        fields = (
            "slug",
            "title_vi",
            "title_en",
            "forum",
            "year",
            "proposer",
            "event",
            "status",
            "description_vi",
            "description_en",
            "outcome_vi",
            "outcome_en",
            *RecordResource.RECORD_COLUMNS,
        )

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("forum", "proposer", "event", "source")


class DelegationMemberResource(RecordResource):
    delegation = fields.Field(attribute="delegation", column_name="delegation", widget=KeyWidget(Delegation))
    person = fields.Field(attribute="person", column_name="person", widget=KeyWidget(Person))

    class Meta(RecordResource.Meta):
        model = DelegationMember
        import_id_fields = ["delegation", "person"]
        fields = ("delegation", "person", "role_vi", "role_en", *RecordResource.RECORD_COLUMNS)

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("delegation", "person", "source")
