import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.choices import Visibility
from core.inputs import plausible_date_constraints
from core.querysets import VisibleQuerySet
from workflow.validators import extension_for, sniff_content_type, validate_document_file

DOCUMENT_PARENTS = ("agreement", "event", "delegation")


def document_upload_to(document: "Document", filename: str) -> str:
    # A random name: the stored path never reveals the title, and a guessed
    # path finds nothing. Files are served only by the checking view.
    return f"documents/{timezone.now():%Y}/{uuid.uuid4().hex}{extension_for(document.content_type)}"


class Document(models.Model):
    """A signed text, minutes or photo attached to an agreement, an event or a
    delegation. Visible only when both it and the record it belongs to are."""

    agreement = models.ForeignKey(
        "agreements.Agreement",
        verbose_name=_("agreement"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="documents",
    )
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="documents",
    )
    delegation = models.ForeignKey(
        "events.Delegation",
        verbose_name=_("delegation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="documents",
    )
    title = models.CharField(_("title"), max_length=300, blank=True, help_text=_("Empty: the file's name."))
    file = models.FileField(
        _("file"),
        upload_to=document_upload_to,
        max_length=200,
        validators=[validate_document_file],
        help_text=_("PDF, PNG or JPEG."),
    )
    content_type = models.CharField(_("type"), max_length=50, editable=False)
    size = models.PositiveBigIntegerField(_("size (bytes)"), editable=False, default=0)
    original_name = models.CharField(_("original file name"), max_length=255, editable=False, blank=True)
    visibility = models.CharField(
        _("visibility"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.INTERNAL,
        db_index=True,
        help_text=_("Also hidden whenever the record it belongs to is hidden."),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now, editable=False)

    visibility_parents = DOCUMENT_PARENTS
    objects = VisibleQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-uploaded_at"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(agreement__isnull=False, event__isnull=True, delegation__isnull=True)
                    | Q(agreement__isnull=True, event__isnull=False, delegation__isnull=True)
                    | Q(agreement__isnull=True, event__isnull=True, delegation__isnull=False)
                ),
                name="document_has_one_parent",
                violation_error_message=_("A document belongs to exactly one agreement, event or delegation."),
            ),
        ]

    def __str__(self):
        return self.title or self.original_name or _("document")

    def save(self, *args, **kwargs):
        if self.file and not self.file._committed:
            self.content_type = sniff_content_type(self.file) or "application/octet-stream"
            self.size = self.file.size
            self.original_name = self.file.name.rsplit("/", 1)[-1][:255]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("document-download", args=[self.pk])

    @property
    def parent(self):
        return self.agreement or self.event or self.delegation

    @property
    def download_name(self) -> str:
        return self.original_name or f"document-{self.pk}{extension_for(self.content_type)}"


class ReminderSent(models.Model):
    """One reminder e-mailed about one item at one horizon: the record that
    keeps ``send_reminders`` from sending it twice."""

    item_type = models.ForeignKey(ContentType, verbose_name=_("kind of item"), on_delete=models.CASCADE)
    item_id = models.PositiveBigIntegerField(_("item id"))
    item = GenericForeignKey("item_type", "item_id")
    due_on = models.DateField(_("due on"))
    horizon = models.PositiveSmallIntegerField(_("horizon (days)"), help_text=_("0: overdue."))
    recipient = models.EmailField(_("recipient"))
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        ordering = ["-sent_at"]
        constraints = [
            *plausible_date_constraints("remindersent", "due_on"),
            # A new due date (a deadline moved) is a new reminder; the same one is never sent twice.
            models.UniqueConstraint(
                fields=["item_type", "item_id", "due_on", "horizon", "recipient"], name="reminder_sent_once"
            ),
        ]

    def __str__(self):
        return f"{self.item_type.model} #{self.item_id} → {self.recipient} ({self.horizon})"


class JournalEntry(models.Model):
    """A dated comment by staff on any registry record (NetBox's journal):
    who called whom, what was agreed by telephone. Staff-only: never in the
    API, the public pages or the spreadsheets. Entries are kept as written."""

    record_type = models.ForeignKey(ContentType, verbose_name=_("kind of record"), on_delete=models.CASCADE)
    record_id = models.PositiveBigIntegerField(_("record id"))
    record = GenericForeignKey("record_type", "record_id")
    created_at = models.DateTimeField(_("written"), default=timezone.now, editable=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    comment = models.TextField(_("entry"))

    class Meta:
        verbose_name = _("journal entry")
        verbose_name_plural = _("journal")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["record_type", "record_id"], name="journal_entry_record")]

    def __str__(self):
        return self.comment[:60]


class ReportFrequency(models.TextChoices):
    MONTHLY = "monthly", _("Monthly (the previous month, on the 1st)")
    QUARTERLY = "quarterly", _("Quarterly (the previous quarter, on 1 January, April, July and October)")


def validate_address_list(value: str) -> None:
    from workflow.report_mail import parse_addresses

    parse_addresses(value)


class ReportSchedule(models.Model):
    """The period report e-mailed on its own to a list of addresses, each
    month or quarter, by a job on the queue (workflow.tasks)."""

    name = models.CharField(_("name"), max_length=100, help_text=_('E.g. "Monthly report to the leadership".'))
    frequency = models.CharField(
        _("frequency"), max_length=10, choices=ReportFrequency.choices, default=ReportFrequency.QUARTERLY
    )
    recipients = models.TextField(
        _("recipients"),
        validators=[validate_address_list],
        help_text=_("E-mail addresses, one per line or separated by commas."),
    )
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES, default="vi")
    active = models.BooleanField(_("active"), default=True)
    next_run_at = models.DateTimeField(_("next sending"), null=True, blank=True, editable=False)
    last_sent_at = models.DateTimeField(_("last sent"), null=True, blank=True, editable=False)
    last_period_start = models.DateField(_("last period from"), null=True, blank=True, editable=False)
    last_period_end = models.DateField(_("last period to"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("report e-mail schedule")
        verbose_name_plural = _("report e-mail schedules")
        ordering = ["name"]

    def __str__(self):
        return self.name


class CalendarFeed(models.Model):
    """A staff member's private calendar link (iCal), with internal items.
    Only a hash of its token is kept: the link is shown once, when made; a
    new link replaces the old one, and revoking deletes the row."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token_hash = models.CharField(_("token (SHA-256)"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("made"), default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(_("last read"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("private calendar link")
        verbose_name_plural = _("private calendar links")

    def __str__(self):
        return str(self.user)


class PublicationRequest(models.Model):
    """An editor's change that would show something new to the public, kept
    aside until a publisher approves it (four eyes). Meanwhile the record —
    and so the public site and the API — stays as last approved.

    A change made in a record's form is kept as the form's submission and
    replayed through the same form on approval (same validation, same
    optimistic lock: if the record changed since, approval fails and says
    why). A bulk action (submit for publication, set a status...) keeps the
    values it sets and the record's stamp, checked the same way."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Kind(models.TextChoices):
        FORM = "form", _("Change made in the form")
        VALUES = "values", _("Values set from a list (bulk action)")

    record_type = models.ForeignKey(ContentType, verbose_name=_("kind of record"), on_delete=models.CASCADE)
    record_id = models.PositiveBigIntegerField(
        _("record id"), null=True, blank=True, help_text=_("Empty: a new record.")
    )
    record = GenericForeignKey("record_type", "record_id")
    record_label = models.CharField(_("record"), max_length=300)
    kind = models.CharField(_("kind of change"), max_length=10, choices=Kind.choices, default=Kind.FORM)
    submission = models.JSONField(_("submitted form"), default=dict, editable=False)
    summary = models.TextField(_("what changes"), blank=True, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    comment = models.TextField(_("reviewer's comment"), blank=True)

    class Meta:
        verbose_name = _("publication request")
        verbose_name_plural = _("publication review")
        ordering = ["-requested_at", "-pk"]
        permissions = [("approve_publicationrequest", _("Can approve or reject publication requests"))]
        indexes = [models.Index(fields=["record_type", "record_id", "status"], name="publication_request_record")]

    def __str__(self):
        return f"{self.record_label} ({self.get_status_display()})"
