"""Publication review (four eyes): what an Editor may not publish alone.

An Editor's save that would show the public something it does not show now —
a record becoming public, or a public record's public fields or rows
changing — is not written: the form's submission is kept as a
``PublicationRequest``, and the record (so the public site and the API) stays
as last approved. A Publisher approves it, which replays the submission
through the same admin form (same validation, same optimistic lock), or
rejects it with a comment. Hiding something, internal notes, responsible
people and anything of a record the public cannot see are saved at once.

Every path that writes a record asks one rule, ``held_if_public``: the
change form and a revert from the history (``core.admin.CHANGE_FORM_GATES``),
a spreadsheet import's rows (``core.resources.IMPORT_ROW_GATES``), both
filled from WorkflowConfig.ready() so core does not import this app, and the
restore of a deleted record (``workflow.deleted``). A revert waits as the
values it sets; a restore or an imported row the public would see is refused
(nothing exists yet that a request could wait on).
"""

import copy
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from modeltranslation.translator import NotRegistered, translator

from core.choices import PUBLIC, Visibility
from workflow.models import PublicationRequest

APPROVE_PERMISSION = "workflow.approve_publicationrequest"
# Form keys that say how to save, not what: never replayed.
NOT_REPLAYED = {"csrfmiddlewaretoken", "_continue", "_addanother", "_saveasnew", "_save"}
# Fields whose change the public never sees.
STAMP_FIELDS = {"created_at", "updated_at"}
# Which admin view a gate wraps (core.admin.RecordAdmin).
CHANGE_VIEW, REVERT_VIEW = "change", "revert"


def may_publish(user) -> bool:
    # No user: code acting on its own (a command, a restore), not an editor.
    return user is None or user.is_superuser or user.has_perm(APPROVE_PERMISSION)


def is_reviewed(model) -> bool:
    """Records with a visibility of their own go through review."""
    return any(field.name == "visibility" for field in model._meta.fields)


def public_state(model, pk) -> dict | None:
    """What the public sees of the row: its public field values, or None when
    the public cannot see it (or it does not exist)."""
    if pk is None:
        return None
    private = set(getattr(model, "private_fields", ())) | STAMP_FIELDS
    names = [field.attname for field in model._meta.concrete_fields if field.name not in private]
    rows = model.objects.visible_to(PUBLIC).filter(pk=pk).values(*names)
    # An empty text and no text look the same to the public (a translation
    # column is NULL until a form first saves it as "").
    return {name: "" if value is None else value for name, value in rows[0].items()} if rows else None


# --- The gate in every record's change form ----------------------------------


def review_gate(modeladmin, request: HttpRequest, object_id, run, view: str = CHANGE_VIEW):
    """Run the admin's change form (or its revert from the history, ``view``
    REVERT_VIEW); if an Editor's save would change what the public sees, undo
    it and keep it for review instead."""
    model = modeladmin.model
    if object_id is not None and not str(object_id).isdigit():
        return run()  # not a record's address: the admin answers it (a 404 or a redirect)
    if request.method != "POST":
        if request.method == "GET" and object_id and view == CHANGE_VIEW:
            _say_pending(request, model, object_id)
        return run()
    try:
        with held_if_public(model, object_id, request.user) as watch:
            response = run()
            saved = getattr(request, "_coopdb_saved", None)
            if response.status_code == 302 and saved is not None:  # not a form with errors
                watch.saved(saved.pk, rows_changed=getattr(request, "_coopdb_public_rows_changed", False))
            return response
    except HeldForReview as held:
        if view == REVERT_VIEW:
            return _hold_revert(modeladmin, request, object_id, saved, held.summary)
        return _hold(modeladmin, request, object_id, held.summary)


# --- The rule every write path calls -------------------------------------------


class HeldForReview(Exception):
    """A write the public would see, by someone who may not publish: it was
    rolled back; ``summary`` says what it would have changed."""

    def __init__(self, summary: str):
        super().__init__(summary)
        self.summary = summary


@dataclass
class Watch:
    """What the guarded block saved (None: nothing, e.g. a form with errors)."""

    pk: object = None
    rows_changed: bool = False

    def saved(self, pk, *, rows_changed: bool = False):
        self.pk, self.rows_changed = pk, rows_changed


@contextmanager
def held_if_public(model, pk, user) -> Iterator[Watch]:
    """Run the block (a write to the ``model`` row ``pk``, None for a new one)
    as ``user``. When the user may not publish and, after it, the public would
    see something new, the block's writes are rolled back and HeldForReview is
    raised. The block tells what it saved through the Watch it is given.

    The one rule of the four-eyes review: the change form, a revert from the
    history, a restore of a deleted record and a spreadsheet import all call
    it (a bulk action, which sets known values, asks changes_public_values)."""
    watch = Watch()
    if may_publish(user) or not is_reviewed(model):
        yield watch
        return
    before = public_state(model, pk)
    with transaction.atomic():  # a savepoint: the raise below undoes the block only
        yield watch
        if watch.pk is not None:
            summary = public_change(model, before, public_state(model, watch.pk), watch.rows_changed)
            if summary:
                raise HeldForReview(summary)


def public_change(model, before: dict | None, after: dict | None, rows_changed: bool) -> str | None:
    """What the public would see anew going from ``before`` to ``after``
    (public_state), in words; None when nothing: hiding, or no public change."""
    if after is None or (after == before and not (rows_changed and before is not None)):
        return None
    return _summary(model, before, after, rows_changed)


def _hold(modeladmin, request, object_id, summary: str):
    _discard_messages(request)
    model = modeladmin.model
    if request.FILES:
        messages.error(
            request,
            _(
                "Nothing was saved: a change that a publisher must review cannot carry files. "
                "Save it without the file, and add the file once it is approved."
            ),
        )
        return redirect(request.get_full_path())
    obj = model._base_manager.filter(pk=object_id).first() if object_id else None
    submission = {key: values for key, values in request.POST.lists() if key not in NOT_REPLAYED}
    publication = PublicationRequest.objects.create(
        record_type=ContentType.objects.get_for_model(model),
        record_id=obj.pk if obj else None,
        record_label=str(obj) if obj else _("New %(kind)s") % {"kind": model._meta.verbose_name},
        kind=PublicationRequest.Kind.FORM,
        submission=submission,
        summary=summary,
        requested_by=request.user,
    )
    messages.warning(
        request,
        _(
            "Your change was not published yet: it waits for a publisher's review (request %(number)d). "
            "The public site and the API show the last approved version meanwhile."
        )
        % {"number": publication.pk},
    )
    opts = model._meta
    if obj is not None:
        return redirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]))
    return redirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))


def _hold_revert(modeladmin, request, object_id, reverted, summary: str):
    """A revert from the history waits as the values it would set: its form
    has no rows, so it cannot be replayed through the change form."""
    _discard_messages(request)
    model = modeladmin.model
    record = model._base_manager.get(pk=object_id)
    # A translated field's own column stands for the language in use: its
    # per-language columns (title_vi, title_en) carry the values.
    skip = STAMP_FIELDS | _translated_originals(model)
    values = {
        field.name: getattr(reverted, field.name)
        for field in model._meta.concrete_fields
        if field.editable
        and not field.primary_key
        and field.name not in skip
        and getattr(reverted, field.attname) != getattr(record, field.attname)
    }
    publication = hold_values(record=record, values=values, user=request.user, summary=summary)
    if publication is None:
        messages.info(request, _("The same change already waits for a publisher's review."))
    else:
        messages.warning(
            request,
            _(
                "The record was not reverted yet: reverting it changes what the public sees, so it waits "
                "for a publisher's review (request %(number)d)."
            )
            % {"number": publication.pk},
        )
    opts = model._meta
    return redirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk]))


def _translated_originals(model) -> set[str]:
    try:
        return set(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return set()


def _discard_messages(request):
    # Iterating marks the admin's "changed successfully" as read: it is not shown.
    for _message in messages.get_messages(request):
        pass


def _summary(model, before, after, rows_changed: bool) -> str:
    if before is None:
        return _("Becomes visible to the public.")
    changed = [
        str(capfirst(model._meta.get_field(_field_name(model, attname)).verbose_name))
        for attname in after
        if after[attname] != before.get(attname)
    ]
    parts = [_("Changes: %(fields)s.") % {"fields": ", ".join(changed)}] if changed else []
    if rows_changed:
        parts.append(_("Rows shown with it change (parties, stages, commitments, members, documents...)."))
    return " ".join(parts)


def _field_name(model, attname: str) -> str:
    for field in model._meta.concrete_fields:
        if field.attname == attname:
            return field.name
    return attname


def _say_pending(request, model, object_id):
    pending = PublicationRequest.objects.filter(
        record_type=ContentType.objects.get_for_model(model), record_id=object_id, status="pending"
    ).count()
    if pending:
        messages.info(
            request,
            ngettext(
                "%(count)d change to this record waits for a publisher's review; this page shows the approved version.",
                "%(count)d changes to this record wait for a publisher's review; this page shows the approved version.",
                pending,
            )
            % {"count": pending},
        )


# --- A spreadsheet import's rows ---------------------------------------------------


def import_row_gate(instance, is_create, user, save):
    """A row an Editor imports that would change what the public sees is
    refused (a ValidationError, shown on the import's preview): a new record
    has nothing a request could wait on, and the import is all or nothing."""
    model = type(instance)
    try:
        with held_if_public(model, None if is_create else instance.pk, user) as watch:
            save()
            watch.saved(instance.pk)
    except HeldForReview as held:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _(
                    "Only a publisher may import this row: it changes what the public sees (%(summary)s). "
                    "Import it with the visibility Internal, or ask a publisher to import the file."
                )
                % {"summary": held.summary}
            }
        ) from None


# --- Values set from a list (bulk actions) ---------------------------------------


def changes_public_values(record, values: dict) -> bool:
    """Would setting ``values`` on ``record`` show the public something new?"""
    before = public_state(type(record), record.pk)
    if values.get("visibility") == Visibility.PUBLIC and before is None:
        return True
    if before is None:
        return False
    private = set(getattr(record, "private_fields", ()))
    return any(name not in private and getattr(record, name) != value for name, value in values.items())


def hold_values(*, record, values: dict, user, summary: str) -> PublicationRequest | None:
    """Keep ``values`` for review instead of setting them; None when the same
    change already waits."""
    record_type = ContentType.objects.get_for_model(record)
    submission = {"values": {name: _serialise(record, name, value) for name, value in values.items()}}
    submission["updated_at"] = record.updated_at.isoformat()
    waiting = PublicationRequest.objects.filter(record_type=record_type, record_id=record.pk, status="pending")
    if any(request.submission.get("values") == submission["values"] for request in waiting):
        return None
    return PublicationRequest.objects.create(
        record_type=record_type,
        record_id=record.pk,
        record_label=str(record)[:300],
        kind=PublicationRequest.Kind.VALUES,
        submission=submission,
        summary=summary,
        requested_by=user,
    )


def _serialise(record, name, value):
    field = record._meta.get_field(name)
    if field.many_to_one:
        return value.pk if value is not None else None
    return field.value_to_string(type(record)(**{field.attname: value}))


def _deserialise(model, name, value):
    field = model._meta.get_field(name)
    if field.many_to_one:
        return field.related_model._base_manager.filter(pk=value).first() if value is not None else None
    return field.to_python(value)


# --- Deciding -------------------------------------------------------------------


@dataclass
class Decision:
    ok: bool
    message: str


def approve(*, publication: PublicationRequest, request: HttpRequest, comment: str) -> Decision:
    """Apply the change as the publisher; on success the request is approved.
    The request is locked and decided in the transaction that applies the
    change: a withdrawal or another decision meanwhile is seen, never undone."""
    with transaction.atomic():
        locked = _lock_pending(publication)
        if locked is None:
            return Decision(False, _("This request was already decided."))
        if locked.kind == PublicationRequest.Kind.VALUES:
            outcome = _apply_values(locked, request.user)
        else:
            outcome = _replay(locked, request)
        if outcome.ok:
            _decide(locked, request.user, PublicationRequest.Status.APPROVED, comment)
    return outcome


def reject(*, publication: PublicationRequest, user, comment: str) -> Decision:
    if not comment.strip():
        return Decision(False, _("Say why in a comment: the editor reads it."))
    with transaction.atomic():
        locked = _lock_pending(publication)
        if locked is None:
            return Decision(False, _("This request was already decided."))
        _decide(locked, user, PublicationRequest.Status.REJECTED, comment)
    return Decision(True, _("Rejected; the record stays as it was."))


def withdraw(*, publication: PublicationRequest, user) -> Decision:
    with transaction.atomic():
        locked = _lock_pending(publication)
        if locked is None:
            return Decision(False, _("This request was already decided."))
        _decide(locked, user, PublicationRequest.Status.WITHDRAWN, "")
    return Decision(True, _("Withdrawn; the record stays as it was."))


def _lock_pending(publication) -> PublicationRequest | None:
    """The request as stored now, locked until the transaction ends; None when
    it is no longer pending (whatever the caller's copy says)."""
    return (
        PublicationRequest.objects.select_for_update()
        .filter(pk=publication.pk, status=PublicationRequest.Status.PENDING)
        .first()
    )


def _decide(publication, user, status, comment):
    publication.status = status
    publication.decided_by = user
    publication.decided_at = timezone.now()
    publication.comment = comment
    publication.save(update_fields=["status", "decided_by", "decided_at", "comment"])


def approval_reason(publication) -> str:
    return _("Publication approved (request %(number)d)") % {"number": publication.pk}


def _apply_values(publication, user) -> Decision:
    model = publication.record_type.model_class()
    with transaction.atomic():
        record = model._base_manager.select_for_update().filter(pk=publication.record_id).first()
        if record is None:
            return Decision(False, _("The record was deleted since."))
        if record.updated_at.isoformat() != publication.submission.get("updated_at"):
            return Decision(
                False, _("The record was changed since it was submitted: ask for it to be submitted again.")
            )
        for name, value in publication.submission["values"].items():
            setattr(record, name, _deserialise(model, name, value))
        record._history_user = user
        record._change_reason = approval_reason(publication)
        record.full_clean()
        record.save()
    return Decision(True, _("Approved: the change is published."))


def _replay(publication, request) -> Decision:
    model = publication.record_type.model_class()
    modeladmin = admin.site._registry.get(model)
    if modeladmin is None:
        return Decision(False, _("This kind of record can no longer be edited here."))
    if publication.record_id and not model._base_manager.filter(pk=publication.record_id).exists():
        return Decision(False, _("The record was deleted since."))
    replay = _replay_request(request, publication)
    object_id = str(publication.record_id) if publication.record_id else None
    response = modeladmin.changeform_view(replay, object_id)
    if isinstance(response, HttpResponse) and response.status_code == 302:
        return Decision(True, _("Approved: the change is published."))
    return Decision(False, _form_errors(response))


def _replay_request(request, publication) -> HttpRequest:
    replay = copy.copy(request)
    data = QueryDict(mutable=True)
    for key, values in publication.submission.items():
        data.setlist(key, values)
    data["_save"] = "1"
    replay.method = "POST"
    replay._post = data
    replay._files = MultiValueDict()
    replay._dont_enforce_csrf_checks = True
    replay._coopdb_replaying = publication.pk
    # The record's history says the save is this approval (core.admin.given_reason).
    replay._coopdb_change_reason = approval_reason(publication)
    return replay


def _form_errors(response) -> str:
    context = getattr(response, "context_data", None) or {}
    errors = context.get("errors") or []
    text = "; ".join(str(error) for error_list in errors for error in error_list) if errors else ""
    return _("The change could not be applied as it was submitted: %(errors)s") % {
        "errors": text or _("the form was refused")
    }


# --- Reads -------------------------------------------------------------------------


def pending_requests(*, user=None, limit: int = 20) -> list[PublicationRequest]:
    """What waits for review: all of it for a publisher, one's own for an editor."""
    rows = PublicationRequest.objects.filter(status="pending").select_related("requested_by", "record_type")
    if user is not None and not may_publish(user):
        rows = rows.filter(requested_by=user)
    return list(rows.order_by("requested_at")[:limit])


# --- What a request would change (for the reviewer) --------------------------------


@dataclass(frozen=True)
class ProposedChange:
    label: str
    current: str
    proposed: str


def proposed_changes(*, publication: PublicationRequest, request: HttpRequest) -> list[ProposedChange]:
    """Field by field, what approving would change on the record as it is now."""
    model = publication.record_type.model_class()
    obj = model._base_manager.filter(pk=publication.record_id).first() if publication.record_id else None
    if publication.kind == PublicationRequest.Kind.VALUES:
        return [
            ProposedChange(
                _label(model, name),
                _shown(model, name, getattr(obj, name, None)),
                _shown(model, name, _deserialise(model, name, value)),
            )
            for name, value in publication.submission.get("values", {}).items()
        ]
    modeladmin = admin.site._registry.get(model)
    if modeladmin is None:
        return []
    replay = _replay_request(request, publication)
    # A copy: validating writes the proposed values into the form's instance,
    # and the "now" column reads the record as it is.
    instance = copy.copy(obj) if obj is not None else None
    form = modeladmin.get_form(replay, obj, change=obj is not None)(replay.POST, instance=instance)
    form.is_valid()
    changes = [
        ProposedChange(
            str(form.fields[name].label or name),
            _shown(model, name, getattr(obj, name, None)) if obj else "—",
            _shown(model, name, form.cleaned_data.get(name, form.data.get(name))),
        )
        for name in form.changed_data
        if name in form.fields and not name.startswith("seen_")
    ]
    return changes + _row_changes(modeladmin, replay, obj)


def _row_changes(modeladmin, replay, obj) -> list[ProposedChange]:
    try:
        formsets, _inlines = modeladmin._create_formsets(replay, obj, change=obj is not None)
    except (ValidationError, FieldDoesNotExist):  # a submission from an older form layout
        return [_rows_unknown(_("Rows"))]
    rows = []
    for formset in formsets:
        if not any(field.name == "visibility" for field in formset.model._meta.fields):
            continue
        label = str(capfirst(formset.model._meta.verbose_name_plural))
        if not formset.management_form.is_valid():  # its rows were not submitted as this form reads them
            rows.append(_rows_unknown(label))
            continue
        changed = [form for form in formset.forms if form.has_changed()]
        if changed:
            rows.append(
                ProposedChange(
                    label,
                    "",
                    ", ".join(str(form.instance) if form.instance.pk else _("new row") for form in changed),
                )
            )
    return rows


def _rows_unknown(label: str) -> ProposedChange:
    # Said, not left out: the reviewer must not approve rows they were not shown.
    return ProposedChange(
        label,
        "",
        _(
            "Cannot be shown: this request was submitted with a form that has changed since. "
            "Reject it and ask for it to be submitted again."
        ),
    )


def _label(model, name) -> str:
    return str(capfirst(model._meta.get_field(name).verbose_name))


def _shown(model, name, value) -> str:
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:  # a form field of no model field (a value kept for review)
        return "" if value is None else str(value)
    if value in (None, ""):
        return "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return str(value)
