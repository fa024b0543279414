"""Admin pieces of the staff workflow: the document inlines that the
agreement, event and delegation admins include, and a read-only list of the
reminders sent."""

from django import forms
from django.contrib import admin
from django.template.defaultfilters import filesizeformat
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationTabularInline

from core.admin_lists import ListInputMixin
from core.locking import StampLockedAdminMixin, StampLockedForm
from workflow.models import Document, ReminderSent


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
class ReminderSentAdmin(ListInputMixin, admin.ModelAdmin):
    list_display = ["sent_at", "recipient", "item_type", "item_id", "due_on", "horizon"]
    list_filter = ["horizon", "item_type"]
    search_fields = ["recipient"]
    date_hierarchy = "sent_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


def attach_document_inlines():
    """Give the agreement, event and delegation admins their signed-documents
    inline. Called from WorkflowConfig.ready(), after the admins are
    registered: the workflow app adds to the apps below it, which never import
    it."""
    from agreements.models import Agreement
    from events.models import Delegation, Event

    for model, inline in (
        (Agreement, AgreementDocumentInline),
        (Event, EventDocumentInline),
        (Delegation, DelegationDocumentInline),
    ):
        admin_class = type(admin.site.get_model_admin(model))
        if inline not in admin_class.inlines:
            admin_class.inlines = (*admin_class.inlines, inline)
