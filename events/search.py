"""What the site-wide search finds among events, delegations and initiatives
(core.search.SearchIndex; the searched fields are the models' ``search_fields``)."""

from django.utils.translation import gettext_lazy as _

from core.search import SearchIndex
from events.models import Delegation, Event, Initiative

INDEXES = (
    SearchIndex("events", _("Events"), "events:list", Event),
    SearchIndex("delegations", _("Delegations"), "events:delegations", Delegation),
    SearchIndex("initiatives", _("Initiatives"), "events:initiatives", Initiative),
)
