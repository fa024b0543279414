"""The staff admin's shared parts.

Every CoopDB model admin derives from ``RecordAdmin`` (import/export, change
history and bilingual fields, in the one class order that renders all their
pages), and every inline from ``RecordTabularInline`` or
``RecordStackedInline``. They give each form the same layout: the record's own
fields, each translated field as a Vietnamese | English row, then "Visibility
and source", then the time stamps; an autocomplete on every foreign key; and
a search that ignores accents and case ("hop tac" finds "hợp tác").
"""

import functools
from functools import reduce
from operator import or_

from django.contrib import admin
from django.contrib.admin.utils import lookup_spawns_duplicates, unquote
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm, SetUnusablePasswordMixin
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied
from django.db import connection, models
from django.db.models import Case, Q, Value, When
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline, TranslationTabularInline
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname
from simple_history.admin import SimpleHistoryAdmin

from core.admin_lists import ListInputMixin
from core.admin_spreadsheets import SpreadsheetAdminMixin
from core.currencies import CurrencyField
from core.forms import HintedDateWidget, LabelledInlineFormSet, LocalDecimalField, plausible_date_validators
from core.history import ReadableContextHelper, child_history
from core.inputs import earliest_date
from core.locking import StampLockedAdminMixin, StampLockedForm, current_stamp
from core.models import ReportedFigure, Source
from core.resources import ReportedFigureResource, SourceResource
from core.search import SEARCH_RANK, declared_columns, is_searchable, ranked, search_q

admin.site.site_header = _("CoopDB — International cooperation")
admin.site.site_title = _("CoopDB — International cooperation")
admin.site.index_title = _("Registry administration")

SLUG_HINT = _(
    "Leave empty: it is made from the Vietnamese title or name (đ becomes d, tone marks dropped), "
    "with -2, -3, ... if it is taken."
)
RECORD_FIELDS = ("visibility", "source", "internal_note")
# Who is reminded of a record's deadline, and when (organizations.Reminded):
# a fieldset of their own, after the record's facts.
REMINDER_FIELDS = ("responsible_person", "reminder_days")
STAMP_FIELDS = ("created_at", "updated_at")
LANGUAGES = ("vi", "en")


def translated_fields(model) -> tuple[str, ...]:
    """Names of the model's fields that have a column per language."""
    try:
        return tuple(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return ()


def language_row(name: str) -> tuple[str, ...]:
    """``name`` as its Vietnamese and English columns, shown side by side."""
    return tuple(build_localized_fieldname(name, language) for language in LANGUAGES)


def own_form_rows(model, skip=()) -> list:
    """The model's editable fields in declaration order, without the fields
    every record shares; a translated field becomes one Vietnamese | English row."""
    translated = translated_fields(model)
    rows = []
    for field in model._meta.fields:
        if not field.editable or field.primary_key or field.name in RECORD_FIELDS or field.name in skip:
            continue
        if getattr(field, "translated_field", None) is not None:
            continue  # a per-language column; listed through its original field
        rows.append(language_row(field.name) if field.name in translated else field.name)
    return rows


def foreign_keys(model, skip_to=None) -> list[str]:
    """Every editable foreign key of ``model`` (except those pointing to ``skip_to``)."""
    return [
        field.name
        for field in model._meta.fields
        if field.many_to_one and field.editable and field.related_model is not skip_to
    ]


def is_record(model) -> bool:
    return all(any(f.name == name for f in model._meta.fields) for name in RECORD_FIELDS)


# Filled by the apps above core in their AppConfig.ready() (the workflow's
# journal): inlines for every registry record's page, and how their rows are
# saved, so core offers the place without importing them.
RECORD_PAGE_INLINES: list = []
FORMSET_SAVERS: dict = {}
# Callables ``gate(modeladmin, request, object_id, run, view) -> response``
# that wrap every registry record's add and change form (``view`` "change")
# and its revert from the history ("revert"): the workflow's publication
# review. A chain: ``run()`` is the next gate, the last one renders or saves
# the form as usual; a gate answers itself or calls ``run()``.
CHANGE_FORM_GATES: list = []

EXACT_MATCH_FIELDS = ("acronym", "slug", "code", "key")


def given_reason(request, obj) -> None:
    """The history's "reason" for a save made on behalf of something else: a
    gate that replays a form (a publisher approving a change) says why in
    ``request._coopdb_change_reason``; the record and its rows keep it."""
    reason = getattr(request, "_coopdb_change_reason", None)
    if reason:
        obj._change_reason = str(reason)[:100]  # simple-history's column holds 100 characters


def exact_matches_first(queryset, search_term: str, fields):
    """Rows whose acronym, slug, code or key is exactly the term come first
    ("stameq" offers STAMEQ before its departments), then the usual order.
    The autocompletes keep this order; a list page re-sorts by its columns."""
    exact = [field for field in fields if field in EXACT_MATCH_FIELDS]
    if not exact:
        return queryset
    term = search_term.strip()
    match = reduce(or_, (Q(**{f"{field}__iexact": term}) for field in exact))
    ordering = list(queryset.query.order_by or queryset.model._meta.ordering or ["pk"])
    rank = Case(When(match, then=Value(0)), default=Value(1), output_field=models.IntegerField())
    return queryset.annotate(exact_match_rank=rank).order_by("exact_match_rank", *ordering)


class CoopAdminMixin(StampLockedAdminMixin):
    """What every CoopDB admin and inline shares.

    Search (lists and autocompletes) goes through ``core.search``: every word
    must occur in one of ``search_fields``, ignoring accents and case.
    Change forms lock optimistically (``core.locking``).
    """

    # Records have get_absolute_url() for the public site; the admin links no
    # record to a page that shows only public ones.
    view_on_site = False

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, CurrencyField):
            return db_field.formfield(**kwargs)  # a select of codes and names, not the admin's text box
        if isinstance(db_field, models.DecimalField):
            kwargs["form_class"] = LocalDecimalField
        if isinstance(db_field, models.DateField) and not isinstance(db_field, models.DateTimeField):
            kwargs["widget"] = HintedDateWidget
        if isinstance(db_field, models.URLField):
            kwargs.setdefault("assume_scheme", "https")  # Django 6's default, chosen now
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if isinstance(db_field, models.DateField) and not isinstance(db_field, models.DateTimeField) and formfield:
            formfield.validators += plausible_date_validators(earliest_date(db_field))
        if isinstance(db_field, models.SlugField) and db_field.blank and formfield:
            formfield.help_text = SLUG_HINT
        return formfield

    def get_search_fields(self, request):
        """A searchable model's declared columns (core.search), then the
        admin's own (paths into related rows)."""
        fields = tuple(super().get_search_fields(request))
        declared = tuple(declared_columns(self.model))
        return (*declared, *(field for field in fields if field not in declared))

    def get_search_results(self, request, queryset, search_term):
        fields = self.get_search_fields(request)
        if not search_term.strip() or not fields:
            return queryset, False
        duplicates = any(lookup_spawns_duplicates(self.opts, field) for field in fields)
        if is_searchable(self.model) and connection.vendor == "postgresql":
            return self._ranked_search_results(queryset, search_term, fields), duplicates
        return exact_matches_first(queryset.filter(search_q(search_term, fields)), search_term, fields), duplicates

    def _ranked_search_results(self, queryset, search_term, fields):
        """Whole words over the stored search column, the last one as a
        prefix (staff type "stam" and get STAMEQ), or every word in the
        admin's related fields; best first (autocompletes keep this order,
        a list page re-sorts by its columns)."""
        related = [field for field in fields if "__" in field]
        also = search_q(search_term, related) if related else None
        ordering = list(queryset.query.order_by or self.model._meta.ordering or ["pk"])
        rows = ranked(queryset, search_term, also=also, prefix=True, refine=True)
        return rows.order_by(f"-{SEARCH_RANK}", *ordering)


class RecordAdmin(
    CoopAdminMixin, ListInputMixin, SpreadsheetAdminMixin, ImportExportModelAdmin, SimpleHistoryAdmin, TranslationAdmin
):
    """Base admin of every CoopDB model.

    The class order ``ImportExportModelAdmin, SimpleHistoryAdmin,
    TranslationAdmin`` is the one that renders list, change, history, import
    and export pages together (docs/architecture.md, "Known pitfalls"). Subclasses give
    ``list_display``, ``list_filter``, ``search_fields`` and
    ``list_select_related``; the form layout and autocompletes are derived
    from the model.
    """

    form = StampLockedForm
    readonly_fields = STAMP_FIELDS
    list_per_page = 50
    save_on_top = True
    show_facets = admin.ShowFacets.NEVER  # counts per filter cost a query each

    def __init__(self, model, admin_site):
        super().__init__(model, admin_site)
        # Set on the instance so Django's system checks still verify them.
        self.autocomplete_fields = foreign_keys(model)

    def get_fieldsets(self, request, obj=None):
        return self.with_stamp_field(request, obj, self._layout(request, obj))

    def _layout(self, request, obj):
        if self.fieldsets or self.fields:
            return super().get_fieldsets(request, obj)
        fieldsets = [(None, {"fields": own_form_rows(self.model, skip=self.reminder_fields())})]
        if self.reminder_fields():
            fieldsets.append((_("Reminders"), {"fields": self.reminder_fields()}))
        if is_record(self.model):
            fieldsets.append((_("Visibility and source"), {"fields": RECORD_FIELDS}))
        fieldsets.append((_("Record stamps"), {"fields": STAMP_FIELDS, "classes": ("collapse",)}))
        return fieldsets

    def reminder_fields(self) -> tuple[str, ...]:
        names = {field.name for field in self.model._meta.fields}
        return REMINDER_FIELDS if names.issuperset(REMINDER_FIELDS) else ()

    def get_inlines(self, request, obj):
        inlines = super().get_inlines(request, obj)
        # Inlines upper layers add to every registry record's page (the journal).
        if obj is not None and is_record(self.model):
            return [*inlines, *RECORD_PAGE_INLINES]
        return inlines

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        def run():
            return super(RecordAdmin, self).changeform_view(request, object_id, form_url, extra_context)

        return self._through_gates(request, object_id, run, "change")

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        def run():
            return super(RecordAdmin, self).history_form_view(request, object_id, version_id, extra_context)

        # The library saves a revert's POST without asking whether the page
        # offered the button (a Viewer's has no "Revert").
        if request.method == "POST" and self.revert_disabled(request, self.get_object(request, unquote(object_id))):
            raise PermissionDenied
        request._coopdb_reverting = True  # get_form: the lock compares with the current version
        return self._through_gates(request, object_id, run, "revert")

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if getattr(request, "_coopdb_reverting", False) and issubclass(form, StampLockedForm):
            return type(form.__name__, (RevertForm, form), {})
        return form

    def _through_gates(self, request, object_id, run, view):
        for gate in reversed(CHANGE_FORM_GATES):
            run = functools.partial(gate, self, request, object_id, run, view)
        return run()

    def save_model(self, request, obj, form, change):
        given_reason(request, obj)
        super().save_model(request, obj, form, change)
        request._coopdb_saved = obj  # what the gates look at after the save

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Rows shown with the record (parties, documents...), not staff-only ones (the journal).
        request._coopdb_public_rows_changed = any(
            formset.has_changed()
            for formset in formsets
            if any(field.name == "visibility" for field in formset.model._meta.fields)
        )

    def save_formset(self, request, form, formset, change):
        for row_form in formset.forms:
            given_reason(request, row_form.instance)
        saver = FORMSET_SAVERS.get(formset.model)
        if saver is not None:
            saver(request, formset)
        else:
            super().save_formset(request, form, formset, change)

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableContextHelper(self.model, historical_record)

    def history_view(self, request, object_id, extra_context=None):
        # A callable, so the template reads the inlines' history only once
        # the history view has checked the permission.
        child_changes = functools.partial(child_history, model_admin=self, parent_pk=unquote(object_id))
        return super().history_view(request, object_id, {**(extra_context or {}), "child_changes": child_changes})

    def has_import_permission(self, request):
        # An import adds and changes rows: a read-only Viewer may not import.
        return (
            super().has_import_permission(request)
            and self.has_add_permission(request)
            and self.has_change_permission(request)
        )


class RevertForm:
    """Mixed before a record's form on its history's "Revert" page: the
    instance is the old version, but the revert replaces the version stored
    now, so the optimistic lock expects that one's stamp (the old one's would
    refuse every revert as "someone else saved")."""

    def _stamp_of_instance(self) -> str:
        return current_stamp(self._meta.model, self.instance.pk)[1]


class ChildRecordForm(StampLockedForm):
    """A child row (a party, a dues year, a delegation member, ...) may leave
    its source empty: it then takes the source of the record it belongs to,
    the first of its model's ``visibility_parents``."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "source" in self.fields:
            self.fields["source"].required = False
            self.fields["source"].help_text = _("Leave empty to use the source of the record it belongs to.")

    def clean(self):
        cleaned = super().clean()
        if "source" in self.fields and not cleaned.get("source"):
            parent = cleaned.get(self._meta.model.visibility_parents[0])
            if parent is not None and parent.source_id:
                cleaned["source"] = parent.source
            elif parent is not None:
                self.add_error("source", _("Give a source, or a source for the record it belongs to."))
        return cleaned


class ChildRecordAdmin(RecordAdmin):
    """Admin of a child row's own page (it is usually edited as an inline)."""

    form = ChildRecordForm


class RecordInlineMixin(CoopAdminMixin):
    """Inline rows of child records: autocompletes on their foreign keys (the
    parent excepted) and an optional source that defaults to the parent's."""

    form = ChildRecordForm
    formset = LabelledInlineFormSet
    extra = 0
    show_change_link = True

    def __init__(self, parent_model, admin_site):
        super().__init__(parent_model, admin_site)
        self.autocomplete_fields = foreign_keys(self.model, skip_to=parent_model)

    def get_fieldsets(self, request, obj=None):
        return self.with_stamp_field(request, obj, self._layout(request, obj))

    def _layout(self, request, obj):
        if self.fieldsets or self.fields:
            return super().get_fieldsets(request, obj)
        parent_fk = [f.name for f in self.model._meta.fields if f.related_model is self.parent_model]
        # The internal note stays on the row's own page: inlines are for fast entry.
        return [
            (None, {"fields": own_form_rows(self.model, skip=parent_fk)}),
            (_("Visibility and source"), {"fields": ("visibility", "source")}),
        ]


class RecordTabularInline(RecordInlineMixin, TranslationTabularInline):
    """One row per child; each translated field as adjacent vi / en columns."""


class RecordStackedInline(RecordInlineMixin, TranslationStackedInline):
    """One block per child, for rows with long bilingual texts (commitments)."""


@admin.register(Source)
class SourceAdmin(RecordAdmin):
    resource_classes = [SourceResource]
    list_display = ("title", "publisher", "published_on", "key")
    search_fields = ("key", "title_vi", "title_en", "publisher", "author", "url")
    date_hierarchy = "published_on"


@admin.register(ReportedFigure)
class ReportedFigureAdmin(RecordAdmin):
    resource_classes = [ReportedFigureResource]
    list_display = ("label", "qualifier", "value", "as_of", "period_start", "period_end", "visibility")
    list_filter = ("qualifier", "visibility")
    search_fields = ("key", "label_vi", "label_en", "quote_vi", "quote_en")


# Django's own user and group lists get the same filter handling as ours.
admin.site.unregister(User)
admin.site.unregister(Group)


class StaffPasswordChangeForm(AdminPasswordChangeForm):
    """Django appends its warning to the help text as an untranslatable
    string; this says it in the staff member's language."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "usable_password" in self.fields:
            self.fields["usable_password"].help_text = format_html(
                '{}<ul id="id_unusable_warning" class="messagelist"><li class="warning">{}</li></ul>',
                SetUnusablePasswordMixin.usable_password_help_text,
                _("If disabled, the current password for this user will be lost."),
            )


@admin.register(User)
class StaffUserAdmin(ListInputMixin, UserAdmin):
    change_password_form = StaffPasswordChangeForm


@admin.register(Group)
class StaffGroupAdmin(ListInputMixin, GroupAdmin):
    pass
