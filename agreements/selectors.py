"""Public reads of agreements, their parties, status history and commitments."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch

from agreements.choices import AgreementKind, AgreementStatus
from agreements.models import Agreement, AgreementParty, AgreementStatusChange, Commitment
from core.choices import PUBLIC
from core.counts import cached
from organizations.selectors import public_names

# Stages a time line always shows; the others only once reached. FTAs are
# negotiated and ratified; MoUs and plans are usually just signed.
FTA_STAGES = (
    AgreementStatus.NEGOTIATING,
    AgreementStatus.CONCLUDED,
    AgreementStatus.SIGNED,
    AgreementStatus.RATIFIED,
    AgreementStatus.IN_FORCE,
)
OTHER_STAGES = (AgreementStatus.SIGNED, AgreementStatus.IN_FORCE)


def _public_parties():
    return Prefetch(
        "parties",
        queryset=AgreementParty.objects.visible_to(PUBLIC)
        .select_related("organization", "source")
        .prefetch_related(public_names("organization__names"))
        .order_by("pk"),
        to_attr="public_parties",
    )


def _public_status_changes():
    return Prefetch(
        "status_changes",
        queryset=AgreementStatusChange.objects.visible_to(PUBLIC)
        .select_related("source")
        .order_by("changed_on", "year", "pk"),
        to_attr="public_status_changes",
    )


def public_commitments():
    return Commitment.objects.visible_to(PUBLIC).select_related("agreement", "responsible_unit", "responsible_person")


def _public_commitments():
    return Prefetch(
        "commitments",
        queryset=public_commitments().order_by("deadline", "code"),
        to_attr="public_commitments",
    )


def public_agreements():
    return Agreement.objects.visible_to(PUBLIC).select_related("parent").prefetch_related(_public_parties())


def public_ftas():
    return (
        Agreement.objects.visible_to(PUBLIC)
        .filter(kind=AgreementKind.FTA)
        .prefetch_related(_public_parties(), _public_status_changes(), _public_commitments())
    )


def _public_documents():
    """The record's public signed documents (workflow.Document). The workflow
    app sits above this one, so its model is reached through the reverse
    relation, never imported."""
    document = Agreement._meta.get_field("documents").related_model
    queryset = document.objects.visible_to(PUBLIC).order_by("title", "pk")
    return Prefetch("documents", queryset=queryset, to_attr="public_documents")


def agreement_detail_queryset():
    children = Agreement.objects.visible_to(PUBLIC).order_by("signed_on", "slug")
    return (
        Agreement.objects.visible_to(PUBLIC)
        .select_related("parent", "source")
        .prefetch_related(
            _public_parties(),
            _public_status_changes(),
            _public_commitments(),
            Prefetch("children", queryset=children, to_attr="public_children"),
            _public_documents(),
        )
    )


def kind_counts() -> dict[str, int]:
    """How many public agreements of each kind, for the list's tabs."""
    rows = Agreement.objects.visible_to(PUBLIC).order_by().values("kind").annotate(n=Count("pk"))
    return cached("kind-counts", rows, lambda: {row["kind"]: row["n"] for row in rows})


@dataclass(frozen=True)
class Stage:
    status: str
    label: str
    change: AgreementStatusChange | None
    current: bool = False

    @property
    def reached(self) -> bool:
        return self.change is not None or self.current


def stage_timeline(agreement) -> list[Stage]:
    """The lifecycle as a time line: the usual stages in order, each with the
    dated change that reached it (if any), plus any other stage reached; the
    current status counts as reached even when its date is not recorded."""
    changes = {change.status: change for change in agreement.public_status_changes}
    usual = FTA_STAGES if agreement.kind == AgreementKind.FTA else OTHER_STAGES
    return [
        Stage(status, label, changes.get(status), current=status == agreement.status)
        for status, label in AgreementStatus.choices
        if status in usual or status in changes or status == agreement.status
    ]
