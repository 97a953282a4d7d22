from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import (
    AuditEvent,
    ExportJob,
    Notification,
    NotificationPreference,
    StoredDocument,
    User,
    VerifiableDocument,
)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("Preferences"), {"fields": ("preferred_language",)}),
    )
    list_display = ("username", "email", "first_name", "last_name", "is_staff", "is_active", "last_login")
    # Only a superuser hands out what the admin site itself can do; organisation roles are granted
    # through the role grants (which check that nobody grants more than they hold).
    ESCALATING_FIELDS = ("is_superuser", "is_staff", "groups", "user_permissions")

    def get_readonly_fields(self, request, obj=None):
        fields = tuple(super().get_readonly_fields(request, obj))
        return fields if request.user.is_superuser else (*fields, *self.ESCALATING_FIELDS)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset if request.user.is_superuser else queryset.filter(is_superuser=False)


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

    def has_view_permission(self, request, obj=None):
        # The log spans every organisation and holds identifiers: only superusers read it here.
        return request.user.is_active and request.user.is_superuser

    def has_module_permission(self, request):
        return self.has_view_permission(request)
    list_filter = ("action",)
    search_fields = ("action", "target_repr", "target_id", "actor__username")
    date_hierarchy = "created_at"
    list_select_related = ("actor",)


# --- Platform records: read-only (they change only through their services) ---------------------------
@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("created_at", "event", "recipient", "read_at", "email_status")
    list_filter = ("event", "email_status")
    search_fields = ("recipient__username", "event")
    list_select_related = ("recipient",)
    date_hierarchy = "created_at"


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("user", "event", "email", "updated_at")
    list_filter = ("event", "email")
    search_fields = ("user__username",)
    list_select_related = ("user",)


@admin.register(StoredDocument)
class StoredDocumentAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Metadata only: files are opened through their app's pages (which ask who may see them)."""

    list_display = ("created_at", "use", "original_name", "file_type", "size", "uploaded_by", "expires_at")
    list_filter = ("use", "file_type")
    search_fields = ("original_name", "sha256", "uploaded_by__username")
    list_select_related = ("uploaded_by",)
    exclude = ("storage_name",)


@admin.register(VerifiableDocument)
class VerifiableDocumentAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("issued_at", "kind", "title", "subject_summary", "issuer", "valid_until", "revoked_at")
    list_filter = ("kind",)
    search_fields = ("code", "subject_summary", "title", "source_id")
    date_hierarchy = "issued_at"


@admin.register(ExportJob)
class ExportJobAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("created_at", "identifier", "requested_by", "status", "rows_done", "expires_at")
    list_filter = ("identifier", "status")
    search_fields = ("requested_by__username", "identifier")
    list_select_related = ("requested_by",)
