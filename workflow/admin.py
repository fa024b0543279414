"""Admin pieces of the staff workflow: the document inlines that the
agreement, event and delegation admins include, and a read-only list of the
reminders sent."""

from django import forms
from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationTabularInline

from core.locking import StampLockedAdminMixin, StampLockedForm
from workflow.models import Document, ReminderSent


class SpreadsheetAdminMixin:
    """Import/export behaviour shared by the registry's admins (put it before
    ``ImportExportModelAdmin``): imports only where a spreadsheet resource
    (``resource_classes``, natural keys) is declared, CSV exports Excel reads
    as UTF-8, and a confirmation
    that fails (the data changed since the preview) says so instead of
    reporting success."""

    to_encoding = "utf-8-sig"

    def has_import_permission(self, request):
        # Only models with a declared resource import: the default one would
        # name related records by database id and skip our checks.
        return bool(self.resource_classes) and super().has_import_permission(request)

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            failed = len(result.invalid_rows) + len(result.row_errors()) + len(result.base_errors)
            messages.error(
                request,
                ngettext(
                    "Nothing was imported: %(count)d row failed on confirmation (the data changed since the "
                    "preview). Upload the file again to see the errors.",
                    "Nothing was imported: %(count)d rows failed on confirmation (the data changed since the "
                    "preview). Upload the file again to see the errors.",
                    failed,
                )
                % {"count": failed},
            )
            opts = self.model._meta
            return HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_import"))
        return super().process_result(result, request)


class DocumentForm(StampLockedForm):
    class Meta:
        model = Document
        fields = ["title", "file", "visibility"]
        # A plain file input: the stored file is never linked by its media
        # address, only through the download view that checks visibility.
        widgets = {"file": forms.FileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"})}


class DocumentInline(StampLockedAdminMixin, TranslationTabularInline):
    model = Document
    form = DocumentForm
    extra = 0
    fields = ["title", "file", "visibility", "stored"]
    readonly_fields = ["stored"]
    verbose_name = _("signed document")
    verbose_name_plural = _("signed documents (PDF, PNG, JPEG)")

    def get_fieldsets(self, request, obj=None):
        return self.with_stamp_field(request, obj, super().get_fieldsets(request, obj))

    @admin.display(description=_("stored file"))
    def stored(self, document):
        if not document.pk:
            return "—"
        return format_html(
            '<a href="{}">{}</a> ({}, {})',
            document.get_absolute_url(),
            document.download_name,
            document.content_type,
            filesizeformat(document.size),
        )


class AgreementDocumentInline(DocumentInline):
    fk_name = "agreement"


class EventDocumentInline(DocumentInline):
    fk_name = "event"


class DelegationDocumentInline(DocumentInline):
    fk_name = "delegation"


@admin.register(ReminderSent)
class ReminderSentAdmin(admin.ModelAdmin):
    list_display = ["sent_at", "recipient", "item_type", "item_id", "due_on", "horizon"]
    list_filter = ["horizon", "item_type"]
    search_fields = ["recipient"]
    date_hierarchy = "sent_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
