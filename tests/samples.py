"""One saved row of every CoopDB model, for tests that run over all of them.

``SAMPLES`` maps each model to a builder; tests parametrize over it, and
tests/admin/test_registry.py checks it lists every model of the four apps, so
a new model cannot slip past the admin, history, fallback and fixture tests.
"""

import itertools

from agreements.models import Agreement, AgreementParty, AgreementStatusChange, Commitment
from core.models import ReportedFigure, Source
from events.models import Delegation, DelegationMember, Event, Initiative
from organizations.models import Ballot, Dues, Membership, Office, Organization, OrganizationName, Person
from tests import factories

_counter = itertools.count(1)


def make_reported_figure(**kw) -> ReportedFigure:
    n = next(_counter)
    kw.setdefault("key", f"figure-{n}")
    kw.setdefault("label_vi", f"Số tổ chức quốc tế {n}")
    kw.setdefault("value", 14)
    kw.setdefault("source", factories.make_source())
    kw.setdefault("visibility", "public")
    return ReportedFigure.objects.create(**kw)


def make_delegation_member(**kw) -> DelegationMember:
    kw.setdefault("delegation", kw.get("delegation") or factories.make_delegation())
    kw.setdefault("person", kw.get("person") or factories.make_person())
    kw.setdefault("source", kw["delegation"].source)
    kw.setdefault("visibility", "public")
    return DelegationMember.objects.create(**kw)


SAMPLES = {
    Source: factories.make_source,
    ReportedFigure: make_reported_figure,
    Organization: factories.make_organization,
    OrganizationName: factories.make_organization_name,
    Membership: factories.make_membership,
    Dues: factories.make_dues,
    Person: factories.make_person,
    Office: factories.make_office,
    Ballot: factories.make_ballot,
    Agreement: factories.make_agreement,
    AgreementParty: factories.make_party,
    AgreementStatusChange: factories.make_status_change,
    Commitment: factories.make_commitment,
    Event: factories.make_event,
    Delegation: factories.make_delegation,
    DelegationMember: make_delegation_member,
    Initiative: factories.make_initiative,
}
MODELS = list(SAMPLES)


def model_id(model) -> str:
    """Readable test ids: ``organizations.membership``."""
    return model._meta.label_lower


def make_sample(model):
    return SAMPLES[model]()
