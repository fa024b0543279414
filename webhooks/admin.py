"""Subscriptions are managed here (administrators only, like ministries and
their keys); every delivery and attempt can be read, and replayed."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from webhooks import services
from webhooks.forms import SubscriptionForm
from webhooks.models import Attempt, Delivery, Subscription


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    form = SubscriptionForm
    list_display = ("name", "ministry", "url", "kind_labels", "audience", "active", "created_at")
    list_filter = ("active", "audience", "ministry")
    list_select_related = ("ministry",)
    search_fields = ("name", "url", "ministry__name_vi", "ministry__name_en")
    autocomplete_fields = ("ministry",)


class AttemptInline(admin.TabularInline):
    model = Attempt
    fields = ("number", "started_at", "duration_ms", "response_status", "succeeded", "error", "response_excerpt")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    """Read-only: deliveries are written by the queue, never by hand."""

    list_display = ("uuid", "subscription", "kind", "status", "attempt_count", "created_at", "next_attempt_at")
    list_filter = ("status", "kind", "subscription")
    list_select_related = ("subscription", "subscription__ministry")
    search_fields = ("uuid",)
    date_hierarchy = "created_at"
    fields = (
        "uuid",
        "subscription",
        "kind",
        "audience",
        "status",
        "attempt_count",
        "created_at",
        "next_attempt_at",
        "delivered_at",
        "replay_of",
        "payload",
        "change",
    )
    readonly_fields = fields
    inlines = [AttemptInline]
    actions = ["replay_deliveries"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_replay_permission(self, request):
        return request.user.has_perm("webhooks.add_delivery")

    @admin.action(description=_("Send the selected deliveries again"), permissions=["replay"])
    def replay_deliveries(self, request, queryset):
        sent = 0
        for delivery in queryset.select_related("subscription"):
            try:
                services.replay(delivery)
                sent += 1
            except services.ReplayRefused as refusal:
                self.message_user(request, f"{delivery.uuid}: {refusal}", messages.WARNING)
        if sent:
            self.message_user(
                request,
                ngettext("%(count)d delivery queued again.", "%(count)d deliveries queued again.", sent)
                % {"count": sent},
                messages.SUCCESS,
            )
