"""What the site-wide search finds among organizations (core.search.SearchIndex)."""

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from core.search import SearchIndex, search_q
from organizations.models import Organization, OrganizationName


def _former_name_matches(query: str, audience) -> Q:
    """Names an organization bore for a time: "Rostekhregulirovaniye" finds Rosstandart."""
    names = OrganizationName.objects.visible_to(audience).filter(
        search_q(query, ["acronym", "name_vi", "name_en"]), organization=OuterRef("pk")
    )
    return Q(Exists(names))


INDEXES = (
    SearchIndex(
        "organizations",
        _("Organizations"),
        "organizations:list",
        Organization,
        ("acronym", "name_vi", "name_en", "description_vi", "description_en"),
        also=_former_name_matches,
    ),
)
