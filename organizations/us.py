"""Who "we" are: the registry's own organization with all its units (every
body below it through ``parent``) and its own country. We are never our own
partner: partner lists, counts, filter choices and pages leave us out."""

from django.conf import settings
from django.db.models import Q
from django.db.models.expressions import RawSQL


def own_country() -> str:
    return settings.COOPDB_OWN_COUNTRY


def _own_ids_sql() -> RawSQL:
    """Our organization's id and its units' ids at any depth, as one SQL
    subquery (a recursive CTE on ``parent``): callers filter with it inside
    their own query, so "we" costs no query of its own."""
    from organizations.models import Organization

    meta = Organization._meta
    table, pk, parent = meta.db_table, meta.pk.column, meta.get_field("parent").column
    return RawSQL(
        f"WITH RECURSIVE ours(id) AS (SELECT {pk} FROM {table} WHERE slug = %s "
        f"UNION SELECT child.{pk} FROM {table} child JOIN ours ON child.{parent} = ours.id) "
        "SELECT id FROM ours",
        [settings.COOPDB_OWN_ORGANIZATION],
    )


def ours_q(prefix: str = "") -> Q:
    """Organizations (at ``prefix``, e.g. ``"member__"``) that are us: our
    organization and its units at any depth. The one definition of "we"."""
    return Q(**{f"{prefix}pk__in": _own_ids_sql()})


def own_organization_ids() -> set[int]:
    """Our organization and its units at any depth (one query)."""
    from organizations.models import Organization

    return set(Organization.objects.filter(ours_q()).values_list("pk", flat=True))


def is_us(organization, request=None) -> bool:
    """Whether ``organization`` is us; with a request, our ids are read once per request."""
    if request is None:
        return organization.pk in own_organization_ids()
    if not hasattr(request, "_coopdb_own_ids"):
        request._coopdb_own_ids = own_organization_ids()
    return organization.pk in request._coopdb_own_ids


def not_us_q(prefix: str = "") -> Q:
    """Organizations (at ``prefix``) that are not us."""
    return ~ours_q(prefix)


def our_memberships_q(prefix: str = "") -> Q:
    """Memberships (at ``prefix``) held by us in a body that is not us: a
    unit seated in our own organization is not one of our memberships."""
    return ours_q(f"{prefix}member__") & not_us_q(f"{prefix}organization__")


def own_organization():
    """The registry's own organization (the report's letterhead), or None
    before it is entered."""
    from organizations.models import Organization

    return Organization.objects.filter(slug=settings.COOPDB_OWN_ORGANIZATION).first()
