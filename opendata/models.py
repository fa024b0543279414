from django.db import models
from django.utils.translation import gettext_lazy as _


class Package(models.Model):
    """The one row saying which build of the open-data package is current
    and whether the data changed since (opendata.services).

    ``changes`` counts committed changes to public-relevant records (bumped by
    opendata.signals); a build remembers the count it was made from, so the
    package is stale as soon as the two differ.
    """

    changes = models.PositiveBigIntegerField(_("changes recorded"), default=0)
    changed_at = models.DateTimeField(_("last change"), null=True, blank=True)
    built_changes = models.PositiveBigIntegerField(_("changes when built"), null=True, blank=True)
    built_at = models.DateTimeField(_("built at"), null=True, blank=True)
    build_number = models.PositiveIntegerField(_("build number"), default=0)
    schema_digest = models.CharField(_("schema digest"), max_length=64, blank=True)
    directory = models.CharField(_("directory"), max_length=100, blank=True)
    # {file name: {"bytes", "sha256", "media_type"}} and [{"name", "rows"}]:
    # what the page and the downloads need, without opening the files.
    files = models.JSONField(_("files"), default=dict, blank=True)
    tables = models.JSONField(_("tables"), default=list, blank=True)

    class Meta:
        verbose_name = _("open-data package")
        verbose_name_plural = _("open-data package")

    def __str__(self):
        return f"open data {self.version}"

    @property
    def version(self) -> str:
        return f"1.0.{self.build_number}"
