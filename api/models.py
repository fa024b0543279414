"""Who may read the API beyond the public: ministries and their keys."""

import datetime
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from rest_framework_api_key.models import AbstractAPIKey, BaseAPIKeyManager

from core.models import touch_last_used

# A key's last-used time is written at most this often, so a busy client costs
# one UPDATE a minute rather than one per request.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)


def origins_in(text: str) -> list[str]:
    """The origins of a one-per-line list, blank lines ignored."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def validate_origins(text: str) -> None:
    """Each line an origin as a browser sends it: scheme, host and port only
    (https://app.example.gov.vn), no path, no wildcard."""
    for origin in origins_in(text):
        try:
            parts = urlsplit(origin)
            port_ok = parts.port is None or 0 < parts.port < 65536
        except ValueError:
            port_ok = False
        if not (
            port_ok
            and parts.scheme in ("http", "https")
            and parts.hostname
            and "@" not in parts.netloc
            and "*" not in parts.netloc
            and origin == f"{parts.scheme}://{parts.netloc}"
            and parts.netloc == parts.netloc.lower()
        ):
            raise ValidationError(
                _("%(origin)s is not an origin: write https://host or https://host:port, in lower case, one a line."),
                code="invalid_origin",
                params={"origin": origin},
            )


class Ministry(models.Model):
    """A consuming government body (Ministry of Industry and Trade, ...)."""

    name = models.CharField(_("name"), max_length=200)
    contact = models.TextField(
        _("technical contact"), blank=True, help_text=_("Who to call about this ministry's integration.")
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    cors_origins = models.TextField(
        _("browser origins (CORS)"),
        blank=True,
        validators=[validate_origins],
        help_text=_(
            "Web applications of this ministry that call the API from a browser, one origin a line "
            "(https://app.example.gov.vn). Leave empty for server-to-server use."
        ),
    )

    class Meta:
        verbose_name = _("ministry")
        verbose_name_plural = _("ministries")
        ordering = ["name"]

    def __str__(self):
        return self.name


class MinistryAPIKeyManager(BaseAPIKeyManager):
    def get_from_key(self, key: str) -> "MinistryAPIKey":
        """The key, whatever its state (revoked, expired), if its secret matches.

        Unlike the library's own lookup, revoked keys are found too, so the
        caller can say *why* a key is refused; the ministry comes in the same query.
        """
        prefix, _dot, _secret = key.partition(".")
        api_key = self.select_related("ministry").get(prefix=prefix)
        if not api_key.is_valid(key):
            raise self.model.DoesNotExist("Key is not valid.")
        return api_key


class MinistryAPIKey(AbstractAPIKey):
    """A ministry's key: stored hashed (SHA-512 of a random 32-character secret),
    shown once at creation, revocable for good, optionally expiring."""

    ministry = models.ForeignKey(
        Ministry, verbose_name=_("ministry"), on_delete=models.PROTECT, related_name="api_keys"
    )
    # The library's fields, redeclared with the same columns only to give them
    # labels and help in our languages (its own are English-only).
    prefix = models.CharField(_("prefix"), max_length=8, unique=True, editable=False)
    created = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    name = models.CharField(
        _("name"), max_length=50, blank=False, default=None, help_text=_("What the key is for; 50 characters at most.")
    )
    revoked = models.BooleanField(
        _("revoked"),
        blank=True,
        default=False,
        help_text=_("A revoked key is refused from then on. This cannot be undone."),
    )
    expiry_date = models.DateTimeField(
        _("expires"), blank=True, null=True, help_text=_("After this time the key is refused.")
    )
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)

    objects = MinistryAPIKeyManager()

    class Meta(AbstractAPIKey.Meta):
        verbose_name = _("ministry API key")
        verbose_name_plural = _("ministry API keys")

    def __str__(self):
        return f"{self.ministry} — {self.name} ({self.prefix})"

    def touch(self, now=None) -> None:
        """Record a use, at most once per LAST_USED_RESOLUTION."""
        touch_last_used(self, LAST_USED_RESOLUTION, now)


class ChangeAction(models.TextChoices):
    """What happened to a record, or (per audience) to what an audience sees of it."""

    CREATED = "created", pgettext_lazy("change log", "created")
    CHANGED = "changed", pgettext_lazy("change log", "changed")
    DELETED = "deleted", pgettext_lazy("change log", "deleted")
    # Per audience only: the record left the audience's view (deleted, or its
    # visibility lowered). One word for both, so that a removal never tells
    # the audience whether a record still exists out of its sight.
    REMOVED = "removed", pgettext_lazy("change log", "removed")


class Change(models.Model):
    """One row of the change log behind ``/api/v1/changes/`` (api.changes).

    Written *pending* by ``api.changes.record_changes`` (from the save and
    delete signals) whenever a record of an API list (a *kind*: the list's
    router basename, e.g. ``agreement``, ``organization``, ``membership``) may
    have changed what its detail shows — the record itself, or a child or
    related record its detail displays. ``api.changes.settle`` then, in
    order, renders the record for each audience and fills in the rest.

    - ``id``: the feed's order (a change's position; the cursor is built on it).
    - ``kind``, ``object_id``: which record; ``key``: its natural key (slug,
      acronym or key) after the change, ``previous_key`` the one at its
      previous row (what a removal shows: a key the audience had seen).
    - ``action``: what happened to the row itself (created, changed, deleted;
      "changed" too when only something its detail displays changed).
    - ``changed_at``: when.
    - ``public_action``, ``government_action``: what the change means for that
      audience — created (now visible, was not), changed (visible, and what it
      shows changed), removed (was visible, no longer: deleted or hidden), or
      empty (nothing the audience sees changed; the row is not in its feed).
    - ``public_digest``, ``government_digest``: SHA-256 of the detail as that
      audience sees it after the change, empty when it cannot see the record.
    - ``settled``: False while pending (only ``kind``, ``object_id``,
      ``action`` and ``changed_at`` are known); the feed serves settled rows.
    """

    id = models.BigAutoField(primary_key=True)
    kind = models.CharField(_("kind"), max_length=40)
    object_id = models.BigIntegerField(_("record id"))
    key = models.CharField(_("natural key"), max_length=200, blank=True)
    previous_key = models.CharField(_("previous natural key"), max_length=200, blank=True)
    action = models.CharField(_("action"), max_length=10, choices=ChangeAction.choices)
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)
    public_action = models.CharField(_("for the public"), max_length=10, choices=ChangeAction.choices, blank=True)
    government_action = models.CharField(_("for ministries"), max_length=10, choices=ChangeAction.choices, blank=True)
    public_digest = models.CharField(_("public digest"), max_length=64, blank=True)
    government_digest = models.CharField(_("government digest"), max_length=64, blank=True)
    settled = models.BooleanField(_("settled"), default=False)

    class Meta:
        verbose_name = pgettext_lazy("change log", "change")
        verbose_name_plural = pgettext_lazy("change log", "changes")
        ordering = ["id"]
        indexes = [
            models.Index(fields=["kind", "object_id", "id"], name="api_change_record_idx"),
            models.Index(fields=["id"], condition=models.Q(settled=False), name="api_change_pending_idx"),
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id} {self.action} ({self.changed_at:%Y-%m-%d %H:%M})"

    def action_for(self, audience) -> str:
        return getattr(self, f"{audience}_action")

    def digest_for(self, audience) -> str:
        return getattr(self, f"{audience}_digest")
