from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from agreements.choices import CLOSED_COMMITMENT_STATUSES, AgreementKind, AgreementStatus, CommitmentStatus, PartyRole
from core import truth
from core.inputs import LeadDaysField, plausible_date_constraints, stored_lead_days
from core.models import AutoSlugMixin, ChildRecord, NaturalKeyMixin, Record, dates_in_order
from core.querysets import NaturalKeyQuerySet
from core.search import SearchField, exact_indexes, search_document_field, search_names_field
from organizations.models import Organization, Person, Reminded


class AgreementQuerySet(NaturalKeyQuerySet):
    def in_force_on(self, day):
        """In force on ``day`` by the dated status history and the validity, as
        it was then (core.truth)."""
        return self.filter(truth.agreement_in_force_q(day))


class Agreement(Reminded, AutoSlugMixin, NaturalKeyMixin, Record):
    """An MoU, an implementation plan, a cooperation agreement, an MRA or an FTA."""

    slug = models.SlugField(_("slug"), max_length=120, unique=True, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=AgreementKind.choices, db_index=True)
    short_title = models.CharField(_("short title"), max_length=100, blank=True, help_text=_("e.g. CPTPP, EVFTA"))
    title = models.CharField(_("title"), max_length=500)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent agreement"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text=_("The MoU an implementation plan carries out, for example."),
    )
    status = models.CharField(
        _("current status"),
        max_length=20,
        choices=AgreementStatus.choices,
        default=AgreementStatus.PROPOSED,
        db_index=True,
        help_text=_("Kept in step with the latest dated status change."),
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    text_url = models.URLField(_("text (URL)"), max_length=500, blank=True)

    natural_key_fields = ("slug",)
    objects = AgreementQuerySet.as_manager()
    # What the admin, the API's q and the site search look in (core.search).
    search_fields = (
        SearchField("short_title", "A", translated=True, exact=True),
        SearchField("title", "A", translated=True),
        SearchField("slug", "B", exact=True),
        SearchField("summary", "C", translated=True),
    )
    search_document = search_document_field(search_fields)
    search_names = search_names_field(search_fields)

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["-signed_on", "slug"]
        # The API's and the pages' default order, with the keyset tie-breaker.
        # On PostgreSQL a migration builds it "signed_on DESC NULLS LAST", the
        # lists' order (SQLite's DESC already puts nulls last).
        indexes = [
            models.Index(fields=["-signed_on", "slug", "id"], name="agreement_list_order"),
            *exact_indexes("agreement", "short_title_vi", "short_title_en", "slug"),
        ]
        constraints = [
            *plausible_date_constraints("agreement", "signed_on", "valid_from", "valid_until"),
            dates_in_order(
                "valid_from", "valid_until", "agreement_validity_ordered", _("Validity cannot end before it starts.")
            ),
            models.CheckConstraint(
                condition=~Q(parent=F("pk")),
                name="agreement_not_own_parent",
                violation_error_message=_("An agreement cannot be its own parent."),
            ),
        ]

    def slug_source(self) -> str:
        # The short title (cptpp, evfta) makes the shorter address when there is one.
        return self.short_title_vi or self.title_vi or self.title

    def __str__(self):
        return self.short_title or self.title

    def get_absolute_url(self):
        """Its page on the public site (which shows it only when public)."""
        return reverse("agreements:detail", args=[self.slug])


class AgreementPartyQuerySet(NaturalKeyQuerySet):
    def covering(self, codes):
        """Parties that answer for any of the countries ``codes``: the country
        itself, an organization seated there (Rosstandart for Russia), or a union
        of states (EU, EAEU) that has it among its member countries."""
        codes = [str(code) for code in codes]
        members = Q()
        for code in codes:
            # The field stores "AM,BY,KZ": a two-letter code can only match a
            # whole entry, never straddle a comma.
            members |= Q(organization__member_countries__contains=code)
        return self.filter(Q(country__in=codes) | Q(organization__country__in=codes) | members)


class AgreementParty(NaturalKeyMixin, ChildRecord):
    """A party to an agreement (an organization, a country or both), with its
    own signature, ratification and entry-into-force dates."""

    str_related = ("organization",)

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="parties"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agreement_parties",
    )
    country = CountryField(_("country"), blank=True)
    role = models.CharField(_("role"), max_length=20, choices=PartyRole.choices, default=PartyRole.SIGNATORY)
    signatory = models.CharField(
        _("signed by"), max_length=300, blank=True, help_text=_("Name and position of who signed.")
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    ratified_on = models.DateField(_("ratified on"), null=True, blank=True)
    in_force_on = models.DateField(_("in force for this party on"), null=True, blank=True)

    visibility_parents = ("agreement", "organization")
    natural_key_fields = ("agreement__slug", "organization__slug", "country")
    objects = AgreementPartyQuerySet.as_manager()

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["agreement", "pk"]
        constraints = [
            *plausible_date_constraints("agreementparty", "signed_on", "ratified_on", "in_force_on"),
            models.CheckConstraint(
                condition=Q(organization__isnull=False) | ~Q(country=""),
                name="party_is_someone",
                violation_error_message=_("A party needs an organization or a country."),
            ),
            models.UniqueConstraint(
                fields=["agreement", "organization", "country"],
                name="party_unique",
                violation_error_message=_("This party is already listed."),
            ),
            dates_in_order(
                "signed_on", "ratified_on", "party_signed_before_ratified", _("Ratification cannot precede signature.")
            ),
        ]

    def __str__(self):
        if self.organization_id:
            return self.organization.display_name
        return self.country.name


class AgreementStatusChange(NaturalKeyMixin, ChildRecord):
    """One dated step of an agreement's lifecycle."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="status_changes"
    )
    status = models.CharField(_("status"), max_length=20, choices=AgreementStatus.choices)
    changed_on = models.DateField(
        _("date"), null=True, blank=True, help_text=_("Leave empty if only the year is known.")
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    visibility_parents = ("agreement",)
    natural_key_fields = ("agreement__slug", "status")
    objects = NaturalKeyQuerySet.as_manager()

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status history")
        ordering = ["agreement", "changed_on", "year"]
        constraints = [
            *plausible_date_constraints("agreementstatuschange", "changed_on"),
            models.UniqueConstraint(
                fields=["agreement", "status"],
                name="status_change_once_per_stage",
                violation_error_message=_("This stage is already in the history."),
            ),
            models.CheckConstraint(
                condition=Q(changed_on__isnull=False) | Q(year__isnull=False),
                name="status_change_is_dated",
                violation_error_message=_("Give a date or at least a year."),
            ),
        ]

    def __str__(self):
        # Shown in the admin's history and messages: a date in the reader's format.
        when = formats.date_format(self.changed_on, "SHORT_DATE_FORMAT") if self.changed_on else self.year
        return f"{self.get_status_display()} ({when})"


class CommitmentQuerySet(NaturalKeyQuerySet):
    def open(self):
        return self.exclude(status__in=CLOSED_COMMITMENT_STATUSES)


class Commitment(NaturalKeyMixin, ChildRecord):
    """Something an agreement commits us to (a TBT chapter, an action in an
    implementation plan), who does it, by when and with what evidence."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="commitments"
    )
    code = models.SlugField(_("code"), max_length=60, help_text=_("Short key, unique within the agreement, e.g. tbt."))
    reference = models.CharField(_("chapter / article"), max_length=200, blank=True)
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("what is committed"), blank=True)
    responsible_unit = models.ForeignKey(
        Organization,
        verbose_name=_("responsible unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="commitments",
    )
    responsible_person = models.ForeignKey(
        Person,
        verbose_name=_("responsible person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="commitments",
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    reminder_days = LeadDaysField(
        _("remind (days before)"),
        help_text=_("e.g. 60, 14, 1. Empty: the defaults (90, 30 and 7 days)."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=CommitmentStatus.choices, default=CommitmentStatus.NOT_STARTED
    )
    evidence = models.TextField(_("evidence"), blank=True)
    evidence_url = models.URLField(_("evidence (URL)"), max_length=500, blank=True)

    visibility_parents = ("agreement",)
    private_fields = ("internal_note", "reminder_days")
    natural_key_fields = ("agreement__slug", "code")
    objects = CommitmentQuerySet.as_manager()
    search_fields = (
        SearchField("title", "A", translated=True),
        SearchField("code", "A", exact=True),
        SearchField("reference", "B", translated=True),
        SearchField("text", "C", translated=True),
    )
    search_document = search_document_field(search_fields)
    search_names = search_names_field(search_fields)
    search_related = ("agreement",)  # "rcep": the commitments of the agreement so named

    @property
    def lead_days(self) -> tuple[int, ...]:
        return stored_lead_days(self.reminder_days)

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["agreement", "deadline", "code"]
        # The API list's default order (deadline, code), with the keyset tie-breaker.
        indexes = [
            models.Index(fields=["deadline", "code", "id"], name="commitment_list_order"),
            *exact_indexes("commitment", "code"),
        ]
        constraints = [
            *plausible_date_constraints("commitment", "deadline"),
            models.UniqueConstraint(
                fields=["agreement", "code"],
                name="commitment_unique_code",
                violation_error_message=_("This code is already used in this agreement."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        """Its page on the public site (which shows it only when public)."""
        # Commitments are listed on their agreement's page, each with its anchor.
        return reverse("agreements:detail", args=[self.agreement.slug]) + f"#commitment-{self.code}"
