"""Deleted records, read from simple-history's rows, and their restoration.

One admin page lists every registry record that no longer exists, with its
last values, who deleted it and when; an Editor (add permission on the model)
restores one from that historical row: the record comes back with its old
primary key, so links to its history keep working. Rows that were deleted
with it (an agreement's parties, say) are listed on their own and restored
one by one, after their parent.
"""

from dataclasses import dataclass

from django.apps import apps
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from core.history import history_models
from workflow.review import HeldForReview, held_if_public

LIMIT_PER_MODEL = 100


@dataclass(frozen=True)
class DeletedRecord:
    model_label: str
    kind: str
    historical: object
    history_url: str


def deleted_records() -> list[DeletedRecord]:
    """The last "deleted" history row of each record that is still gone, newest first."""
    found = []
    for model in history_models():
        live = model._base_manager.values("pk")
        rows = (
            model.history.filter(history_type="-")
            .exclude(id__in=live)
            .select_related("history_user")
            .order_by("id", "-history_date")
            .distinct("id")[:LIMIT_PER_MODEL]
        )
        found.extend(
            DeletedRecord(model._meta.label_lower, model._meta.verbose_name, row, _history_url(model, row.id))
            for row in rows
        )
    found.sort(key=lambda record: record.historical.history_date, reverse=True)
    return found


def _history_url(model, pk) -> str:
    try:
        return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_history", args=[pk])
    except NoReverseMatch:
        return ""


def can_restore(user, model) -> bool:
    return user.has_perm(f"{model._meta.app_label}.add_{model._meta.model_name}")


def restore(*, model, history_id: int, user):
    """Bring a deleted record back from its historical row; raises
    ValidationError when it cannot come back as it was."""
    historical = model.history.filter(history_id=history_id, history_type="-").first()
    if historical is None or model._base_manager.filter(pk=historical.id).exists():
        raise ValidationError(_("This record is not deleted (any more)."))
    instance = historical.instance
    instance._history_user = user
    instance._change_reason = _("Restored from its history")
    instance.full_clean()
    try:
        with held_if_public(model, None, user) as watch, transaction.atomic():
            instance.save(force_insert=True)
            watch.saved(instance.pk)
    except IntegrityError as error:
        raise ValidationError(_("It cannot be restored: it clashes with a record that exists now.")) from error
    except HeldForReview:
        # Nothing a request could wait on (the record does not exist): a publisher restores it.
        raise ValidationError(
            _(
                "Not restored: it would be visible to the public again, which a publisher must approve. "
                "Ask a publisher to restore it."
            )
        ) from None
    return instance


def deleted_records_view(request):
    if request.method == "POST":
        return _restore_from_post(request)
    context = admin.site.each_context(request)
    rows = [(record, can_restore(request.user, record.historical.instance_type)) for record in deleted_records()]
    context.update(title=_("Deleted records"), rows=rows)
    return TemplateResponse(request, "admin/deleted_records.html", context)


def _restore_from_post(request):
    try:
        model = apps.get_model(request.POST.get("model", ""))
        history_id = int(request.POST.get("history_id", ""))
    except (LookupError, ValueError):
        raise Http404 from None
    if model not in history_models():
        raise Http404
    if not can_restore(request.user, model):
        raise PermissionDenied
    try:
        instance = restore(model=model, history_id=history_id, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Restored: %(record)s.") % {"record": instance})
    return HttpResponseRedirect(reverse("workflow:deleted"))
