"""The agreements' CSV export by COPY (api.csv_sql): where the nested lists'
rows come from and the cells of the fields the serializer computes."""

from django.db.models import F, Value

from agreements.models import AgreementParty, AgreementStatusChange
from agreements.selectors import HISTORY_ORDER, PARTY_ORDER
from api.csv_sql import CopyPlan, NestedList, Sql, empty_object_cell
from api.fields import list_link


def _commitments(context) -> list[tuple[str, list]]:
    prefix = f"{list_link(context.request, 'api:commitment-list')}?agreement="
    return [("commitments", [context.raw(Sql(Value(prefix), " || ", F("pk")))])]


PLAN = CopyPlan(
    lists={
        "parties": NestedList(AgreementParty, "agreement", PARTY_ORDER),
        "status_history": NestedList(AgreementStatusChange, "agreement", HISTORY_ORDER),
    },
    computed={"standing": empty_object_cell("standing"), "commitments": _commitments},
)
