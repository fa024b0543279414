from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_countries.filters import CountryFilter

from core.admin import ChildRecordAdmin, RecordAdmin, RecordTabularInline
from core.locking import StampLockedForm
from organizations.choices import DuesStatus
from organizations.models import Ballot, Dues, Membership, Office, Organization, OrganizationName, Person
from organizations.resources import (
    BallotResource,
    DuesResource,
    MembershipResource,
    OfficeResource,
    OrganizationNameResource,
    OrganizationResource,
    PersonResource,
)


class OrganizationForm(StampLockedForm):
    def clean_founded_year(self):
        # The database checks the same bounds; said here in words staff understand.
        year = self.cleaned_data.get("founded_year")
        if year is not None and not 1800 <= year <= 2200:
            raise ValidationError(_("The founding year must be between 1800 and 2200."), code="implausible_year")
        return year


class OrganizationNameInline(RecordTabularInline):
    model = OrganizationName
    fk_name = "organization"
    extra = 0


@admin.register(Organization)
class OrganizationAdmin(RecordAdmin):
    resource_classes = [OrganizationResource]
    form = OrganizationForm
    list_display = ("acronym", "name", "kind", "parent", "country", "visibility")
    list_display_links = ("acronym", "name")
    list_filter = ("kind", "visibility", ("country", CountryFilter))
    # Former names too: staff looking up "Rostekhregulirovaniye" find Rosstandart.
    search_fields = ("names__acronym", "names__name_vi", "names__name_en")
    list_select_related = ("parent",)
    inlines = [OrganizationNameInline]


class DuesInline(RecordTabularInline):
    model = Dues
    fields = (
        "year",
        "amount",
        "currency",
        "due_on",
        "paid_on",
        "reported_on_time",
        "status_label",
        "note",
        "visibility",
        "source",
    )
    readonly_fields = ("status_label",)

    @admin.display(description=_("payment"))
    def status_label(self, obj):
        return obj.get_status_display() if obj and obj.pk else "—"


@admin.register(OrganizationName)
class OrganizationNameAdmin(ChildRecordAdmin):
    resource_classes = [OrganizationNameResource]
    list_display = ("__str__", "organization", "valid_from", "valid_until", "visibility")
    search_fields = ("acronym", "name_vi", "name_en", "organization__acronym", "organization__name_vi")
    list_select_related = ("organization",)


@admin.register(Membership)
class MembershipAdmin(RecordAdmin):
    resource_classes = [MembershipResource]
    list_display = ("organization", "member", "member_class", "since", "until", "visibility")
    list_filter = ("member_class", "visibility", "organization__kind")
    search_fields = (
        "organization__acronym",
        "organization__name_vi",
        "organization__name_en",
        "member__acronym",
        "member__name_vi",
        "member__name_en",
    )
    list_select_related = ("organization", "member")
    inlines = (DuesInline,)


class DuesStatusFilter(admin.SimpleListFilter):
    """Filters on the status the default manager derives in SQL."""

    title = _("payment")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return DuesStatus.choices

    def queryset(self, request, queryset):
        return queryset.filter(status=self.value()) if self.value() else queryset


@admin.register(Dues)
class DuesAdmin(ChildRecordAdmin):
    resource_classes = [DuesResource]
    list_display = ("membership", "year", "amount", "currency", "due_on", "paid_on", "status_label", "visibility")
    list_filter = (DuesStatusFilter, "year", "visibility")
    search_fields = (
        "membership__organization__acronym",
        "membership__organization__name_vi",
        "membership__organization__name_en",
        "membership__member__acronym",
    )
    list_select_related = ("membership__organization", "membership__member")
    date_hierarchy = "due_on"
    # workflow adds its bulk actions (workflow.bulk.attach_bulk_actions).

    @admin.display(description=_("payment"), ordering="status")
    def status_label(self, obj):
        return obj.get_status_display()


@admin.register(Person)
class PersonAdmin(RecordAdmin):
    resource_classes = [PersonResource]
    list_display = ("full_name", "position", "unit", "visibility")
    list_filter = ("visibility",)
    search_fields = ("full_name", "slug", "position_vi", "position_en", "unit__acronym", "unit__name_vi")
    list_select_related = ("unit",)


@admin.register(Office)
class OfficeAdmin(RecordAdmin):
    resource_classes = [OfficeResource]
    list_display = ("__str__", "role", "body", "holder_organization", "holder_person", "term_start", "term_end")
    list_filter = ("role", "visibility")
    search_fields = (
        "slug",
        "title_vi",
        "title_en",
        "body__acronym",
        "body__name_vi",
        "body__name_en",
        "holder_person__full_name",
        "holder_organization__acronym",
    )
    list_select_related = ("body", "holder_organization", "holder_person")
    date_hierarchy = "term_start"


@admin.register(Ballot)
class BallotAdmin(RecordAdmin):
    resource_classes = [BallotResource]
    list_display = ("reference", "stage", "committee", "opens_on", "closes_on", "vote", "voted_on", "visibility")
    list_filter = ("vote", "stage", "visibility")
    search_fields = ("reference", "title_vi", "title_en", "committee__acronym", "committee__name_vi")
    list_select_related = ("committee",)
    date_hierarchy = "closes_on"
