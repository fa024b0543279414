"""Who "we" are: the registry's own organization with all its units (every
body below it through ``parent``) and its own country. We are never our own
partner: partner lists, counts, filter choices and pages leave us out."""

from django.conf import settings
from django.db.models import Q


def own_country() -> str:
    return settings.COOPDB_OWN_COUNTRY


def own_organization_ids() -> set[int]:
    """Our organization and its units at any depth (one query per level)."""
    from organizations.models import Organization

    ids = set(Organization.objects.filter(slug=settings.COOPDB_OWN_ORGANIZATION).values_list("pk", flat=True))
    frontier = set(ids)
    while frontier:
        frontier = set(Organization.objects.filter(parent__in=frontier).values_list("pk", flat=True)) - ids
        ids |= frontier
    return ids


def is_us(organization, request=None) -> bool:
    """Whether ``organization`` is us; with a request, our ids are read once per request."""
    if request is None:
        return organization.pk in own_organization_ids()
    if not hasattr(request, "_coopdb_own_ids"):
        request._coopdb_own_ids = own_organization_ids()
    return organization.pk in request._coopdb_own_ids


def not_us_q(prefix: str = "") -> Q:
    """Organizations (at ``prefix``) that are not us."""
    return ~Q(**{f"{prefix}pk__in": own_organization_ids()})


def own_organization():
    """The registry's own organization (the report's letterhead), or None
    before it is entered."""
    from organizations.models import Organization

    return Organization.objects.filter(slug=settings.COOPDB_OWN_ORGANIZATION).first()
