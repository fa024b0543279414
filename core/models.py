from django.conf import settings
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from core.choices import CountedFigure, FigureQualifier, Visibility
from core.inputs import plausible_date_constraints
from core.querysets import NaturalKeyQuerySet, VisibleQuerySet
from core.text import slugify_vi


class SourceQuerySet(models.QuerySet):
    def get_by_natural_key(self, key):
        return self.get(key=key)


def unique_slug(obj, base: str, field_name: str = "slug") -> str:
    """``base`` (already a slug), or ``base-2``, ``base-3``, ... : the first no
    other row of ``obj``'s model has, within the field's length."""
    max_length = obj._meta.get_field(field_name).max_length
    base = base[:max_length].strip("-") or obj._meta.model_name
    taken = obj._meta.model._base_manager.exclude(pk=obj.pk)
    candidate, number = base, 1
    while taken.filter(**{field_name: candidate}).exists():
        number += 1
        suffix = f"-{number}"
        candidate = base[: max_length - len(suffix)].rstrip("-") + suffix
    return candidate


class AutoSlugMixin:
    """A slug left empty is made on the server from ``slug_source()`` (the
    Vietnamese title or name) with the Vietnamese transliteration of
    core.text.slugify_vi, unique with a numeric suffix."""

    def slug_source(self) -> str:
        return getattr(self, "title_vi", None) or getattr(self, "title", "")

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, slugify_vi(self.slug_source()))
        super().save(*args, **kwargs)


class Source(models.Model):
    """Where a fact comes from: an article, an official page, a document."""

    key = models.SlugField(_("key"), max_length=100, unique=True, blank=True)
    title = models.CharField(_("title"), max_length=500)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    author = models.CharField(_("author"), max_length=200, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    url = models.URLField(_("address (URL)"), max_length=500, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    # Indexed: every API list may be sorted and filtered by it (incremental sync).
    updated_at = models.DateTimeField(_("updated"), default=timezone.now, editable=False, db_index=True)

    objects = SourceQuerySet.as_manager()

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["-published_on", "key"]
        constraints = plausible_date_constraints("source", "published_on")

    def __str__(self):
        parts = [self.title]
        if self.publisher:
            parts.append(self.publisher)
        if self.published_on:
            parts.append(formats.date_format(self.published_on, "SHORT_DATE_FORMAT"))  # the reader's format
        return " — ".join(parts)

    def save(self, *args, **kwargs):
        if not self.key:
            self.key = unique_slug(self, slugify_vi(self.title), field_name="key")
        self.updated_at = timezone.now()
        super().save(*args, **kwargs)

    def natural_key(self):
        return (self.key,)


def dates_in_order(start: str, end: str, name: str, message) -> models.CheckConstraint:
    """A check that ``start <= end`` whenever both are known."""
    return models.CheckConstraint(
        condition=models.Q(**{f"{start}__isnull": True})
        | models.Q(**{f"{end}__isnull": True})
        | models.Q(**{f"{start}__lte": models.F(end)}),
        name=name,
        violation_error_message=message,
    )


def _natural_value(obj, path: str):
    value = obj
    for part in path.split("__"):
        value = getattr(value, part) if value is not None else None
    # Countries and dates must serialize to plain JSON values.
    if hasattr(value, "code"):
        return value.code
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


class NaturalKeyMixin:
    """Natural keys from ``natural_key_fields`` (paths such as
    ``"agreement__slug"``), so fixtures never depend on primary keys."""

    natural_key_fields: tuple[str, ...] = ()

    def natural_key(self):
        return tuple(_natural_value(self, path) for path in self.natural_key_fields)


class Record(models.Model):
    """Fields every registry record carries: who may see it, where it comes
    from, staff-only notes and time stamps."""

    visibility = models.CharField(
        _("visibility"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.INTERNAL,
        db_index=True,
        help_text=_("Public: anyone. Government: ministry API keys and staff. Internal: staff only."),
    )
    source = models.ForeignKey(
        Source,
        verbose_name=_("source"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Where this fact comes from."),
    )
    internal_note = models.TextField(_("internal note"), blank=True, help_text=_("Staff only; never published."))
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    # Indexed: every API list may be sorted and filtered by it (incremental sync).
    updated_at = models.DateTimeField(_("updated"), default=timezone.now, editable=False, db_index=True)

    # Related records this one displays; it is hidden unless they are visible.
    visibility_parents: tuple[str, ...] = ()
    # Fields only staff may read, whatever the record's level.
    private_fields: tuple[str, ...] = ("internal_note",)

    objects = VisibleQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.updated_at = timezone.now()
        super().save(*args, **kwargs)


class ChildRecord(Record):
    """A row that only exists inside a parent (a party, a dues year, ...).

    It defaults to public because its parent's level already gates it: it is
    never shown unless the parent is visible too.
    """

    # The relations __str__ reads: the admin's history reads them with the
    # historical rows (core.history.child_history), not once per row.
    str_related: tuple[str, ...] = ()

    visibility = models.CharField(
        _("visibility"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
        db_index=True,
        help_text=_("Also hidden whenever the record it belongs to is hidden."),
    )

    class Meta:
        abstract = True


class ReportedFigure(NaturalKeyMixin, Record):
    """A total a source states without naming every item ("14 organizations",
    "more than 30 partners", "thousands of officials")."""

    key = models.SlugField(_("key"), max_length=100, unique=True)
    label = models.CharField(_("what is counted"), max_length=300)
    qualifier = models.CharField(
        _("qualifier"), max_length=10, choices=FigureQualifier.choices, default=FigureQualifier.EXACT
    )
    value = models.PositiveIntegerField(_("value"))
    as_of = models.DateField(_("as of"), null=True, blank=True)
    period_start = models.DateField(_("period start"), null=True, blank=True)
    period_end = models.DateField(_("period end"), null=True, blank=True)
    quote = models.TextField(_("quotation"), blank=True, help_text=_("The source's own words."))
    counterpart = models.CharField(
        _("counted by the registry as"),
        max_length=20,
        choices=CountedFigure.choices,
        blank=True,
        help_text=_("The registry's own count this total is compared with, if any."),
    )

    natural_key_fields = ("key",)
    objects = NaturalKeyQuerySet.as_manager()

    class Meta:
        verbose_name = _("reported figure")
        verbose_name_plural = _("reported figures")
        ordering = ["key"]
        constraints = [
            *plausible_date_constraints("reportedfigure", "as_of", "period_start", "period_end"),
            dates_in_order(
                "period_start",
                "period_end",
                "reportedfigure_period_ordered",
                _("The period must not end before it starts."),
            ),
        ]

    def __str__(self):
        return f"{self.label}: {self.get_qualifier_display()} {self.value}"


def own_organization_slug() -> str:
    return settings.COOPDB_OWN_ORGANIZATION


def touch_last_used(row, resolution, now=None) -> None:
    """Record a use of ``row`` (an API key, a calendar feed) in its
    ``last_used_at``, at most once per ``resolution``: a write on every
    request would turn each read into a write."""
    now = now or timezone.now()
    if row.last_used_at is None or now - row.last_used_at >= resolution:
        type(row).objects.filter(pk=row.pk).update(last_used_at=now)
        row.last_used_at = now
