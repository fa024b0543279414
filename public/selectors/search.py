"""The site-wide search: accent-insensitive, over every kind of public record."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement, Commitment
from core.choices import PUBLIC
from core.search import search_q
from events.models import Delegation, Event, Initiative
from organizations.models import Organization, OrganizationName
from public.selectors.common import public

# --- search ----------------------------------------------------------------


@dataclass
class SearchGroup:
    key: str
    label: str
    list_url_name: str
    results: list
    total: int


SEARCH_LIMIT = 10

# (key, heading, list page, queryset builder, searched fields)
_SEARCH_TARGETS = (
    (
        "organizations",
        _("Organizations"),
        "organizations:list",
        lambda: Organization.objects.visible_to(PUBLIC),
        ["acronym", "name_vi", "name_en", "description_vi", "description_en"],
    ),
    (
        "agreements",
        _("Agreements"),
        "agreements:list",
        lambda: Agreement.objects.visible_to(PUBLIC),
        ["short_title_vi", "short_title_en", "title_vi", "title_en", "summary_vi", "summary_en"],
    ),
    (
        "commitments",
        _("Commitments"),
        "agreements:commitments",
        lambda: Commitment.objects.visible_to(PUBLIC).select_related("agreement"),
        ["reference_vi", "reference_en", "title_vi", "title_en", "text_vi", "text_en"],
    ),
    (
        "events",
        _("Events"),
        "events:list",
        lambda: Event.objects.visible_to(PUBLIC),
        ["title_vi", "title_en", "city_vi", "city_en", "description_vi", "description_en"],
    ),
    (
        "delegations",
        _("Delegations"),
        "events:delegations",
        lambda: Delegation.objects.visible_to(PUBLIC),
        ["title_vi", "title_en", "description_vi", "description_en"],
    ),
    (
        "initiatives",
        _("Initiatives"),
        "events:initiatives",
        lambda: Initiative.objects.visible_to(PUBLIC),
        ["title_vi", "title_en", "description_vi", "description_en", "outcome_vi", "outcome_en"],
    ),
)


def _former_names_matching(query: str):
    """Names an organization bore for a time: "Rostekhregulirovaniye" finds Rosstandart."""
    return public(OrganizationName).filter(
        search_q(query, ["acronym", "name_vi", "name_en"]), organization=OuterRef("pk")
    )


def search_everything(query: str) -> list[SearchGroup]:
    """Accent-insensitive search over every kind of public record: two queries
    per kind (the first results and the total)."""
    if not query.strip():
        return []
    groups = []
    for key, label, list_url_name, base, fields in _SEARCH_TARGETS:
        condition = search_q(query, fields)
        if key == "organizations":
            condition |= Q(Exists(_former_names_matching(query)))
        matches = base().filter(condition)
        total = matches.count()
        results = list(matches[:SEARCH_LIMIT]) if total else []
        groups.append(SearchGroup(key, label, list_url_name, results, total))
    return groups
