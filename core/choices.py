from django.db import models
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    """Who may see a record (docs/domain.md, "Visibility")."""

    PUBLIC = "public", _("Public")
    GOVERNMENT = "government", _("Government")
    INTERNAL = "internal", _("Internal")


class Audience(models.TextChoices):
    """Who is asking: decides which visibility levels they may read."""

    PUBLIC = "public", _("Anyone")
    GOVERNMENT = "government", _("Ministry API key")
    STAFF = "staff", _("Staff")


# The anonymous visitor of the public site: what every public page reads as.
PUBLIC = Audience.PUBLIC


# The visibility levels each audience may read; anything else is a 404.
LEVELS_FOR_AUDIENCE = {
    Audience.PUBLIC: (Visibility.PUBLIC,),
    Audience.GOVERNMENT: (Visibility.PUBLIC, Visibility.GOVERNMENT),
    Audience.STAFF: (Visibility.PUBLIC, Visibility.GOVERNMENT, Visibility.INTERNAL),
}


class CountedFigure(models.TextChoices):
    """What a stated total stands next to among the figures the registry
    counts itself: the home page's and the period report's sections."""

    MEMBERSHIPS = "memberships", _("memberships")
    AGREEMENTS = "agreements", _("agreements")
    FTAS = "ftas", _("FTAs")
    DELEGATIONS = "delegations", _("delegations")


class FigureQualifier(models.TextChoices):
    EXACT = "exact", _("exactly")
    AT_LEAST = "at_least", _("at least")
    MORE_THAN = "more_than", _("more than")
    ABOUT = "about", _("about")
