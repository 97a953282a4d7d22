from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.admin import ReadOnlyAdminMixin

from .access import HR_ROLES, organizations_for, scope_queryset
from .models import (
    Assignment,
    Employee,
    HROrder,
    ImportJob,
    Organization,
    PolicyParameter,
    PositionCategory,
    QualificationLevel,
    QualificationRank,
    Region,
    RegisterPosition,
    ReserveEntry,
    Role,
    RoleGrant,
    StaffPosition,
)
from .services import organization_create, organization_move, organization_update, role_grant_create


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("soato", "iso_code", "name_uz", "name_ru", "name_en")
    search_fields = ("soato", "name_uz", "name_ru", "name_en", "name_uz_cyrl")


@admin.register(Organization)
class OrganizationAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name_uz", "level", "region", "parent", "is_active")
    list_filter = ("level", "region", "is_active")
    search_fields = ("code", "search_text")
    raw_id_fields = ("parent",)
    list_select_related = ("region", "parent")
    readonly_fields = ("path", "depth")
    fields = ("code", "name_uz", "name_uz_cyrl", "name_ru", "name_en", "level", "region", "parent", "is_active",
              "path", "depth")

    def get_queryset(self, request):
        return organizations_for(request.user, roles=[Role.ADMIN]).select_related("region", "parent")

    def save_model(self, request, obj, form, change):
        # The tree path is kept by the services; the admin goes through them like everyone else.
        data = {f: form.cleaned_data[f] for f in ("code", "name_uz", "name_uz_cyrl", "name_ru", "name_en",
                                                  "level", "region")}
        if not change:
            created = organization_create(parent=form.cleaned_data["parent"], actor=request.user, **data)
            obj.pk, obj.path, obj.depth = created.pk, created.path, created.depth
            return
        current = Organization.objects.get(pk=obj.pk)
        if current.parent_id != (obj.parent.pk if obj.parent else None):
            organization_move(organization=current, new_parent=obj.parent, actor=request.user)
        organization_update(organization=current, actor=request.user, is_active=form.cleaned_data["is_active"], **data)


@admin.register(RoleGrant)
class RoleGrantAdmin(SimpleHistoryAdmin):
    list_display = ("user", "role", "organization", "valid_until", "granted_by", "created_at")
    list_filter = ("role",)
    search_fields = ("user__username", "user__last_name", "organization__code", "organization__name_uz")
    raw_id_fields = ("user", "organization")
    readonly_fields = ("granted_by",)
    list_select_related = ("user", "organization", "granted_by")

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return scope_queryset(queryset, user=request.user, roles=[Role.ADMIN])

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        grant = role_grant_create(
            user=obj.user, role=obj.role, organization=obj.organization, granted_by=request.user,
            valid_until=obj.valid_until,
        )
        obj.pk = grant.pk


# --- Reference data: administrators maintain it here ---------------------------------------------

@admin.register(PositionCategory)
class PositionCategoryAdmin(admin.ModelAdmin):
    list_display = ("code", "name_uz", "name_ru", "group", "ordering")
    list_filter = ("group",)
    search_fields = ("code", "name_uz", "name_ru", "name_en")


@admin.register(QualificationLevel)
class QualificationLevelAdmin(admin.ModelAdmin):
    list_display = ("code", "name_uz", "name_ru", "ordering")


@admin.register(QualificationRank)
class QualificationRankAdmin(admin.ModelAdmin):
    """The rank ladder is data: ``ordering`` 1 is the lowest rank."""

    list_display = ("ordering", "code", "name_uz", "name_ru", "is_active")
    list_editable = ("is_active",)


@admin.register(RegisterPosition)
class RegisterPositionAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name_uz", "level", "group", "category", "qualification_level", "is_active")
    list_filter = ("level", "group", "category", "is_active")
    search_fields = ("code", "name_uz", "name_ru", "name_en")


@admin.register(PolicyParameter)
class PolicyParameterAdmin(admin.ModelAdmin):
    """Configurable rules of DOMAIN.md: add a row with a new effective date rather than editing
    the old one, so past decisions can still be explained."""

    list_display = ("key", "value", "effective_from", "note")
    list_filter = ("key",)


# --- The record itself: read-only here; HR officers change it through the HR pages and services ---

class ReadOnlyScopedAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    org_field = "organization"

    def get_queryset(self, request):
        return scope_queryset(super().get_queryset(request), user=request.user, roles=HR_ROLES,
                              org_field=self.org_field)


@admin.register(Employee)
class EmployeeAdmin(ReadOnlyScopedAdmin):
    list_display = ("last_name", "first_name", "middle_name", "pinfl", "organization", "status")
    list_filter = ("status", "sex", "education_level")
    search_fields = ("pinfl", "search_text", "passport")
    list_select_related = ("organization",)
    show_full_result_count = False


@admin.register(StaffPosition)
class StaffPositionAdmin(ReadOnlyScopedAdmin):
    list_display = ("code", "name_uz", "organization", "group", "category", "rate_units", "salary_grade", "is_active")
    list_filter = ("group", "category", "is_active")
    search_fields = ("code", "name_uz", "name_ru", "organization__code")
    list_select_related = ("organization", "category")


@admin.register(Assignment)
class AssignmentAdmin(ReadOnlyScopedAdmin):
    list_display = ("employee", "staff_position", "organization", "start_date", "end_date", "rate", "is_primary")
    list_filter = ("is_primary", "start_kind", "end_kind")
    search_fields = ("employee__pinfl", "employee__search_text")
    list_select_related = ("employee", "staff_position", "organization")
    raw_id_fields = ("employee", "staff_position", "organization", "start_order", "end_order")


@admin.register(HROrder)
class HROrderAdmin(ReadOnlyScopedAdmin):
    list_display = ("number", "kind", "organization", "employee", "order_date", "effective_date", "created_by")
    list_filter = ("kind",)
    search_fields = ("number", "employee__pinfl")
    list_select_related = ("organization", "employee", "created_by")
    date_hierarchy = "order_date"


@admin.register(ReserveEntry)
class ReserveEntryAdmin(ReadOnlyScopedAdmin):
    list_display = ("__str__", "organization", "category", "source", "included_on", "expires_on", "status")
    list_filter = ("status", "source", "category")
    list_select_related = ("organization", "category", "employee")


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ("original_name", "kind", "status", "total_rows", "created_count", "updated_count",
                    "error_count", "created_by", "created_at")
    list_filter = ("kind", "status")
    readonly_fields = [f.name for f in ImportJob._meta.fields]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset if request.user.is_superuser else queryset.filter(created_by=request.user)

    def has_add_permission(self, request):
        return False
