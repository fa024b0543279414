from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_countries.filters import CountryFilter

from core.admin import ChildRecordAdmin, RecordAdmin, RecordTabularInline
from core.forms import LabelledInlineFormSet
from core.locking import StampLockedForm
from events.models import Delegation, DelegationMember, Event, Initiative
from events.resources import DelegationMemberResource, DelegationResource, EventResource, InitiativeResource

MEMBERS_PREFIX = "memberships"  # the inline's form prefix: Delegation.memberships


@admin.register(Event)
class EventAdmin(RecordAdmin):
    resource_classes = [EventResource]
    inlines = ()  # workflow adds its signed-documents inline (workflow.admin.attach_document_inlines)
    list_display = ("title", "kind", "forum", "start_on", "end_on", "mode", "city", "country", "hosted_by_us")
    list_filter = ("kind", "mode", "hosted_by_us", "chaired_by_us", "visibility", ("country", CountryFilter))
    # Its own declared search_fields (core.search) are searched first; these reach related rows.
    search_fields = ("forum__acronym", "forum__name_vi")
    list_select_related = ("forum",)
    date_hierarchy = "start_on"


class DelegationForm(StampLockedForm):
    """The database insists on a head or a headcount. Named members arrive in
    the inline, which is checked after this form: while it is on the page,
    "who goes" is decided there (DelegationMemberFormSet)."""

    def _get_validation_exclusions(self):
        exclude = super()._get_validation_exclusions()
        members_inline_posted = f"{MEMBERS_PREFIX}-TOTAL_FORMS" in self.data
        if members_inline_posted and not self.cleaned_data.get("head") and self.cleaned_data.get("headcount") is None:
            exclude.add("head")  # skips only the "head or headcount" check, which the inline then makes
        return exclude


class DelegationMemberFormSet(LabelledInlineFormSet):
    """A delegation needs named members, a head or a headcount. With named
    members only, the headcount becomes their number, so the database's
    "head or headcount" check holds."""

    def clean(self):
        super().clean()
        delegation = self.instance
        if delegation.head_id is not None or delegation.headcount is not None:
            return
        named = [
            form
            for form in self.forms
            if form.cleaned_data.get("person") is not None and not self._should_delete_form(form)
        ]
        if not named:
            raise ValidationError(_("Name the members, the head or give a headcount."), code="delegation_has_no_people")
        delegation.headcount = len(named)


class DelegationMemberInline(RecordTabularInline):
    model = DelegationMember
    formset = DelegationMemberFormSet


@admin.register(Delegation)
class DelegationAdmin(RecordAdmin):
    resource_classes = [DelegationResource]
    form = DelegationForm
    list_display = ("title", "direction", "event", "forum", "start_on", "head", "headcount", "funding", "visibility")
    list_filter = ("direction", "funding", "visibility", ("country", CountryFilter))
    # Its own declared search_fields (core.search) are searched first; these reach related rows.
    search_fields = ("head__full_name", "event__title_vi", "forum__acronym", "counterpart__acronym")
    list_select_related = ("event", "forum", "head")
    date_hierarchy = "start_on"
    # workflow adds its signed-documents inline (workflow.admin.attach_document_inlines).
    inlines = (DelegationMemberInline,)


@admin.register(DelegationMember)
class DelegationMemberAdmin(ChildRecordAdmin):
    resource_classes = [DelegationMemberResource]
    list_display = ("person", "delegation", "role", "visibility")
    list_filter = ("visibility", "delegation__direction")
    search_fields = ("person__full_name", "delegation__title_vi", "delegation__title_en", "role_vi", "role_en")
    list_select_related = ("person", "delegation")


@admin.register(Initiative)
class InitiativeAdmin(RecordAdmin):
    resource_classes = [InitiativeResource]
    list_display = ("title", "forum", "year", "proposer", "status", "visibility")
    list_filter = ("status", "year", "visibility")
    # Its own declared search_fields (core.search) are searched first; these reach related rows.
    search_fields = ("forum__acronym", "forum__name_vi", "proposer__acronym")
    list_select_related = ("forum", "proposer")
