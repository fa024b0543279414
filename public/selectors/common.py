"""What every public-site read starts from: public records only, and public
organizations behind every filter that goes through one."""

from django.db.models import Q

from core.choices import PUBLIC
from core.querysets import visibility_q
from organizations.models import Organization


def public(model):
    return model.objects.visible_to(PUBLIC)


def public_org_q(prefix: str) -> Q:
    """Rows whose organization at ``prefix`` is public: a filter through a hidden
    organization must not reveal anything about it."""
    return visibility_q(Organization, PUBLIC, prefix=prefix)
