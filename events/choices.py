from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    ANNUAL_MEETING = "annual_meeting", _("Annual or general meeting")
    MEETING = "meeting", _("Meeting")
    BILATERAL = "bilateral", _("Bilateral meeting or visit")
    CONFERENCE = "conference", _("Conference or forum")
    WORKSHOP = "workshop", _("Workshop or seminar")
    TRAINING = "training", _("Training course or programme")
    SIGNING = "signing", _("Signing ceremony")
    NEGOTIATION = "negotiation", _("Negotiation round")
    OTHER = "other", _("Other")


class EventMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid")


class Direction(models.TextChoices):
    OUTGOING = "outgoing", _("Outgoing (we send)")
    INCOMING = "incoming", _("Incoming (we receive)")


class Funding(models.TextChoices):
    STATE_BUDGET = "state_budget", _("State budget")
    HOST = "host", _("Paid by the host")
    ORGANIZATION = "organization", _("Paid by the international organization")
    DONOR = "donor", _("Donor or project")
    SHARED = "shared", _("Shared")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Not recorded")


class HeadcountQualifier(models.TextChoices):
    EXACT = "exact", _("exactly")
    AT_LEAST = "at_least", _("at least")
    ABOUT = "about", _("about")


class InitiativeStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ADOPTED = "adopted", _("Adopted")
    IN_PROGRESS = "in_progress", _("Being implemented")
    COMPLETED = "completed", _("Completed")
    NOT_ADOPTED = "not_adopted", _("Not adopted")
