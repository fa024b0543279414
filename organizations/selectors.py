"""Public reads of organizations, memberships and offices (HackSoft selectors).

Every queryset starts from ``visible_to("public")``; optional references
(a holder) are select_related and rendered through the ``public`` template
filter, so a hidden one shows as absent. Parent bodies come from
:func:`organization_paths`, which keeps only the public ones.
"""

from django.conf import settings
from django.db.models import Prefetch

from core.choices import PUBLIC
from core.search import fold
from organizations.models import Membership, Office, Organization, OrganizationName


def public_names(lookup: str = "names"):
    """An organization's names over time (``public_names``), for name_on()."""
    return Prefetch(lookup, queryset=OrganizationName.objects.visible_to(PUBLIC), to_attr="public_names")


def public_organizations():
    # No parent join: the pages show the chain of parents from organization_paths().
    return Organization.objects.visible_to(PUBLIC)


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


def public_memberships():
    return Membership.objects.visible_to(PUBLIC).select_related("member", "organization", "source")


def our_memberships():
    return public_memberships().filter(member__slug=settings.COOPDB_OWN_ORGANIZATION)


def public_offices():
    return Office.objects.visible_to(PUBLIC).select_related("body", "holder_organization", "holder_person", "source")


def organization_detail_queryset():
    """One organization with what its page shows, each list visibility-filtered."""
    return (
        Organization.objects.visible_to(PUBLIC)
        .select_related("source")
        .prefetch_related(
            Prefetch(
                "children",
                queryset=Organization.objects.visible_to(PUBLIC).order_by("acronym", "slug"),
                to_attr="public_children",
            ),
            Prefetch(
                "memberships",
                queryset=public_memberships().order_by("since", "pk"),
                to_attr="public_memberships",
            ),
            Prefetch(
                "offices",
                queryset=public_offices().order_by("-term_start", "-term_year", "pk"),
                to_attr="public_offices",
            ),
        )
    )
