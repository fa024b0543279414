"""Writes that touch more than one agreement row (HackSoft styleguide)."""

import datetime

from django.db import transaction

from agreements.choices import AgreementStatus
from agreements.models import Agreement, AgreementStatusChange
from core.choices import LEVELS_FOR_AUDIENCE
from core.truth import AUDIENCE_OF_VISIBILITY

STAGE_ORDER = {status: index for index, status in enumerate(AgreementStatus.values)}


def _sort_key(change: AgreementStatusChange):
    day = change.changed_on or datetime.date(change.year, 12, 31)
    return (day, STAGE_ORDER[change.status])


@transaction.atomic
def sync_agreement_status(*, agreement: Agreement) -> Agreement:
    """Set the agreement's current status to its latest dated stage, and its
    signing date to the date of its ``signed`` stage when that has one, so the
    list column, the signing date and the history never disagree (one source
    of truth per date). Saved with ``save()`` so the change lands in the
    agreement's own history.

    Only stages seen by whoever sees the agreement count: an internal stage
    of a public agreement is a staff note, and letting it set the public
    status (or the in-force counts) would show it to everyone."""
    levels = LEVELS_FOR_AUDIENCE[AUDIENCE_OF_VISIBILITY[agreement.visibility]]
    changes = list(agreement.status_changes.filter(visibility__in=levels))
    if not changes:
        return agreement
    latest = max(changes, key=_sort_key).status
    signed = next((c.changed_on for c in changes if c.status == AgreementStatus.SIGNED and c.changed_on), None)
    updated = []
    if agreement.status != latest:
        agreement.status = latest
        updated.append("status")
    if signed and agreement.signed_on != signed:
        agreement.signed_on = signed
        updated.append("signed_on")
    if updated:
        agreement.save(update_fields=[*updated, "updated_at"])
    return agreement


@transaction.atomic
def record_status_change(
    *,
    agreement: Agreement,
    status: str,
    changed_on: datetime.date | None = None,
    year: int | None = None,
    note: str = "",
) -> AgreementStatusChange:
    """Add (or re-date) one lifecycle stage and bring the current status in step."""
    change, _ = AgreementStatusChange.objects.update_or_create(
        agreement=agreement,
        status=status,
        defaults={"changed_on": changed_on, "year": year, "note": note, "source": agreement.source},
    )
    sync_agreement_status(agreement=agreement)
    return change
