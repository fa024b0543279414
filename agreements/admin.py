from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_countries.filters import CountryFilter

from agreements.choices import AgreementStatus
from agreements.models import Agreement, AgreementParty, AgreementStatusChange, Commitment
from agreements.resources import (
    AgreementPartyResource,
    AgreementResource,
    AgreementStatusChangeResource,
    CommitmentResource,
)
from agreements.services import sync_agreement_status
from core.admin import ChildRecordAdmin, RecordAdmin, RecordStackedInline, RecordTabularInline


class PartyInline(RecordTabularInline):
    model = AgreementParty


class StatusChangeInline(RecordTabularInline):
    model = AgreementStatusChange


STATUS_HISTORY_PREFIX = "status_changes"  # the inline's form prefix: Agreement.status_changes


class CommitmentInline(RecordStackedInline):
    model = Commitment


@admin.register(Agreement)
class AgreementAdmin(RecordAdmin):
    resource_classes = [AgreementResource]
    list_display = ("__str__", "kind", "status", "parent", "signed_on", "valid_from", "valid_until", "visibility")
    list_filter = ("kind", "status", "visibility")
    # Its own declared search_fields (core.search) are searched first; these reach related rows.
    search_fields = ("parties__organization__acronym", "parties__organization__name_vi")
    list_select_related = ("parent",)
    date_hierarchy = "signed_on"
    # workflow adds its signed-documents inline (workflow.admin.attach_document_inlines).
    inlines = (PartyInline, StatusChangeInline, CommitmentInline)
    readonly_fields = (*RecordAdmin.readonly_fields, "current_status")

    def get_fieldsets(self, request, obj=None):
        # The status is derived from the history: shown, never typed.
        fieldsets = super().get_fieldsets(request, obj)
        own_name, own = fieldsets[0]
        rows = ["current_status" if row == "status" else row for row in own["fields"]]
        return [(own_name, {**own, "fields": rows}), *fieldsets[1:]]

    @admin.display(description=_("current status"))
    def current_status(self, obj):
        status = obj.status if obj is not None else Agreement._meta.get_field("status").default
        return format_html(
            '<strong>{}</strong><div class="help">{}</div><a href="#{}-group">{}</a>',
            AgreementStatus(status).label,
            _("Set by the latest dated step of the status history below; it cannot be typed here."),
            STATUS_HISTORY_PREFIX,
            _("Add a status step"),
        )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The status-history inline is saved now: bring the current status in step.
        sync_agreement_status(agreement=form.instance)


@admin.register(AgreementParty)
class AgreementPartyAdmin(ChildRecordAdmin):
    resource_classes = [AgreementPartyResource]
    list_display = ("__str__", "agreement", "role", "signed_on", "ratified_on", "in_force_on", "visibility")
    list_filter = ("role", "visibility", ("country", CountryFilter))
    search_fields = (
        "organization__acronym",
        "organization__name_vi",
        "organization__name_en",
        "agreement__short_title_vi",
        "agreement__title_vi",
        "agreement__title_en",
    )
    list_select_related = ("agreement", "organization")
    date_hierarchy = "signed_on"


@admin.register(AgreementStatusChange)
class AgreementStatusChangeAdmin(ChildRecordAdmin):
    resource_classes = [AgreementStatusChangeResource]
    list_display = ("agreement", "status", "changed_on", "year", "visibility")
    list_filter = ("status", "visibility")
    search_fields = ("agreement__short_title_vi", "agreement__title_vi", "agreement__title_en", "note_vi")
    list_select_related = ("agreement",)
    date_hierarchy = "changed_on"

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        sync_agreement_status(agreement=obj.agreement)

    def delete_model(self, request, obj):
        agreement = obj.agreement
        super().delete_model(request, obj)
        sync_agreement_status(agreement=agreement)

    def delete_queryset(self, request, queryset):
        agreements = {change.agreement for change in queryset.select_related("agreement")}
        super().delete_queryset(request, queryset)
        for agreement in agreements:
            sync_agreement_status(agreement=agreement)


@admin.register(Commitment)
class CommitmentAdmin(ChildRecordAdmin):
    resource_classes = [CommitmentResource]
    list_display = ("title", "agreement", "reference", "responsible_unit", "deadline", "status", "visibility")
    list_filter = ("status", "visibility", "agreement__kind")
    # Its own declared search_fields (core.search) are searched first; these reach related rows.
    search_fields = ("agreement__short_title_vi", "agreement__title_vi", "responsible_unit__acronym")
    list_select_related = ("agreement", "responsible_unit")
    date_hierarchy = "deadline"
    # workflow adds its bulk actions (workflow.bulk.attach_bulk_actions).
