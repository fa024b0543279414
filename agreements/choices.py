from django.db import models
from django.utils.translation import gettext_lazy as _


class AgreementKind(models.TextChoices):
    MOU = "mou", _("Memorandum of understanding (MoU)")
    IMPLEMENTATION_PLAN = "plan", _("Implementation plan")
    COOPERATION = "cooperation", _("Cooperation agreement")
    MRA = "mra", _("Mutual recognition arrangement (MRA)")
    FTA = "fta", _("Free trade agreement (FTA)")
    OTHER = "other", _("Other")


class AgreementStatus(models.TextChoices):
    """Lifecycle stages, in order. MoUs usually skip the early ones."""

    PROPOSED = "proposed", _("Proposed")
    NEGOTIATING = "negotiating", _("Under negotiation")
    CONCLUDED = "concluded", _("Negotiations concluded")
    SIGNED = "signed", _("Signed")
    RATIFIED = "ratified", _("Ratified")
    IN_FORCE = "in_force", _("In force")
    EXPIRED = "expired", _("Expired")
    TERMINATED = "terminated", _("Terminated")


class PartyRole(models.TextChoices):
    SIGNATORY = "signatory", _("Signatory")
    PARTY = "party", _("Party")
    WITNESS = "witness", _("Witness")
    IMPLEMENTER = "implementer", _("Implementing body")


class CommitmentStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    ONGOING = "ongoing", _("Ongoing obligation")
    IMPLEMENTED = "implemented", _("Implemented")
    CANCELLED = "cancelled", _("Cancelled")


# Stages that say the agreement was signed, whether or not the signature is dated.
SIGNED_OR_LATER_STATUSES = (
    AgreementStatus.SIGNED,
    AgreementStatus.RATIFIED,
    AgreementStatus.IN_FORCE,
    AgreementStatus.EXPIRED,
    AgreementStatus.TERMINATED,
)
# Stages that end an agreement.
ENDED_STATUSES = (AgreementStatus.EXPIRED, AgreementStatus.TERMINATED)

# A commitment with nothing left to do: every other status is open.
CLOSED_COMMITMENT_STATUSES = (CommitmentStatus.IMPLEMENTED, CommitmentStatus.CANCELLED)
