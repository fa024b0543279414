from django.db import models
from django.utils.translation import gettext_lazy as _

from core.choices import Audience


class RecordKind(models.TextChoices):
    """The kinds of record a subscription may follow: every model the API
    publishes, named by its model name."""

    AGREEMENT = "agreement", _("Agreements")
    COMMITMENT = "commitment", _("Commitments")
    ORGANIZATION = "organization", _("Organizations")
    MEMBERSHIP = "membership", _("Memberships")
    DUES = "dues", _("Dues")
    PERSON = "person", _("People")
    OFFICE = "office", _("Offices held")
    BALLOT = "ballot", _("Ballots")
    EVENT = "event", _("Events")
    DELEGATION = "delegation", _("Delegations")
    INITIATIVE = "initiative", _("Initiatives")
    SOURCE = "source", _("Sources")
    REPORTED_FIGURE = "reportedfigure", _("Reported figures")


# A subscriber reads as the public or as a ministry's key does; staff never:
# internal records and fields never leave by webhook.
SUBSCRIBER_AUDIENCES = [
    (Audience.GOVERNMENT.value, _("Government (what the ministry's API key reads)")),
    (Audience.PUBLIC.value, _("Public (what anyone reads)")),
]


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    RETRYING = "retrying", _("Failed, will be retried")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Given up")
