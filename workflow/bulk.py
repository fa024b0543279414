"""Bulk actions of the registry's admin lists: a confirmation page with the
one value the action needs (a date, a status, a person), then every chosen
row saved with ``save()`` so simple-history records who changed what.

Each action is declared with ``permissions=["change"]``: Viewers, who may
not change, never see it.
"""

from dataclasses import dataclass

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from agreements.choices import CommitmentStatus
from core.choices import Visibility
from core.forms import HintedDateWidget, plausible_date_validators
from organizations.models import Person
from workflow.review import Decision, approve, changes_public_values, hold_values, is_reviewed, may_publish

BULK_REASON = _("Bulk action: %(action)s")


class PaidOnForm(forms.Form):
    paid_on = forms.DateField(label=_("paid on"), widget=HintedDateWidget, validators=plausible_date_validators())


class CommitmentStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("status"), choices=CommitmentStatus.choices)


class ResponsiblePersonForm(forms.Form):
    responsible_person = forms.ModelChoiceField(label=_("responsible person"), queryset=Person.objects.all())


class ApprovalForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment (the editors read it)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


@dataclass
class Outcome:
    changed: int = 0
    held: int = 0  # kept for a publisher's review (workflow.review)


def save_each(*, rows, values: dict, user, reason: str) -> Outcome:
    """Set ``values`` on every row and save it (history row per save); rows
    that already hold the values are left alone. An Editor's change that the
    public would see is kept for review instead (four eyes)."""
    outcome = Outcome()
    with transaction.atomic():
        for row in _locked(rows):
            if all(getattr(row, name) == value for name, value in values.items()):
                continue
            if not may_publish(user) and changes_public_values(row, values):
                outcome.held += bool(hold_values(record=row, values=values, user=user, summary=reason))
                continue
            _set_and_save(row, values, user=user, reason=reason)
            outcome.changed += 1
    return outcome


def _locked(rows):
    """The chosen rows, locked by key in key order. The admin's list queryset
    may be DISTINCT or grouped (a filter across a relation, a count column),
    which PostgreSQL cannot lock; key order keeps two bulk actions over the
    same rows from deadlocking."""
    keys = rows.order_by().values("pk")
    return rows.model._base_manager.filter(pk__in=keys).order_by("pk").select_for_update()


def _set_and_save(row, values, *, user, reason):
    for name, value in values.items():
        setattr(row, name, value)
    row._history_user = user
    row._change_reason = reason
    try:
        row.full_clean()
    except ValidationError as error:
        raise ValidationError(
            _("Nothing was changed: %(row)s cannot take this value (%(problem)s).")
            % {"row": row, "problem": " ".join(error.messages)}
        ) from error
    row.save()


def confirm_then_apply(modeladmin, request, queryset, *, form_class, title, apply, say=None):
    """Show the confirmation page with ``form_class``; once posted and valid,
    ``apply(cleaned_data)`` and say how many rows changed (or ``say`` it)."""
    form = form_class(request.POST if "confirm" in request.POST else None)
    if form.is_bound and form.is_valid():
        try:
            outcome = apply(form.cleaned_data)
        except ValidationError as error:
            modeladmin.message_user(request, " ".join(error.messages), messages.ERROR)
            return None
        (say or report)(modeladmin, request, outcome)
        return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": title,
        "opts": modeladmin.model._meta,
        "form": form,
        "media": modeladmin.media + form.media,
        "queryset": queryset,
        "action": request.POST.get("action", ""),
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "select_across": request.POST.get("select_across", "0"),
    }
    return TemplateResponse(request, "admin/bulk_confirm.html", context)


def report(modeladmin, request, outcome: Outcome) -> None:
    modeladmin.message_user(
        request,
        ngettext("%(count)d row changed.", "%(count)d rows changed.", outcome.changed) % {"count": outcome.changed},
        messages.SUCCESS,
    )
    if outcome.held:
        modeladmin.message_user(
            request,
            ngettext(
                "%(count)d change waits for a publisher's review: the public sees it once approved.",
                "%(count)d changes wait for a publisher's review: the public sees them once approved.",
                outcome.held,
            )
            % {"count": outcome.held},
            messages.WARNING,
        )


def _reason(action) -> str:
    return str(BULK_REASON % {"action": action})


@admin.action(description=_("Mark the selected dues paid…"), permissions=["change"])
def mark_dues_paid(modeladmin, request, queryset):
    def apply(data):
        return save_each(
            rows=queryset, values={"paid_on": data["paid_on"]}, user=request.user, reason=_reason(_("dues paid"))
        )

    return confirm_then_apply(
        modeladmin, request, queryset, form_class=PaidOnForm, title=_("Mark dues paid"), apply=apply
    )


@admin.action(description=_("Set the status of the selected commitments…"), permissions=["change"])
def set_commitment_status(modeladmin, request, queryset):
    def apply(data):
        return save_each(
            rows=queryset, values={"status": data["status"]}, user=request.user, reason=_reason(_("status set"))
        )

    return confirm_then_apply(
        modeladmin, request, queryset, form_class=CommitmentStatusForm, title=_("Set commitment status"), apply=apply
    )


@admin.action(description=_("Assign a responsible person to the selected commitments…"), permissions=["change"])
def assign_responsible_person(modeladmin, request, queryset):
    def apply(data):
        values = {"responsible_person": data["responsible_person"]}
        return save_each(rows=queryset, values=values, user=request.user, reason=_reason(_("person assigned")))

    return confirm_then_apply(
        modeladmin,
        request,
        queryset,
        form_class=ResponsiblePersonForm,
        title=_("Assign a responsible person"),
        apply=apply,
    )


@admin.action(description=_("Submit the selected records for publication"), permissions=["change"])
def submit_for_publication(modeladmin, request, queryset):
    """Make them public: at once for a publisher, after review for an editor."""
    outcome = save_each(
        rows=queryset, values={"visibility": Visibility.PUBLIC}, user=request.user, reason=_reason(_("published"))
    )
    report(modeladmin, request, outcome)


@admin.action(description=_("Approve and publish the selected requests…"), permissions=["approve"])
def approve_requests(modeladmin, request, queryset):
    """A publisher's one decision over many requests (a year's dues marked
    paid by an editor: one request per row), each applied as on its own page."""

    def apply(data):
        outcome = Outcome()
        for publication in queryset.filter(status="pending").order_by("requested_at", "pk"):
            try:
                decision = approve(publication=publication, request=request, comment=data["comment"])
            except ValidationError as error:  # the record refuses the values now: the others still go
                decision = Decision(False, " ".join(error.messages))
            if decision.ok:
                outcome.changed += 1
            else:
                modeladmin.message_user(request, f"{publication.record_label}: {decision.message}", messages.ERROR)
        return outcome

    return confirm_then_apply(
        modeladmin,
        request,
        queryset,
        form_class=ApprovalForm,
        title=_("Approve and publish"),
        apply=apply,
        say=_approved,
    )


def _approved(modeladmin, request, outcome: Outcome) -> None:
    modeladmin.message_user(
        request,
        ngettext(
            "%(count)d request approved: the change is published.",
            "%(count)d requests approved: the changes are published.",
            outcome.changed,
        )
        % {"count": outcome.changed},
        messages.SUCCESS,
    )


def attach_bulk_actions():
    """Give the dues and commitment lists their bulk actions. Called from
    WorkflowConfig.ready(), after the admins are registered: the workflow app
    adds to the apps below it, which never import it."""
    from agreements.models import Commitment
    from organizations.models import Dues
    from workflow.models import PublicationRequest

    for model, actions in (
        (Dues, [mark_dues_paid]),
        (Commitment, [set_commitment_status, assign_responsible_person]),
        (PublicationRequest, [approve_requests]),
    ):
        _add_actions(model, actions)
    for model in list(admin.site._registry):
        if is_reviewed(model) and model._meta.app_label in REVIEWED_APPS:
            _add_actions(model, [submit_for_publication])


# The registry's own records (not documents or ministries, published otherwise).
REVIEWED_APPS = ("organizations", "agreements", "events")


def _add_actions(model, actions):
    admin_class = type(admin.site.get_model_admin(model))
    present = list(admin_class.actions or [])
    admin_class.actions = [*present, *(action for action in actions if action not in present)]
