from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import AuditEvent, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("Preferences"), {"fields": ("preferred_language",)}),
    )
    list_display = ("username", "email", "first_name", "last_name", "is_staff", "is_active", "last_login")


class ReadOnlyAdminMixin:
    """Records shown in the admin but changed only elsewhere (services, or never)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: the audit log is evidence and is never edited."""

    list_display = ("created_at", "action", "actor", "target_repr", "ip_address")
    list_filter = ("action",)
    search_fields = ("action", "target_repr", "target_id", "actor__username")
    date_hierarchy = "created_at"
    list_select_related = ("actor",)
