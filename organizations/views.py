"""Public pages: organizations, their tree, memberships and offices held."""

from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.listing import Sort, render_list
from organizations import selectors
from organizations.filtersets import MembershipFilterSet, OfficeFilterSet, OrganizationFilterSet

ORGANIZATION_FILTERS = {"q": _("Words"), "kind": _("Kind"), "country": _("Country")}
ORGANIZATION_SORTS = {
    "acronym": Sort("acronym", ("acronym", "slug")),
    "name": Sort("name", ("t:name",)),
    "kind": Sort("kind", ("kind",)),
    "country": Sort("country", ("country",)),
    "founded": Sort("founded", ("founded_on", "founded_year")),
}

MEMBERSHIP_FILTERS = {
    "q": _("Words"),
    "member_class": _("Class"),
    "organization_kind": _("Kind of organization"),
    "active_on": _("Active on"),
}
MEMBERSHIP_SORTS = {
    "organization": Sort("organization", ("organization__acronym", "organization__slug")),
    "member": Sort("member", ("member__acronym", "member__slug")),
    "class": Sort("class", ("member_class",)),
    "since": Sort("since", ("since", "since_year")),
}

OFFICE_FILTERS = {"q": _("Words"), "role": _("Role"), "held_on": _("Held on")}
OFFICE_SORTS = {
    "body": Sort("body", ("body__acronym", "body__slug")),
    "role": Sort("role", ("role",)),
    "term": Sort("term", ("term_start", "term_year")),
}


def organization_list(request):
    return render_list(
        request,
        "organizations/organization_list.html",
        selectors.organization_list,
        filterset_class=OrganizationFilterSet,
        filters=ORGANIZATION_FILTERS,
        sorts=ORGANIZATION_SORTS,
        default_sort="acronym",
        extra={
            "paths": selectors.organization_paths(),
            "ours": {m.organization_id: m for m in selectors.our_memberships()},
        },
    )


def organization_tree(request):
    return render(request, "organizations/organization_tree.html", {"tree": selectors.organization_tree()})


def organization_detail(request, slug):
    organization = get_object_or_404(selectors.organization_detail_queryset(), slug=slug)
    context = {
        "organization": organization,
        "path": selectors.organization_paths().get(organization.pk, []),
        "today": timezone.localdate(),
    }
    return render(request, "organizations/organization_detail.html", context)


def membership_list(request):
    return render_list(
        request,
        "organizations/membership_list.html",
        selectors.membership_list,
        filterset_class=MembershipFilterSet,
        filters=MEMBERSHIP_FILTERS,
        sorts=MEMBERSHIP_SORTS,
        default_sort="organization",
        extra={"paths": selectors.organization_paths()},
    )


def office_list(request):
    return render_list(
        request,
        "organizations/office_list.html",
        selectors.office_list,
        filterset_class=OfficeFilterSet,
        filters=OFFICE_FILTERS,
        sorts=OFFICE_SORTS,
        default_sort="-term",
        extra={"today": timezone.localdate()},
    )
