"""What the site-wide search finds among organizations (core.search.SearchIndex;
the searched fields are the models' ``search_fields``), former names included."""

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from core.search import SearchIndex, SearchTerms, ranked
from organizations.models import Organization, OrganizationName


def _former_name_matches(terms: SearchTerms, audience) -> Q:
    """Names an organization bore for a time: "Rostekhregulirovaniye" finds Rosstandart."""
    names = ranked(OrganizationName.objects.visible_to(audience), terms).filter(organization=OuterRef("pk"))
    return Q(Exists(names))


INDEXES = (
    SearchIndex("organizations", _("Organizations"), "organizations:list", Organization, also=_former_name_matches),
)
