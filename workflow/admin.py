"""Admin pieces of the staff workflow: the document inlines that the
agreement, event and delegation admins include, and a read-only list of the
reminders sent."""

import logging

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.admin import GenericTabularInline
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.forms import SelectableFieldsExportForm
from import_export.results import RowResult
from modeltranslation.admin import TranslationTabularInline

from core.admin_lists import ListInputMixin
from core.locking import StampLockedAdminMixin, StampLockedForm
from core.resources import field_label
from core.spreadsheet_files import SheetError
from workflow.models import Document, JournalEntry, ReminderSent
from workflow.selectors import RadarKind, admin_change_url

logger = logging.getLogger(__name__)

IMPORT_LOG_MESSAGES = {
    RowResult.IMPORT_TYPE_NEW: _("Added by a spreadsheet import."),
    RowResult.IMPORT_TYPE_UPDATE: _("Changed by a spreadsheet import."),
}


class LabelledExportForm(SelectableFieldsExportForm):
    """The export page's column checkboxes name each column by its label in
    the active language and its column name ("Tên viết tắt (Tiếng Việt) —
    short_title_vi"), not the library's "Short Title Vi"."""

    def _get_field_label(self, resource, field_name):
        field = resource.fields.get(field_name)
        if field is None:
            return field_name
        return f"{field_label(resource._meta.model, field)} — {field.column_name}"


class SpreadsheetAdminMixin:
    """Import/export behaviour shared by the registry's admins (put it before
    ``ImportExportModelAdmin``): imports only where a spreadsheet resource
    (``resource_classes``, natural keys) is declared, CSV exports Excel reads
    as UTF-8, and a confirmation
    that fails (the data changed since the preview) says so instead of
    reporting success."""

    to_encoding = "utf-8-sig"
    export_form_class = LabelledExportForm

    def has_import_permission(self, request):
        # Only models with a declared resource import: the default one would
        # name related records by database id and skip our checks.
        return bool(self.resource_classes) and super().has_import_permission(request)

    def create_import_form(self, request):
        form = super().create_import_form(request)
        # An empty file reaches our formats, which say so like every other
        # problem with a file (Django's field would only say "empty").
        form.fields["import_file"].allow_empty_file = True
        return form

    def add_data_read_fail_error_to_form(self, form, e):
        # The library names the exception ("'BadZipFile' encountered…"); our
        # formats raise SheetError with a sentence for the person instead.
        if not isinstance(e, SheetError):
            logger.warning("Unreadable spreadsheet upload", exc_info=e)
            e = _("This file could not be read. Check that the format chosen matches the file (.xlsx or .csv).")
        form.add_error("import_file", str(e))

    def add_success_message(self, result, request):
        totals = result.totals
        messages.success(
            request,
            _("Import finished: %(new)d new, %(changed)d changed, %(skipped)d unchanged (%(things)s).")
            % {
                "new": totals[RowResult.IMPORT_TYPE_NEW],
                "changed": totals[RowResult.IMPORT_TYPE_UPDATE],
                "skipped": totals[RowResult.IMPORT_TYPE_SKIP],
                "things": self.model._meta.verbose_name_plural,
            },
        )

    def _create_log_entry(self, user_pk, rows, import_type, action_flag):
        # The library writes "new through import_export"; say it in words.
        if rows:
            message = IMPORT_LOG_MESSAGES.get(import_type, IMPORT_LOG_MESSAGES[RowResult.IMPORT_TYPE_UPDATE])
            LogEntry.objects.log_actions(
                user_pk, rows, action_flag, change_message=str(message), single_object=len(rows) == 1
            )

    def get_export_data(self, file_format, request, queryset, **kwargs):
        # As the library's, except that a workbook is told to keep native
        # types whatever its format class (it only recognises its own XLSX).
        if not self.has_export_permission(request):
            raise PermissionDenied
        data = self.get_data_for_export(request, queryset, force_native_type=file_format.is_binary(), **kwargs)
        export_data = file_format.export_data(data)
        encoding = kwargs.get("encoding")
        if not file_format.is_binary() and encoding:
            export_data = export_data.encode(encoding)
        return export_data

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


class JournalForm(StampLockedForm):
    class Meta:
        model = JournalEntry
        fields = ["comment"]
        widgets = {"comment": forms.Textarea(attrs={"rows": 2, "cols": 60})}


class JournalInline(StampLockedAdminMixin, GenericTabularInline):
    """The record's journal: staff add dated comments; entries stay as written
    (no change or delete), so the lock only notices a row deleted meanwhile."""

    model = JournalEntry
    form = JournalForm
    ct_field = "record_type"
    ct_fk_field = "record_id"
    fields = ("created_at", "author", "comment")
    readonly_fields = ("created_at", "author")
    extra = 0
    classes = ("journal",)

    def get_fieldsets(self, request, obj=None):
        return self.with_stamp_field(request, obj, super().get_fieldsets(request, obj))

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def save_journal(request, formset) -> None:
    """New journal entries get their author."""
    for entry in formset.save(commit=False):
        entry.author = request.user
        entry.save()


@admin.register(ReminderSent)
class ReminderSentAdmin(ListInputMixin, admin.ModelAdmin):
    list_display = ["sent_at", "recipient", "record", "record_kind", "due_date", "horizon"]
    list_filter = ["horizon", "item_type"]
    search_fields = ["recipient"]
    date_hierarchy = "sent_at"

    def get_queryset(self, request):
        # One query for each kind of record named, not one per row.
        return super().get_queryset(request).select_related("item_type").prefetch_related("item")

    @admin.display(description=_("record"))
    def record(self, reminder):
        if reminder.item is None:
            return _("(deleted since)")
        url = admin_change_url(reminder.item, parent=getattr(reminder.item, "membership", None))
        return format_html('<a href="{}">{}</a>', url, reminder.item) if url else str(reminder.item)

    @admin.display(description=_("kind of item"), ordering="item_type")
    def record_kind(self, reminder):
        return capfirst(reminder.item_type.model_class()._meta.verbose_name) if reminder.item_type else "—"

    @admin.display(description=_("date"), ordering="due_on")
    def due_date(self, reminder):
        return format_html("{}: {}", reminder_date_label(reminder), date_format(reminder.due_on, "SHORT_DATE_FORMAT"))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


REMINDER_DATE_LABELS = {
    "agreement": RadarKind.AGREEMENT,
    "dues": RadarKind.DUES,
    "commitment": RadarKind.COMMITMENT,
    "ballot": RadarKind.BALLOT,
    "office": RadarKind.OFFICE,
    "event": RadarKind.EVENT,
    "membership": RadarKind.CONFIRMATION,
}


def reminder_date_label(reminder) -> str:
    """Which date the reminder was about: a deadline, a due date, a closing
    date... An office's date is its term's end unless it differs (then the
    reminder was about its confirmation lapsing)."""
    kind = REMINDER_DATE_LABELS.get(reminder.item_type.model, RadarKind.COMMITMENT)
    if kind == RadarKind.OFFICE and reminder.item is not None and reminder.item.term_end != reminder.due_on:
        kind = RadarKind.CONFIRMATION
    return str(RadarKind.DATE_LABELS[kind])
