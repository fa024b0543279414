"""Staff create ministries and their keys here; a key's secret is shown once."""

from django.contrib import admin, messages
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin
from rest_framework_api_key.admin import APIKeyModelAdmin
from rest_framework_api_key.models import APIKey
from simple_history.admin import SimpleHistoryAdmin

from api.models import Ministry, MinistryAPIKey
from core.admin_lists import ListInputMixin

# The library registers its own, ministry-less key model; CoopDB never uses it.
if admin.site.is_registered(APIKey):
    admin.site.unregister(APIKey)


class MinistryAPIKeyInline(admin.TabularInline):
    model = MinistryAPIKey
    fields = ("name", "prefix", "created", "expiry_date", "revoked", "last_used_at")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        # Keys are created on their own page, where the secret can be shown once.
        return False


@admin.register(Ministry)
class MinistryAdmin(ListInputMixin, SimpleHistoryAdmin, TranslationAdmin):
    list_display = ("name", "active_keys", "created_at")
    search_fields = ("name_vi", "name_en", "contact")
    inlines = [MinistryAPIKeyInline]

    def get_queryset(self, request):
        # The count comes with the list's own query, not one query per ministry.
        return (
            super().get_queryset(request).annotate(unrevoked_keys=Count("api_keys", filter=Q(api_keys__revoked=False)))
        )

    @admin.display(description=_("usable keys"))
    def active_keys(self, obj):
        return obj.unrevoked_keys


@admin.register(MinistryAPIKey)
class MinistryAPIKeyAdmin(ListInputMixin, SimpleHistoryAdmin, APIKeyModelAdmin):
    list_display = ("prefix", "name", "ministry", "created", "expiry_date", "_has_expired", "revoked", "last_used_at")
    list_filter = ("ministry", "revoked", "created")
    list_select_related = ("ministry",)
    search_fields = ("name", "prefix", "ministry__name_vi", "ministry__name_en")
    autocomplete_fields = ("ministry",)
    fields = ("ministry", "name", "expiry_date", "revoked", "prefix", "created", "last_used_at")
    actions = ["revoke_keys"]

    def get_readonly_fields(self, request, obj=None):
        readonly = ("prefix", "created", "last_used_at")
        if obj is not None:
            # A key belongs to one ministry for life; a revoked key is frozen.
            readonly += ("ministry",)
            if obj.revoked:
                readonly += ("name", "expiry_date", "revoked")
        return readonly

    def has_delete_permission(self, request, obj=None):
        # Revoke instead: the key's history (who used it, who revoked it) stays.
        return False

    def save_model(self, request, obj, form, change):
        if change:
            obj.save()
            return
        key = MinistryAPIKey.objects.assign_key(obj)
        obj.save()
        messages.warning(
            request,
            _(
                "The API key for %(ministry)s is: %(key)s — copy it now and send it safely: "
                "it is stored hashed and will never be shown again."
            )
            % {"ministry": obj.ministry, "key": key},
        )

    @admin.action(description=_("Revoke the selected keys (cannot be undone)"), permissions=["change"])
    def revoke_keys(self, request, queryset):
        revoked = 0
        # save(), not update(): each revocation lands in the key's history.
        for key in queryset.filter(revoked=False):
            key.revoked = True
            key.save()
            revoked += 1
        self.message_user(
            request,
            ngettext("%(count)d key revoked.", "%(count)d keys revoked.", revoked) % {"count": revoked},
            messages.SUCCESS,
        )
