"""What the site-wide search finds among events, delegations and initiatives (core.search.SearchIndex)."""

from django.utils.translation import gettext_lazy as _

from core.search import SearchIndex
from events.models import Delegation, Event, Initiative

INDEXES = (
    SearchIndex(
        "events",
        _("Events"),
        "events:list",
        Event,
        ("title_vi", "title_en", "city_vi", "city_en", "description_vi", "description_en"),
    ),
    SearchIndex(
        "delegations",
        _("Delegations"),
        "events:delegations",
        Delegation,
        ("title_vi", "title_en", "description_vi", "description_en"),
    ),
    SearchIndex(
        "initiatives",
        _("Initiatives"),
        "events:initiatives",
        Initiative,
        ("title_vi", "title_en", "description_vi", "description_en", "outcome_vi", "outcome_en"),
    ),
)
