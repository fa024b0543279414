"""Optimistic locking of admin forms: no lost update (issue #12, point 5).

Every admin change form, and every row of its inlines, carries the stamp of
the version it was opened at (a hidden field). On save the row is locked
(``SELECT ... FOR UPDATE``, inside the admin's transaction) and its current
stamp compared: if someone else saved or deleted it meanwhile, the form is
refused with a message saying which fields changed, by whom and when (from
the change history), and nothing is written. The stamp is the record's
``updated_at`` (every ``Record`` and ``Source`` sets it on each save), else,
for models without one (signed documents, ministries), the time of its latest
history entry. No version column, so no migration; the cost is one locking
SELECT per existing row on save.
"""

from django import forms
from django.contrib.admin.options import InlineModelAdmin
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.dateparse import parse_datetime
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modeltranslation.translator import NotRegistered, translator

STAMP_FIELD = "seen_stamp"


ROW_DELETED = gettext_lazy("This row was deleted by someone else after you opened the page. Reload the page.")


def _has_field(model, name: str) -> bool:
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


def current_stamp(model, pk, *, lock: bool = False) -> tuple[bool, str]:
    """(whether the row still exists, its stamp as text), the row locked until
    the end of the transaction when ``lock``."""
    rows = model._base_manager.filter(pk=pk)
    if lock and transaction.get_connection().in_atomic_block:  # the admin saves in a transaction
        rows = rows.select_for_update()
    if _has_field(model, "updated_at"):
        found = list(rows.values_list("updated_at", flat=True))
        return bool(found), found[0].isoformat() if found else ""
    if not rows.exists():
        return False, ""
    history = getattr(model, "history", None)
    if history is None:
        return True, ""
    latest = history.filter(**{model._meta.pk.attname: pk}).order_by("-history_date").first()
    return True, latest.history_date.isoformat() if latest else ""


def _field_label(model, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def _when(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")


def changed_fields(model, delta) -> set[str]:
    """The fields a history delta really changed: not an empty value becoming
    another empty value (None → ""), and not the untranslated column of a
    translated field (modeltranslation mirrors title_vi into title)."""
    try:
        mirrored = set(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        mirrored = set()
    empty = (None, "")
    return {
        change.field
        for change in delta.changes
        if change.field not in mirrored and not (change.old in empty and change.new in empty)
    }


def describe_changes(model, pk, seen: str) -> str:
    """ "changed fields: title [vi], status, by anna, at 30/11/2026 22:10", from
    the change history since the ``seen`` stamp; empty without history."""
    history = getattr(model, "history", None)
    seen_at = parse_datetime(seen) if seen else None
    if history is None or seen_at is None:
        return ""
    entries = list(history.filter(**{model._meta.pk.attname: pk}).order_by("history_date"))
    # A save stamps updated_at, then writes its history entry a moment later:
    # the version seen is the first entry at or after its stamp.
    seen_index = next((i for i, entry in enumerate(entries) if entry.history_date >= seen_at), None)
    if seen_index is None or seen_index == len(entries) - 1:
        return ""
    seen_entry, after = entries[seen_index], entries[seen_index + 1 :]
    fields = changed_fields(model, after[-1].diff_against(seen_entry))
    labels = sorted(_field_label(model, name) for name in fields)
    users = sorted({str(entry.history_user) for entry in after if entry.history_user})
    parts = []
    if labels:
        parts.append(_("changed fields: %(fields)s") % {"fields": get_text_list(labels, _("and"))})
    if users:
        parts.append(_("by %(users)s") % {"users": get_text_list(users, _("and"))})
    parts.append(_("at %(time)s") % {"time": _when(after[-1].history_date)})
    return ", ".join(parts)


class StampLockedForm(forms.ModelForm):
    """A model form that refuses to save over a newer version of its row."""

    seen_stamp = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields[STAMP_FIELD].initial = self._stamp_of_instance()

    def _stamp_of_instance(self) -> str:
        if _has_field(self._meta.model, "updated_at"):  # already loaded: no query
            return self.instance.updated_at.isoformat()
        return current_stamp(self._meta.model, self.instance.pk)[1]

    def clean(self):
        cleaned = super().clean()
        self._refuse_stale_version(cleaned.get(STAMP_FIELD) or "")
        return cleaned

    def _refuse_stale_version(self, seen: str):
        model = self._meta.model
        if self.instance.pk is None:
            if seen:  # an inline row that was opened, then deleted by someone else
                raise ValidationError(ROW_DELETED, code="deleted_meanwhile")
            return
        exists, stamp = current_stamp(model, self.instance.pk, lock=True)
        if not exists:
            raise ValidationError(
                _("This record was deleted by someone else after you opened the page. Nothing was saved."),
                code="deleted_meanwhile",
            )
        if stamp != seen:
            raise ValidationError(self._changed_message(describe_changes(model, self.instance.pk, seen)))

    @staticmethod
    def _changed_message(changes: str) -> str:
        if not changes:
            return _(
                "Someone else saved this record after you opened it. Nothing was saved, so their change is "
                "kept: reload the page to see the current values, then make your change again."
            )
        return _(
            "Someone else saved this record after you opened it (%(changes)s). Nothing was saved, so their "
            "change is kept: reload the page to see the current values, then make your change again."
        ) % {"changes": changes}


class DeletedRowsReported:
    """Formset mixin: a row deleted by someone else is an error of the whole
    list, shown above it."""

    def clean(self):
        super().clean()
        if any(form.has_error(NON_FIELD_ERRORS, "deleted_meanwhile") for form in self.initial_forms):
            raise ValidationError(ROW_DELETED, code="deleted_meanwhile")


class StampLockedAdminMixin:
    """For a model admin or inline whose form is a ``StampLockedForm``: puts
    the hidden stamp field in the first fieldset, so it is rendered and posted
    back. Call ``with_stamp_field`` from ``get_fieldsets``. Read-only (view
    permission) pages save nothing and get no stamp."""

    def with_stamp_field(self, request, obj, fieldsets) -> list:
        if not issubclass(self.form, StampLockedForm) or not self._may_save(request, obj):
            return fieldsets
        (name, options), *rest = fieldsets
        if STAMP_FIELD in options["fields"]:
            return fieldsets
        return [(name, {**options, "fields": (*options["fields"], STAMP_FIELD)}), *rest]

    def get_formset(self, request, obj=None, **kwargs):
        """Inlines: a row deleted meanwhile is reported above the inline (the
        admin draws no row for a record that no longer exists)."""
        formset = kwargs.pop("formset", self.formset)
        reported = type(formset.__name__, (DeletedRowsReported, formset), {})
        return super().get_formset(request, obj, formset=reported, **kwargs)

    def _may_save(self, request, obj) -> bool:
        if self.has_change_permission(request, obj):
            return True
        if isinstance(self, InlineModelAdmin):
            return self.has_add_permission(request, obj)
        return obj is None and self.has_add_permission(request)
