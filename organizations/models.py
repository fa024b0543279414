from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from core import truth
from core.currencies import CurrencyField
from core.inputs import EARLIER_DATES, LeadDaysField, plausible_date_constraints, stored_lead_days
from core.models import AutoSlugMixin, ChildRecord, NaturalKeyMixin, Record, dates_in_order
from core.querysets import NaturalKeyQuerySet, prefetched
from core.search import SearchField, exact_indexes, search_document_field, search_names_field
from organizations.choices import BallotStage, DuesStatus, MemberClass, OfficeRole, OrganizationKind, Vote


class Organization(AutoSlugMixin, NaturalKeyMixin, Record):
    """An international or regional organization, a national body, a forum,
    a committee, a centre of excellence, or one of our own units."""

    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        blank=True,
        help_text=_("Stable short key used in addresses and imports."),
    )
    acronym = models.CharField(_("acronym"), max_length=50, blank=True, db_index=True)
    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganizationKind.choices, db_index=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent body"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    country = CountryField(
        _("country"), blank=True, help_text=_("Seat, host economy or the country a national body serves.")
    )
    member_countries = CountryField(
        _("member countries"),
        multiple=True,
        blank=True,
        help_text=_(
            "For a union of states (EU, EAEU): its member states. An agreement this organization is party to "
            "is also found under each of these countries."
        ),
    )
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    founded_year = models.PositiveSmallIntegerField(
        _("founded in (year)"), null=True, blank=True, help_text=_("When only the year is known.")
    )
    website = models.URLField(_("website"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)

    # What the admin, the API's q and the site search look in (core.search);
    # former names are searched too (organizations/search.py).
    search_fields = (
        SearchField("acronym", "A", exact=True),
        SearchField("name", "A", translated=True),
        SearchField("slug", "B", exact=True),
        SearchField("description", "C", translated=True),
    )
    search_document = search_document_field(search_fields)
    search_names = search_names_field(search_fields)
    natural_key_fields = ("slug",)
    objects = NaturalKeyQuerySet.as_manager()

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["acronym", "slug"]
        # The API's and the pages' default order, with the keyset tie-breaker.
        indexes = [
            models.Index(fields=["acronym", "slug", "id"], name="organization_list_order"),
            *exact_indexes("organization", "acronym", "slug"),
        ]
        constraints = [
            *plausible_date_constraints(
                "organization", "founded_on", earliest=EARLIER_DATES["organizations.organization.founded_on"]
            ),
            models.CheckConstraint(
                condition=~Q(parent=F("pk")),
                name="organization_not_own_parent",
                violation_error_message=_("An organization cannot be its own parent."),
            ),
            models.CheckConstraint(
                condition=Q(founded_year__isnull=True) | Q(founded_year__gte=1800, founded_year__lte=2200),
                name="organization_founded_year_plausible",
            ),
        ]

    def slug_source(self) -> str:
        # Organizations have always been keyed by their acronym (iso, stameq).
        return self.acronym or self.name_vi or self.name

    def __str__(self):
        if self.acronym and self.acronym != self.name:
            return f"{self.acronym} — {self.name}"
        return self.name

    def get_absolute_url(self):
        """Its page on the public site (which shows it only when public)."""
        return reverse("organizations:detail", args=[self.slug])

    @property
    def display_name(self):
        return self.acronym or self.name


class OrganizationName(NaturalKeyMixin, ChildRecord):
    """A name an organization bore for a time (a former name, or a name it
    takes from a known date), so a page speaking of a date names it as it was
    then: Rosstandart was "Rostekhregulirovaniye" until June 2010."""

    key = models.SlugField(_("key"), max_length=120, unique=True)
    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.CASCADE, related_name="names"
    )
    name = models.CharField(_("name"), max_length=300)
    acronym = models.CharField(_("acronym"), max_length=50, blank=True)
    valid_from = models.DateField(_("used from"), null=True, blank=True)
    valid_until = models.DateField(_("used until"), null=True, blank=True)

    visibility_parents = ("organization",)
    # Searched for the organization that bore the name (organizations/search.py).
    search_fields = (
        SearchField("acronym", "A", exact=True),
        SearchField("name", "A", translated=True),
    )
    search_document = search_document_field(search_fields)
    search_names = search_names_field(search_fields)
    natural_key_fields = ("key",)
    objects = NaturalKeyQuerySet.as_manager()

    class Meta:
        verbose_name = _("name over time")
        verbose_name_plural = _("names over time")
        ordering = ["organization", "valid_from", "valid_until"]
        constraints = [
            *plausible_date_constraints(
                "organizationname",
                "valid_from",
                "valid_until",
                earliest=EARLIER_DATES["organizations.organizationname.valid_from"],
            ),
            dates_in_order(
                "valid_from", "valid_until", "organization_name_dates_ordered", _("A name cannot end before it starts.")
            ),
        ]

    def __str__(self):
        return self.acronym or self.name

    def held_on(self, day) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )


def name_on(organization, day) -> str:
    """The organization's short name (acronym, else name) on ``day``, from its
    names over time already read (organizations.selectors.former_names); its
    present one otherwise."""
    for former in prefetched(organization, "names") or []:
        if day and former.held_on(day):
            return former.acronym or former.name
    return organization.display_name


REMINDER_FIELDS = ("responsible_person", "reminder_days")


class Reminded(models.Model):
    """A record with a deadline: who on our side must act on it, and how many
    days ahead they are reminded (empty: the department's defaults). Both are
    staff-only (``private_fields``): who does what inside the department is
    not published."""

    responsible_person = models.ForeignKey(
        "organizations.Person",
        verbose_name=_("responsible person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Receives the reminders; without one they go to the department's address."),
    )
    reminder_days = LeadDaysField(
        _("remind (days before)"),
        help_text=_("e.g. 60, 14, 1. Empty: the defaults (90, 30 and 7 days)."),
    )

    private_fields = ("internal_note", *REMINDER_FIELDS)

    class Meta:
        abstract = True

    @property
    def lead_days(self) -> tuple[int, ...]:
        return stored_lead_days(self.reminder_days)


class MembershipQuerySet(NaturalKeyQuerySet):
    def active_on(self, day):
        """Member on ``day``: within its dates, and an open-ended one only while
        a source confirms it (core.truth)."""
        return self.filter(truth.membership_active_q(day))


class Membership(Reminded, NaturalKeyMixin, Record):
    """A member (usually our own body, for the country) in an organization."""

    member = models.ForeignKey(
        Organization, verbose_name=_("member"), on_delete=models.PROTECT, related_name="memberships_held"
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.PROTECT, related_name="memberships"
    )
    member_class = models.CharField(_("class"), max_length=20, choices=MemberClass.choices, default=MemberClass.FULL)
    represents = CountryField(_("on behalf of (country)"), blank=True)
    since = models.DateField(_("since"), null=True, blank=True)
    since_year = models.PositiveSmallIntegerField(
        _("since (year)"), null=True, blank=True, help_text=_("When only the year is known.")
    )
    until = models.DateField(_("until"), null=True, blank=True)
    last_confirmed_on = models.DateField(
        _("last confirmed on"),
        null=True,
        blank=True,
        help_text=_("The latest day a source confirmed this still holds, if later than the source's own date."),
    )
    note = models.TextField(_("note"), blank=True)

    visibility_parents = ("member", "organization")
    natural_key_fields = ("member__slug", "organization__slug", "member_class")
    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organization__acronym", "since"]
        constraints = [
            *plausible_date_constraints("membership", "since", "until", "last_confirmed_on"),
            dates_in_order(
                "since", "until", "membership_since_before_until", _("A membership cannot end before it starts.")
            ),
            models.UniqueConstraint(
                fields=["member", "organization", "member_class"],
                name="membership_unique_class",
                violation_error_message=_("This member already holds this class of membership here."),
            ),
            models.CheckConstraint(
                condition=~Q(member=F("organization")),
                name="membership_not_of_itself",
                violation_error_message=_("An organization cannot be a member of itself."),
            ),
        ]

    def __str__(self):
        return f"{self.member.display_name} — {self.organization.display_name} ({self.get_member_class_display()})"

    def get_absolute_url(self):
        """Its page on the public site (which shows it only when public)."""
        # A membership has no page of its own: it is listed on its organization's.
        return reverse("organizations:detail", args=[self.organization.slug])


class DuesQuerySet(NaturalKeyQuerySet):
    def with_status(self, today=None):
        """Annotate ``status`` (a DuesStatus) computed in the database."""
        today = today or timezone.localdate()
        return self.annotate(
            status=Case(
                When(
                    paid_on__isnull=False,
                    due_on__isnull=False,
                    paid_on__lte=F("due_on"),
                    then=Value(DuesStatus.ON_TIME),
                ),
                When(paid_on__isnull=False, due_on__isnull=False, then=Value(DuesStatus.LATE)),
                When(reported_on_time=True, then=Value(DuesStatus.ON_TIME)),
                When(reported_on_time=False, then=Value(DuesStatus.LATE)),
                When(paid_on__isnull=False, then=Value(DuesStatus.PAID)),
                When(due_on__lt=today, then=Value(DuesStatus.OVERDUE)),
                default=Value(DuesStatus.UNPAID),
                output_field=models.CharField(),
            )
        )


class DuesManager(models.Manager.from_queryset(DuesQuerySet)):
    """Every dues row comes with its derived ``status`` (computed in SQL as of today)."""

    def get_queryset(self):
        return super().get_queryset().with_status()


class Dues(NaturalKeyMixin, ChildRecord):
    """Annual membership dues (niên liễm) of one membership for one year."""

    str_related = ("membership__organization",)

    membership = models.ForeignKey(
        Membership, verbose_name=_("membership"), on_delete=models.PROTECT, related_name="dues"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2, null=True, blank=True)
    currency = CurrencyField(_("currency"), blank=True, help_text=_("ISO 4217 code, e.g. USD, CHF, VND."))
    due_on = models.DateField(_("due on"), null=True, blank=True)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    reported_on_time = models.BooleanField(
        _("reported paid on time"),
        null=True,
        blank=True,
        help_text=_("Only when the dates are not recorded but a source states whether payment was on time."),
    )
    note = models.TextField(_("note"), blank=True)

    visibility_parents = ("membership", "membership__member", "membership__organization")
    private_fields = ("internal_note", "amount", "currency")
    natural_key_fields = (
        "membership__member__slug",
        "membership__organization__slug",
        "membership__member_class",
        "year",
    )
    objects = DuesManager()

    class Meta:
        verbose_name = _("dues")
        verbose_name_plural = _("dues")
        ordering = ["membership", "-year"]
        constraints = [
            *plausible_date_constraints("dues", "due_on", "paid_on"),
            models.UniqueConstraint(
                fields=["membership", "year"],
                name="dues_one_per_membership_year",
                violation_error_message=_("Dues for this membership and year are already recorded."),
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
                name="dues_amount_not_negative",
                violation_error_message=_("The amount cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1900, year__lte=2200),
                name="dues_year_plausible",
                violation_error_message=_("The year must be between 1900 and 2200."),
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | ~Q(currency=""),
                name="dues_amount_has_currency",
                violation_error_message=_("An amount needs a currency."),
            ),
        ]

    def __str__(self):
        return f"{self.membership.organization.display_name} {self.year}"

    def get_status_display(self) -> str:
        """Label of the ``status`` the default manager annotates in SQL."""
        return DuesStatus(self.status).label


class Person(AutoSlugMixin, NaturalKeyMixin, Record):
    """Someone who holds an office, heads a delegation or is responsible for a
    commitment. Contact details are staff-only."""

    slug = models.SlugField(_("slug"), max_length=100, unique=True, blank=True)
    full_name = models.CharField(_("full name"), max_length=200)
    position = models.CharField(_("position"), max_length=300, blank=True)
    unit = models.ForeignKey(
        Organization,
        verbose_name=_("unit or organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="people",
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)

    private_fields = ("internal_note", "email", "phone")
    natural_key_fields = ("slug",)
    objects = NaturalKeyQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["full_name"]

    def slug_source(self) -> str:
        return self.full_name

    def __str__(self):
        return self.full_name


class OfficeQuerySet(NaturalKeyQuerySet):
    def held_on(self, day):
        """Held on ``day``: within its term (a year-only term: that year), and an
        open-ended one only while a source confirms it (core.truth)."""
        return self.filter(truth.office_held_q(day))


class Office(Reminded, AutoSlugMixin, NaturalKeyMixin, Record):
    """An office held in a body (Chair of APO, Co-chair of a dialogue, ...),
    by a person, an organization, or both (the person on the body's behalf)."""

    slug = models.SlugField(_("slug"), max_length=120, unique=True, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=OfficeRole.choices)
    body = models.ForeignKey(Organization, verbose_name=_("body"), on_delete=models.PROTECT, related_name="offices")
    holder_organization = models.ForeignKey(
        Organization,
        verbose_name=_("held by (organization)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="offices_held",
    )
    holder_person = models.ForeignKey(
        Person,
        verbose_name=_("held by (person)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="offices_held",
    )
    title = models.CharField(
        _("title"), max_length=300, blank=True, help_text=_("As the body writes it, if the role alone is not enough.")
    )
    term_start = models.DateField(_("term starts"), null=True, blank=True)
    term_end = models.DateField(_("term ends"), null=True, blank=True)
    term_year = models.PositiveSmallIntegerField(
        _("year held"), null=True, blank=True, help_text=_("When only a year is known.")
    )
    last_confirmed_on = models.DateField(
        _("last confirmed on"),
        null=True,
        blank=True,
        help_text=_("The latest day a source confirmed this still holds, if later than the source's own date."),
    )
    note = models.TextField(_("note"), blank=True)

    visibility_parents = ("body",)
    natural_key_fields = ("slug",)
    objects = OfficeQuerySet.as_manager()

    class Meta:
        verbose_name = _("office held")
        verbose_name_plural = _("offices held")
        ordering = ["-term_start", "body__acronym"]
        constraints = [
            *plausible_date_constraints("office", "term_start", "term_end", "last_confirmed_on"),
            dates_in_order("term_start", "term_end", "office_term_ordered", _("A term cannot end before it starts.")),
            models.CheckConstraint(
                condition=Q(holder_organization__isnull=False) | Q(holder_person__isnull=False),
                name="office_has_holder",
                violation_error_message=_("Say who holds the office: a person, an organization or both."),
            ),
        ]

    def __str__(self):
        return self.title or f"{self.get_role_display()} — {self.body.display_name}"

    def get_absolute_url(self):
        """Its page on the public site (which shows it only when public)."""
        # Offices are listed on one page, each with its anchor.
        return reverse("organizations:offices") + f"#office-{self.slug}"

    def slug_source(self) -> str:
        if self.title_vi:
            return self.title_vi
        year = self.term_year or (self.term_start.year if self.term_start else "")
        body = self.body.acronym or self.body.name_vi if self.body_id else ""
        with translation.override("vi"):
            return f"{self.get_role_display()} {body} {year}"


class Ballot(Reminded, NaturalKeyMixin, Record):
    """An ISO/IEC ballot in a technical committee, and how we voted."""

    committee = models.ForeignKey(
        Organization, verbose_name=_("committee"), on_delete=models.PROTECT, related_name="ballots"
    )
    reference = models.CharField(_("document"), max_length=100, help_text=_("e.g. ISO/DIS 22000"))
    stage = models.CharField(_("stage"), max_length=10, choices=BallotStage.choices, default=BallotStage.DIS)
    title = models.CharField(_("title"), max_length=500, blank=True)
    opens_on = models.DateField(_("opens on"), null=True, blank=True)
    closes_on = models.DateField(_("closes on"))
    vote = models.CharField(_("vote"), max_length=20, choices=Vote.choices, default=Vote.PENDING)
    voted_on = models.DateField(_("voted on"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    visibility_parents = ("committee",)
    natural_key_fields = ("committee__slug", "reference", "stage")
    objects = NaturalKeyQuerySet.as_manager()

    class Meta:
        verbose_name = _("ISO/IEC ballot")
        verbose_name_plural = _("ISO/IEC ballots")
        ordering = ["-closes_on"]
        constraints = [
            *plausible_date_constraints("ballot", "opens_on", "closes_on", "voted_on"),
            models.UniqueConstraint(
                fields=["committee", "reference", "stage"],
                name="ballot_unique_document_stage",
                violation_error_message=_("This ballot is already recorded."),
            ),
            dates_in_order(
                "opens_on", "closes_on", "ballot_opens_before_closing", _("A ballot cannot close before it opens.")
            ),
        ]

    def __str__(self):
        return f"{self.reference} ({self.committee.display_name})"
