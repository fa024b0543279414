from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from core.inputs import plausible_date_constraints
from core.models import AutoSlugMixin, ChildRecord, NaturalKeyMixin, Record
from core.querysets import NaturalKeyQuerySet
from core.search import SearchField, exact_indexes, search_document_field, search_names_field
from events.choices import Direction, EventKind, EventMode, Funding, HeadcountQualifier, InitiativeStatus
from organizations.models import Organization, Person, Reminded


class EventQuerySet(NaturalKeyQuerySet):
    def between(self, start, end):
        """Events overlapping [start, end]."""
        return self.filter(start_on__lte=end).filter(Q(end_on__gte=start) | Q(end_on__isnull=True, start_on__gte=start))


class Event(Reminded, AutoSlugMixin, NaturalKeyMixin, Record):
    """A meeting, conference, workshop, visit or programme: where, when, in
    which forum, and whether we hosted or chaired it."""

    slug = models.SlugField(_("slug"), max_length=150, unique=True, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices, default=EventKind.MEETING)
    title = models.CharField(_("title"), max_length=300)
    forum = models.ForeignKey(
        Organization,
        verbose_name=_("forum / organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
    )
    start_on = models.DateField(_("starts on"), db_index=True)
    end_on = models.DateField(_("ends on"), null=True, blank=True)
    mode = models.CharField(_("format"), max_length=10, choices=EventMode.choices, default=EventMode.IN_PERSON)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = CountryField(_("country"), blank=True)
    hosted_by_us = models.BooleanField(_("hosted by us"), default=False)
    chaired_by_us = models.BooleanField(_("chaired by us"), default=False)
    description = models.TextField(_("description"), blank=True)
    url = models.URLField(_("web page"), max_length=500, blank=True)

    # What the admin, the API's q and the site search look in (core.search).
    search_fields = (
        SearchField("title", "A", translated=True),
        SearchField("slug", "B", exact=True),
        SearchField("city", "B", translated=True),
        SearchField("description", "C", translated=True),
    )
    search_document = search_document_field(search_fields)
    search_names = search_names_field(search_fields)
    natural_key_fields = ("slug",)
    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-start_on", "slug"]
        # The API's and the pages' default order, with the keyset tie-breaker.
        # On PostgreSQL a migration builds it "start_on DESC NULLS LAST", the
        # lists' order (SQLite's DESC already puts nulls last).
        indexes = [
            models.Index(fields=["-start_on", "slug", "id"], name="event_list_order"),
            *exact_indexes("event", "slug"),
        ]
        constraints = [
            *plausible_date_constraints("event", "start_on", "end_on"),
            models.CheckConstraint(
                condition=Q(end_on__isnull=True) | Q(start_on__lte=F("end_on")),
                name="event_dates_ordered",
                violation_error_message=_("An event cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        """Its page on the public site (which shows it only when public)."""
        return reverse("events:detail", args=[self.slug])


class Delegation(Reminded, AutoSlugMixin, NaturalKeyMixin, Record):
    """People we send (outgoing) or receive (incoming), to an event or a
    programme. Names are kept when known; otherwise a headcount."""

    slug = models.SlugField(_("slug"), max_length=150, unique=True, blank=True)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices, default=Direction.OUTGOING)
    title = models.CharField(_("title"), max_length=300)
    event = models.ForeignKey(
        Event, verbose_name=_("event"), null=True, blank=True, on_delete=models.PROTECT, related_name="delegations"
    )
    forum = models.ForeignKey(
        Organization,
        verbose_name=_("forum / programme owner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="delegations",
    )
    counterpart = models.ForeignKey(
        Organization,
        verbose_name=_("counterpart"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="delegations_received",
        help_text=_("Who the delegation visits or comes from."),
    )
    country = CountryField(_("country"), blank=True)
    start_on = models.DateField(_("starts on"), null=True, blank=True)
    end_on = models.DateField(_("ends on"), null=True, blank=True)
    head = models.ForeignKey(
        Person,
        verbose_name=_("head"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="delegations_headed",
    )
    members = models.ManyToManyField(
        Person, verbose_name=_("members"), through="DelegationMember", blank=True, related_name="delegations"
    )
    headcount = models.PositiveIntegerField(
        _("headcount"), null=True, blank=True, help_text=_("How many people, when names are not kept.")
    )
    headcount_qualifier = models.CharField(
        _("headcount is"), max_length=10, choices=HeadcountQualifier.choices, default=HeadcountQualifier.EXACT
    )
    funding = models.CharField(_("funding"), max_length=20, choices=Funding.choices, default=Funding.UNKNOWN)
    description = models.TextField(_("description"), blank=True)

    search_fields = (
        SearchField("title", "A", translated=True),
        SearchField("slug", "B", exact=True),
        SearchField("description", "C", translated=True),
    )
    search_document = search_document_field(search_fields)
    search_names = search_names_field(search_fields)
    natural_key_fields = ("slug",)
    objects = NaturalKeyQuerySet.as_manager()

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        ordering = ["-start_on", "slug"]
        constraints = [
            *plausible_date_constraints("delegation", "start_on", "end_on"),
            # Named members live in another table; the head is the one name a
            # row itself can show, so the database insists on a head or a count.
            models.CheckConstraint(
                condition=Q(head__isnull=False) | Q(headcount__isnull=False),
                name="delegation_has_people",
                violation_error_message=_("Name the head or give a headcount."),
            ),
            models.CheckConstraint(
                condition=Q(headcount__isnull=True) | Q(headcount__gte=1),
                name="delegation_headcount_positive",
                violation_error_message=_("A headcount must be at least 1."),
            ),
            models.CheckConstraint(
                condition=Q(end_on__isnull=True) | Q(start_on__isnull=True) | Q(start_on__lte=F("end_on")),
                name="delegation_dates_ordered",
                violation_error_message=_("A delegation cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        """Its page on the public site (which shows it only when public)."""
        return reverse("events:delegation", args=[self.slug])


class DelegationMember(NaturalKeyMixin, ChildRecord):
    str_related = ("person",)

    delegation = models.ForeignKey(
        Delegation, verbose_name=_("delegation"), on_delete=models.CASCADE, related_name="memberships"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="delegation_memberships"
    )
    role = models.CharField(_("role in the delegation"), max_length=200, blank=True)

    visibility_parents = ("delegation", "person")
    natural_key_fields = ("delegation__slug", "person__slug")
    objects = NaturalKeyQuerySet.as_manager()

    class Meta:
        verbose_name = _("delegation member")
        verbose_name_plural = _("delegation members")
        constraints = [
            models.UniqueConstraint(
                fields=["delegation", "person"],
                name="delegation_member_once",
                violation_error_message=_("This person is already in the delegation."),
            ),
        ]

    def __str__(self):
        return str(self.person)


class Initiative(AutoSlugMixin, NaturalKeyMixin, Record):
    """An initiative or proposal we put to a forum (APEC 2017 smart cities, ...)."""

    slug = models.SlugField(_("slug"), max_length=150, unique=True, blank=True)
    title = models.CharField(_("title"), max_length=300)
    forum = models.ForeignKey(
        Organization,
        verbose_name=_("forum"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="initiatives",
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    proposer = models.ForeignKey(
        Organization,
        verbose_name=_("proposed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="initiatives_proposed",
    )
    event = models.ForeignKey(
        Event, verbose_name=_("event"), null=True, blank=True, on_delete=models.PROTECT, related_name="initiatives"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=InitiativeStatus.choices, default=InitiativeStatus.PROPOSED
    )
    description = models.TextField(_("description"), blank=True)
    outcome = models.TextField(_("outcome"), blank=True)

    search_fields = (
        SearchField("title", "A", translated=True),
        SearchField("slug", "B", exact=True),
        SearchField("description", "C", translated=True),
        SearchField("outcome", "C", translated=True),
    )
    search_document = search_document_field(search_fields)
    search_names = search_names_field(search_fields)
    natural_key_fields = ("slug",)
    objects = NaturalKeyQuerySet.as_manager()

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["-year", "slug"]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__isnull=True) | Q(year__gte=1900, year__lte=2200),
                name="initiative_year_plausible",
                violation_error_message=_("The year must be between 1900 and 2200."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        """Its page on the public site (which shows it only when public)."""
        return reverse("events:initiative", args=[self.slug])
