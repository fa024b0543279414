"""The agreements' CSV export by COPY (api.csv_sql): where the nested lists'
rows come from and the cells of the fields the serializer computes."""

from django.db.models import F, Value

from agreements.models import AgreementParty, AgreementStatusChange
from agreements.selectors import HISTORY_ORDER, PARTY_ORDER
from api.csv_sql import CopyPlan, NestedList, Sql
from api.fields import list_link


def _standing(context) -> list[tuple[str, list]]:
    # Always an empty cell, as api.renderers writes it today: the header names
    # the column "standing" (columns() does not flatten a method field) while
    # the flattened row holds standing_state and standing_as_of, which no
    # header column names. Filling it would change the file.
    return [("standing", ["NULL"])]


def _commitments(context) -> list[tuple[str, list]]:
    prefix = f"{list_link(context.request, 'api:commitment-list')}?agreement="
    return [("commitments", [context.raw(Sql(Value(prefix), " || ", F("pk")))])]


PLAN = CopyPlan(
    lists={
        "parties": NestedList(AgreementParty, "agreement", PARTY_ORDER),
        "status_history": NestedList(AgreementStatusChange, "agreement", HISTORY_ORDER),
    },
    computed={"standing": _standing, "commitments": _commitments},
)
