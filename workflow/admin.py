"""Admin pieces of the staff workflow: the document inlines that the
agreement, event and delegation admins include, and a read-only list of the
reminders sent."""

from django import forms
from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline
from django.template.defaultfilters import filesizeformat
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationTabularInline

from core.admin_lists import ListInputMixin
from core.locking import StampLockedAdminMixin, StampLockedForm
from workflow.models import CalendarFeed, Document, JournalEntry, PublicationRequest, ReminderSent, ReportSchedule
from workflow.report_mail import plan
from workflow.selectors import RadarKind, admin_change_url


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


@admin.register(ReportSchedule)
class ReportScheduleAdmin(admin.ModelAdmin):
    """The period report e-mailed each month or quarter (docs/jobs.md)."""

    list_display = ("name", "frequency", "language", "active", "next_run_at", "last_sent_at")
    list_filter = ("active", "frequency", "language")
    fields = (
        "name",
        "frequency",
        "recipients",
        "language",
        "active",
        "next_run_at",
        "last_sent_at",
        "last_period_start",
        "last_period_end",
    )
    readonly_fields = ("next_run_at", "last_sent_at", "last_period_start", "last_period_end")

    def save_model(self, request, obj, form, change):
        # A new frequency, or a schedule switched back on, starts from the next due date.
        plan(obj, frequency_changed=bool({"frequency", "active"} & set(form.changed_data)))


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


@admin.register(CalendarFeed)
class CalendarFeedAdmin(ListInputMixin, admin.ModelAdmin):
    """Who has a private calendar link, and when it was last read: an
    administrator revokes one (deletes it) when someone leaves. Links are made
    by their owners on the staff calendar page, never here."""

    list_display = ["user", "created_at", "last_used_at"]
    search_fields = ["user__username"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(PublicationRequest)
class PublicationRequestAdmin(ListInputMixin, admin.ModelAdmin):
    """Publication review: what waits, and what was decided. Publishers
    approve or reject on a request's page (workflow.review); its author may
    withdraw it. Requests are made by saving records, never here."""

    list_display = ["requested_at", "record_link", "record_type", "summary", "requested_by", "status", "decided_by"]
    list_filter = ["status", "kind", "record_type"]
    search_fields = ["record_label", "requested_by__username", "comment"]
    date_hierarchy = "requested_at"
    change_form_template = "workflow/publication_request.html"
    readonly_fields = [
        "record_link",
        "record_type",
        "kind",
        "summary",
        "requested_by",
        "requested_at",
        "status",
        "decided_by",
        "decided_at",
        "comment",
    ]
    fields = readonly_fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("record_type", "requested_by", "decided_by")

    @admin.display(description=_("record"), ordering="record_label")
    def record_link(self, publication):
        if publication.record_id is None:
            return publication.record_label
        url = admin_change_url(publication.record) if publication.record is not None else ""
        return format_html('<a href="{}">{}</a>', url, publication.record_label) if url else publication.record_label

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_approve_permission(self, request):
        """Who sees the list's "approve the selected requests" (workflow.bulk)."""
        from workflow.review import may_publish

        return may_publish(request.user)

    def get_urls(self):
        from django.urls import path

        decide = self.admin_site.admin_view(self.decide_view)
        return [path("<int:pk>/decide/", decide, name="workflow_publicationrequest_decide"), *super().get_urls()]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        from workflow.review import may_publish, proposed_changes

        publication = self.get_object(request, object_id)
        extra = dict(extra_context or {})
        if publication is not None:
            extra.update(
                changes=proposed_changes(publication=publication, request=request),
                may_decide=publication.status == "pending" and may_publish(request.user),
                may_withdraw=publication.status == "pending" and publication.requested_by_id == request.user.pk,
            )
        return super().change_view(request, object_id, form_url, extra)

    def decide_view(self, request, pk):
        from django.contrib import messages
        from django.core.exceptions import PermissionDenied
        from django.shortcuts import get_object_or_404, redirect

        from workflow.review import approve, may_publish, reject, withdraw

        if request.method != "POST":
            return redirect("admin:workflow_publicationrequest_change", pk)
        publication = get_object_or_404(PublicationRequest, pk=pk)
        action, comment = request.POST.get("decision"), request.POST.get("comment", "")
        if action == "withdraw" and publication.requested_by_id == request.user.pk:
            decision = withdraw(publication=publication, user=request.user)
        elif action in ("approve", "reject") and may_publish(request.user):
            if action == "approve":
                decision = approve(publication=publication, request=request, comment=comment)
            else:
                decision = reject(publication=publication, user=request.user, comment=comment)
        else:
            raise PermissionDenied
        self.message_user(request, decision.message, messages.SUCCESS if decision.ok else messages.ERROR)
        return redirect("admin:workflow_publicationrequest_change", pk)


REMINDER_DATE_LABELS = {
    "agreement": RadarKind.AGREEMENT,
    "dues": RadarKind.DUES,
    "commitment": RadarKind.COMMITMENT,
    "ballot": RadarKind.BALLOT,
    "office": RadarKind.OFFICE,
    "event": RadarKind.EVENT,
    "delegation": RadarKind.DEPARTURE,
    "membership": RadarKind.CONFIRMATION,
}


def reminder_date_label(reminder) -> str:
    """Which date the reminder was about: a deadline, a due date, a closing
    date... An office's date is its term's end unless it differs (then the
    reminder was about its confirmation lapsing)."""
    kind = REMINDER_DATE_LABELS.get(reminder.item_type.model, RadarKind.COMMITMENT)
    if kind == RadarKind.OFFICE and reminder.item is not None and reminder.item.term_end != reminder.due_on:
        kind = RadarKind.CONFIRMATION
    if kind == RadarKind.DEPARTURE and reminder.item is not None and reminder.item.direction == "incoming":
        kind = RadarKind.ARRIVAL
    return str(RadarKind.DATE_LABELS[kind])


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


def attach_journal():
    """Put the journal on every registry record's page. Called from
    WorkflowConfig.ready(): core's RecordAdmin offers the place, the workflow
    app fills it, and core never imports the workflow."""
    from core import admin as core_admin

    if JournalInline not in core_admin.RECORD_PAGE_INLINES:
        core_admin.RECORD_PAGE_INLINES.append(JournalInline)
    core_admin.FORMSET_SAVERS[JournalEntry] = save_journal
