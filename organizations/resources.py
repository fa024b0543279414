"""Spreadsheet columns for organizations, memberships and dues (see README,
"Staff workflow"). Related records are named by slug or acronym."""

from django.utils.translation import gettext_lazy as _
from import_export import fields, widgets

from core.resources import RecordResource
from core.widgets import KeyWidget, TextWidget
from organizations.models import Ballot, Dues, Membership, Office, Organization, OrganizationName, Person

RECORD_COLUMNS = RecordResource.RECORD_COLUMNS


def organization_widget():
    """A column naming an organization by its slug or its acronym (any case)."""
    return KeyWidget(Organization, "slug", also=("acronym__iexact",))


class OrganizationResource(RecordResource):
    parent = fields.Field(attribute="parent", column_name="parent", widget=organization_widget())

    class Meta(RecordResource.Meta):
        model = Organization
        import_id_fields = ["slug"]
        fields = (
            "slug",
            "acronym",
            "name_vi",
            "name_en",
            "kind",
            "parent",
            "country",
            "founded_on",
            "founded_year",
            "website",
            "description_vi",
            "description_en",
            *RecordResource.RECORD_COLUMNS,
        )


class MembershipResource(RecordResource):
    member = fields.Field(attribute="member", column_name="member", widget=organization_widget())
    organization = fields.Field(attribute="organization", column_name="organization", widget=organization_widget())

    class Meta(RecordResource.Meta):
        model = Membership
        import_id_fields = ["member", "organization", "member_class"]
        fields = (
            "member",
            "organization",
            "member_class",
            "represents",
            "since",
            "since_year",
            "until",
            "note_vi",
            "note_en",
            *RecordResource.RECORD_COLUMNS,
        )

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("member", "organization", "source")


class MembershipWidget(KeyWidget):
    """Dues name their membership by three columns: member, organization and
    (when the member holds more than one class there) member_class."""

    def __init__(self):
        super().__init__(Membership, field="organization__slug")
        # Kept for the whole file, like every KeyWidget's finds: a dues sheet
        # names the same few organizations on every row.
        self.organizations = organization_widget()

    def clean(self, value, row=None, **kwargs):
        row = row or {}
        member = self.organizations.clean(row.get("member"))
        organization = self.organizations.clean(value)
        if member is None or organization is None:
            raise ValueError(_("Give both the member and the organization of the membership."))
        member_class = TextWidget().clean(row.get("member_class"))
        candidates = Membership.objects.filter(member=member, organization=organization)
        if member_class:
            candidates = candidates.filter(member_class=member_class)
        found = list(candidates[:2])
        if len(found) == 1:
            return found[0]
        if found:
            raise ValueError(_("This member holds several classes of membership here: fill in member_class."))
        raise ValueError(
            _("%(member)s has no membership of %(organization)s; import the membership first.")
            % {"member": member.display_name, "organization": organization.display_name}
        )


class DuesResource(RecordResource):
    member = fields.Field(
        attribute="membership__member__slug", column_name="member", readonly=True, widget=widgets.CharWidget()
    )
    membership = fields.Field(attribute="membership", column_name="organization", widget=MembershipWidget())
    member_class = fields.Field(
        attribute="membership__member_class", column_name="member_class", readonly=True, widget=widgets.CharWidget()
    )

    class Meta(RecordResource.Meta):
        model = Dues
        import_id_fields = ["membership", "year"]
        # Staff may see amounts (the admin is staff-only), so they export.
        fields = (
            "member",
            "membership",
            "member_class",
            "year",
            "amount",
            "currency",
            "due_on",
            "paid_on",
            "reported_on_time",
            "note_vi",
            "note_en",
            *RecordResource.RECORD_COLUMNS,
        )

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("membership__member", "membership__organization", "source")


class PersonResource(RecordResource):
    unit = fields.Field(attribute="unit", column_name="unit", widget=organization_widget())

    class Meta(RecordResource.Meta):
        model = Person
        import_id_fields = ["slug"]
        # Contact details are staff-only; the admin that exports them is too.
        fields = ("slug", "full_name", "position_vi", "position_en", "unit", "email", "phone", *RECORD_COLUMNS)


class OrganizationNameResource(RecordResource):
    organization = fields.Field(attribute="organization", column_name="organization", widget=organization_widget())

    class Meta(RecordResource.Meta):
        model = OrganizationName
        import_id_fields = ["key"]
        fields = (
            "key",
            "organization",
            "name_vi",
            "name_en",
            "acronym",
            "valid_from",
            "valid_until",
            *RECORD_COLUMNS,
        )

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("organization", "source")


class OfficeResource(RecordResource):
    body = fields.Field(attribute="body", column_name="body", widget=organization_widget())
    holder_organization = fields.Field(
        attribute="holder_organization", column_name="holder_organization", widget=organization_widget()
    )
    holder_person = fields.Field(attribute="holder_person", column_name="holder_person", widget=KeyWidget(Person))

    class Meta(RecordResource.Meta):
        model = Office
        import_id_fields = ["slug"]
        fields = (
            "slug",
            "role",
            "body",
            "holder_organization",
            "holder_person",
            "title_vi",
            "title_en",
            "term_start",
            "term_end",
            "term_year",
            "note_vi",
            "note_en",
            *RECORD_COLUMNS,
        )

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("body", "holder_organization", "holder_person", "source")


class BallotResource(RecordResource):
    committee = fields.Field(attribute="committee", column_name="committee", widget=organization_widget())

    class Meta(RecordResource.Meta):
        model = Ballot
        import_id_fields = ["committee", "reference", "stage"]
        fields = (
            "committee",
            "reference",
            "stage",
            "title_vi",
            "title_en",
            "opens_on",
            "closes_on",
            "vote",
            "voted_on",
            "comment_vi",
            "comment_en",
            *RECORD_COLUMNS,
        )

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("committee", "source")
