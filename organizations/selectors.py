"""Reads of organizations, memberships, dues, people, offices and ballots
(HackSoft selectors).

One list selector per model (``organization_list(*, audience, filters=None)``):
the rows the audience may see, their joins, default order and FilterSet, the
one read path of the API (organizations.api.views) and the public pages
(organizations.views). Optional references
(a holder) are select_related and rendered through the ``public`` template
filter, so a hidden one shows as absent. Parent bodies come from
:func:`organization_paths`, which keeps only the public ones.
"""

from collections.abc import Mapping
from typing import Any

from django.db.models import Prefetch, QuerySet

from core.choices import PUBLIC, Audience
from core.filtersets import apply_filters
from core.querysets import nulls_last
from core.search import fold
from organizations import us
from organizations.filtersets import (
    BallotFilterSet,
    DuesFilterSet,
    MembershipFilterSet,
    OfficeFilterSet,
    OrganizationFilterSet,
    PersonFilterSet,
)
from organizations.models import Ballot, Dues, Membership, Office, Organization, OrganizationName, Person

# The order of an organization's former names (its API record, the CSV export).
NAMES_ORDER = ("valid_from", "valid_until", "pk")


def former_names(audience: Audience, lookup: str = "names") -> Prefetch:
    """An organization's names over time the audience may see
    (``organization.names.all``: the API's ``names``, name_on() on the pages);
    ``lookup`` reaches them through a relation (``parties__organization__names``)."""
    names = OrganizationName.objects.visible_to(audience).order_by(*NAMES_ORDER)
    return Prefetch(lookup, queryset=names)


def organization_list(*, audience: Audience, filters: Mapping[str, Any] | None = None) -> QuerySet[Organization]:
    """The organizations ``audience`` may see, by acronym; ``filters`` read by
    OrganizationFilterSet (InvalidFilters when they cannot be)."""
    rows = (
        Organization.objects.visible_to(audience)
        .select_related("source", "parent")
        .order_by(nulls_last("acronym"), nulls_last("slug"))
    )
    return apply_filters(rows, OrganizationFilterSet, filters, audience=audience)


def organization_paths() -> dict[int, list[Organization]]:
    """For each public organization, its chain of public parent bodies from the
    top (ISO › ISO/TC 176), from one query over all public organizations."""
    by_id = {org.pk: org for org in Organization.objects.visible_to(PUBLIC).only("pk", "parent_id", "slug", "acronym")}
    paths = {}
    for pk, org in by_id.items():
        chain, seen, parent_id = [], {pk}, org.parent_id
        while parent_id in by_id and parent_id not in seen:
            seen.add(parent_id)
            chain.append(by_id[parent_id])
            parent_id = by_id[parent_id].parent_id
        paths[pk] = list(reversed(chain))
    return paths


def organization_tree():
    """Public organizations as nested (organization, children) pairs; a body
    whose parent is hidden becomes a root. One query for the bodies, one for
    our memberships."""
    organizations = sorted(
        Organization.objects.visible_to(PUBLIC), key=lambda org: fold(org.acronym or org.name or org.slug)
    )
    ours = {}
    for membership in our_memberships():
        ours.setdefault(membership.organization_id, []).append(membership)
    ids = {org.pk for org in organizations}
    children = {}
    for org in organizations:
        org.our_memberships = ours.get(org.pk, [])
        parent_id = org.parent_id if org.parent_id in ids else None
        children.setdefault(parent_id, []).append(org)

    def branch(parent_id, seen):
        return [(org, branch(org.pk, seen | {org.pk})) for org in children.get(parent_id, []) if org.pk not in seen]

    return branch(None, frozenset())


def membership_list(*, audience: Audience, filters: Mapping[str, Any] | None = None) -> QuerySet[Membership]:
    """The memberships ``audience`` may see, by organization then start;
    ``filters`` read by MembershipFilterSet."""
    rows = (
        Membership.objects.visible_to(audience)
        .select_related("source", "member", "organization")
        .order_by(nulls_last("organization__acronym"), nulls_last("since"))
    )
    return apply_filters(rows, MembershipFilterSet, filters, audience=audience)


def our_memberships() -> QuerySet[Membership]:
    # Read into dicts by organization: no order needed.
    return membership_list(audience=PUBLIC).filter(us.our_memberships_q()).order_by()


def dues_list(*, audience: Audience, filters: Mapping[str, Any] | None = None) -> QuerySet[Dues]:
    """The dues ``audience`` may see (the manager annotates each one's derived
    status), latest year first; ``filters`` read by DuesFilterSet."""
    rows = (
        Dues.objects.visible_to(audience)
        .select_related("source", "membership__member", "membership__organization")
        .order_by(nulls_last("year", descending=True))
    )
    return apply_filters(rows, DuesFilterSet, filters, audience=audience)


def person_list(*, audience: Audience, filters: Mapping[str, Any] | None = None) -> QuerySet[Person]:
    """The people ``audience`` may see, by name; ``filters`` read by PersonFilterSet."""
    rows = Person.objects.visible_to(audience).select_related("source", "unit").order_by(nulls_last("full_name"))
    return apply_filters(rows, PersonFilterSet, filters, audience=audience)


def office_list(*, audience: Audience, filters: Mapping[str, Any] | None = None) -> QuerySet[Office]:
    """The offices ``audience`` may see, latest term first (undated last);
    ``filters`` read by OfficeFilterSet."""
    rows = (
        Office.objects.visible_to(audience)
        .select_related("source", "body", "holder_organization", "holder_person")
        .order_by(nulls_last("term_start", descending=True))
    )
    return apply_filters(rows, OfficeFilterSet, filters, audience=audience)


def ballot_list(*, audience: Audience, filters: Mapping[str, Any] | None = None) -> QuerySet[Ballot]:
    """The ballots ``audience`` may see, latest closing first; ``filters`` read by BallotFilterSet."""
    rows = (
        Ballot.objects.visible_to(audience)
        .select_related("source", "committee")
        .order_by(nulls_last("closes_on", descending=True))
    )
    return apply_filters(rows, BallotFilterSet, filters, audience=audience)


def organization_detail_queryset() -> QuerySet[Organization]:
    """The public organizations with what their page shows, each list visibility-filtered."""
    return organization_list(audience=PUBLIC).prefetch_related(
        Prefetch(
            "children",
            queryset=Organization.objects.visible_to(PUBLIC).order_by("acronym", "slug"),
            to_attr="public_children",
        ),
        Prefetch(
            "memberships",
            queryset=membership_list(audience=PUBLIC).order_by("since", "pk"),
            to_attr="public_memberships",
        ),
        Prefetch(
            "offices",
            queryset=office_list(audience=PUBLIC).order_by("-term_start", "-term_year", "pk"),
            to_attr="public_offices",
        ),
    )
