"""Reads of agreements, their parties, status history and commitments
(HackSoft selectors).

One list selector per model (``agreement_list(*, audience, filters=None)``,
``commitment_list``): the one read path of the API (agreements.api.views, its
CSV export included) and the public pages (agreements.views). What only some
callers show is a named Prefetch here, added on top of it."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from agreements.choices import AgreementKind, AgreementStatus
from agreements.filtersets import AgreementFilterSet, CommitmentFilterSet
from agreements.models import Agreement, AgreementParty, AgreementStatusChange, Commitment
from core import truth
from core.choices import PUBLIC, Audience
from core.counts import cached
from core.filtersets import apply_filters
from core.querysets import nulls_last
from organizations.selectors import former_names

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

# The order of an agreement's nested lists, for the selectors' prefetches
# and the fast CSV export (agreements.api.csv) alike.
PARTY_ORDER = ("pk",)
HISTORY_ORDER = ("changed_on", "year", "pk")


def _parties(audience: Audience) -> Prefetch:
    # One prefetch of parties for the API and the pages (``agreement.parties.all``).
    return Prefetch(
        "parties",
        queryset=AgreementParty.objects.visible_to(audience)
        .select_related("organization", "source")
        .order_by(*PARTY_ORDER),
    )


def agreement_list(*, audience: Audience, filters: Mapping[str, Any] | None = None) -> QuerySet[Agreement]:
    """The agreements ``audience`` may see, each with its visible parties, in
    the default order (latest signed first, undated last); ``filters`` (a
    query string) read by AgreementFilterSet, raising InvalidFilters when
    they cannot be. The one read path of the API list and detail, its CSV
    export and the public pages."""
    rows = (
        Agreement.objects.visible_to(audience)
        .select_related("source", "parent")
        .prefetch_related(_parties(audience))
        .order_by(nulls_last("signed_on", descending=True), nulls_last("slug"))
    )
    return apply_filters(rows, AgreementFilterSet, filters, audience=audience)


def status_history(audience: Audience, prefix: str = "") -> Prefetch:
    """An agreement's visible status changes (``agreement.status_changes.all``),
    for what shows its history: an API record, the detail, FTA and coverage
    pages; ``prefix`` reaches the agreement from another row (``"agreement__"``)."""
    return Prefetch(
        f"{prefix}status_changes",
        queryset=AgreementStatusChange.objects.visible_to(audience).select_related("source").order_by(*HISTORY_ORDER),
    )


def party_names() -> Prefetch:
    """The public names over time of each party's organization, for name_on()
    (the pages name a party as it was called when the agreement was signed).
    Through agreement_list's parties: no second prefetch of them."""
    return former_names(PUBLIC, "parties__organization__names")


def commitment_list(*, audience: Audience, filters: Mapping[str, Any] | None = None) -> QuerySet[Commitment]:
    """The commitments ``audience`` may see, earliest deadline first (none
    last); ``filters`` read by CommitmentFilterSet."""
    rows = (
        Commitment.objects.visible_to(audience)
        .select_related("source", "agreement", "responsible_unit", "responsible_person")
        .order_by(nulls_last("deadline"), nulls_last("code"))
    )
    return apply_filters(rows, CommitmentFilterSet, filters, audience=audience)


def commitments(audience: Audience, prefix: str = "") -> Prefetch:
    """An agreement's visible commitments in commitment_list's order, as
    ``public_commitments`` (the name the pages' templates read); ``prefix`` as
    in status_history."""
    return Prefetch(f"{prefix}commitments", queryset=commitment_list(audience=audience), to_attr="public_commitments")


def fta_list(*, audience: Audience, filters: Mapping[str, Any] | None = None) -> QuerySet[Agreement]:
    """The FTAs page: agreement_list's FTAs with their history and public
    commitments (the page is public: ``audience`` is PUBLIC)."""
    return (
        agreement_list(audience=audience, filters=filters)
        .filter(kind=AgreementKind.FTA)
        .prefetch_related(party_names(), status_history(audience), commitments(audience))
    )


def _public_documents():
    """The record's public signed documents (workflow.Document). The workflow
    app sits above this one, so its model is reached through the reverse
    relation, never imported."""
    document = Agreement._meta.get_field("documents").related_model
    queryset = document.objects.visible_to(PUBLIC).order_by("title", "pk")
    return Prefetch("documents", queryset=queryset, to_attr="public_documents")


def agreement_detail_queryset() -> QuerySet[Agreement]:
    """The public agreements with all their page shows: the list's read path plus
    the history, commitments, public sub-agreements and signed documents."""
    children = (
        Agreement.objects.visible_to(PUBLIC).order_by("signed_on", "slug").prefetch_related(status_history(PUBLIC))
    )
    return agreement_list(audience=PUBLIC).prefetch_related(
        party_names(),
        status_history(PUBLIC),
        commitments(PUBLIC),
        Prefetch("children", queryset=children, to_attr="public_children"),
        _public_documents(),
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
    changes = {change.status: change for change in truth.history_read(agreement)}
    usual = FTA_STAGES if agreement.kind == AgreementKind.FTA else OTHER_STAGES
    return [
        Stage(status, label, changes.get(status), current=status == agreement.status)
        for status, label in AgreementStatus.choices
        if status in usual or status in changes or status == agreement.status
    ]
