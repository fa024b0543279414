from django.contrib import admin

from security.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """The audit trail, read-only for every staff member: nobody adds, edits or
    deletes an event through the admin, superusers included."""

    list_display = ("at", "action", "outcome", "username", "client_address", "key_prefix", "detail")
    list_filter = ("action", "outcome", "at")
    search_fields = ("username", "client_address", "key_prefix", "detail", "request_id")
    date_hierarchy = "at"
    list_select_related = ("user",)
    readonly_fields = [field.name for field in AuditEvent._meta.fields]

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
