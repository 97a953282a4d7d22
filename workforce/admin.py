"""The Django admin of the workforce record.

Nothing is written here past the services: role grants, organisations and staff positions are
saved by ``role_grant_create/update/revoke``, ``organization_create/update/move`` and
``staff_position_create/update``, which check the actor's scope and audit the change; a refusal
shows on the form. Every changelist is scoped to the administrator's subtrees. Reference data and
dated policy parameters concern the whole civil service: only its administrators change them.
The record itself (employees, assignments, orders, reserve) is read-only here."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db import transaction
from simple_history.admin import SimpleHistoryAdmin

from core.admin import ReadOnlyAdminMixin
from core.exceptions import ApplicationError

from .access import HR_ROLES, org_scope, organizations_for, scope_queryset
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
from .services import (
    organization_create,
    organization_move,
    organization_update,
    role_grant_create,
    role_grant_revoke,
    role_grant_update,
    staff_position_create,
    staff_position_update,
)


def _national_admin(user) -> bool:
    return user.is_active and (user.is_superuser or org_scope(user, [Role.ADMIN]).everything)


class ServiceAdminMixin:
    """Saves through a service. The service runs while the form is validated (in a savepoint), so a
    refusal (scope, occupancy, a duplicate...) is shown on the form instead of a server error; the
    admin's own save then has nothing left to do."""

    def save_through_service(self, request, current: Any | None, data: dict[str, Any]) -> Any:
        raise NotImplementedError  # each admin below names its service

    def get_form(self, request, obj=None, change=False, **kwargs):
        base = super().get_form(request, obj, change=change, **kwargs)
        model_admin = self

        class ServiceForm(base):
            def clean(form):
                cleaned = super().clean()
                if form.errors:
                    return cleaned
                current = type(obj).objects.get(pk=obj.pk) if obj is not None else None
                try:
                    with transaction.atomic():
                        saved = model_admin.save_through_service(request, current, cleaned)
                except ApplicationError as error:
                    form.add_error(error.field if error.field in form.fields else None, error.message)
                else:
                    form.instance = saved  # what the admin goes on to show and log
                return cleaned

        return ServiceForm

    def save_model(self, request, obj, form, change):
        """Already saved by the service in ``form.clean``."""

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


class ScopedToAdministratorMixin:
    """Lists and opens only the rows of the administrator's subtrees."""

    org_field = "organization"

    def get_queryset(self, request):
        return scope_queryset(super().get_queryset(request), user=request.user, roles=[Role.ADMIN],
                              org_field=self.org_field)


@admin.register(Organization)
class OrganizationAdmin(ServiceAdminMixin, SimpleHistoryAdmin):
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

    def has_delete_permission(self, request, obj=None):
        return False  # organisations are closed (inactive), never deleted: their history refers to them

    def save_through_service(self, request, current, data):
        names = {f: data[f] for f in ("code", "name_uz", "name_uz_cyrl", "name_ru", "name_en", "level", "region")}
        if current is None:
            return organization_create(parent=data["parent"], actor=request.user, **names)
        if current.parent_id != (data["parent"].pk if data["parent"] else None):
            current = organization_move(organization=current, new_parent=data["parent"], actor=request.user)
        return organization_update(organization=current, actor=request.user, is_active=data["is_active"], **names)


@admin.register(RoleGrant)
class RoleGrantAdmin(ServiceAdminMixin, ScopedToAdministratorMixin, SimpleHistoryAdmin):
    list_display = ("user", "role", "organization", "valid_until", "granted_by", "created_at")
    list_filter = ("role",)
    search_fields = ("user__username", "user__last_name", "organization__code", "organization__name_uz")
    raw_id_fields = ("user", "organization")
    readonly_fields = ("granted_by",)
    list_select_related = ("user", "organization", "granted_by")

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        # Grants on the whole civil service have no organisation: only its administrators see them.
        if _national_admin(request.user):
            return RoleGrant.objects.select_related("user", "organization", "granted_by")
        return queryset

    def get_readonly_fields(self, request, obj=None):
        # Who holds a grant does not change: revoke it and grant the other person.
        return ("user", "granted_by") if obj is not None else ("granted_by",)

    def save_through_service(self, request, current, data):
        if current is None:
            return role_grant_create(user=data["user"], role=data["role"], organization=data["organization"],
                                     granted_by=request.user, valid_until=data["valid_until"])
        return role_grant_update(grant=current, actor=request.user, role=data["role"],
                                 organization=data["organization"], valid_until=data["valid_until"])

    def delete_model(self, request, obj):
        role_grant_revoke(grant=obj, revoked_by=request.user)


class StaffPositionAdminForm(forms.ModelForm):
    class Meta:
        model = StaffPosition
        fields = ("organization", "code", "name_uz", "name_uz_cyrl", "name_ru", "name_en", "group", "category",
                  "register_position", "rate_units", "salary_grade", "is_active")


@admin.register(StaffPosition)
class StaffPositionAdmin(ServiceAdminMixin, SimpleHistoryAdmin):
    """Staffing-table lines of the administrator's (or HR officer's) subtrees; saved by the staffing
    services, so units never go below occupancy and a held position is never closed."""

    form = StaffPositionAdminForm
    list_display = ("code", "name_uz", "organization", "group", "category", "rate_units", "salary_grade", "is_active")
    list_filter = ("group", "category", "is_active")
    search_fields = ("code", "name_uz", "name_ru", "organization__code")
    list_select_related = ("organization", "category")
    raw_id_fields = ("organization", "register_position")

    def get_queryset(self, request):
        return scope_queryset(super().get_queryset(request), user=request.user, roles=HR_ROLES)

    def get_readonly_fields(self, request, obj=None):
        return ("organization",) if obj is not None else ()

    def has_delete_permission(self, request, obj=None):
        return False  # close it (inactive) instead: assignments refer to it

    def save_through_service(self, request, current, data):
        fields = {name: data[name] for name in ("code", "name_uz", "name_uz_cyrl", "name_ru", "name_en", "group",
                                                "category", "register_position", "rate_units", "salary_grade")}
        if current is None:
            return staff_position_create(organization=data["organization"], actor=request.user, **fields)
        return staff_position_update(staff_position=current, actor=request.user, is_active=data["is_active"],
                                     **fields)


# --- Reference data: the administrators of the whole civil service maintain it here ----------------

class NationalReferenceAdmin(admin.ModelAdmin):
    """Rows that hold for the whole civil service: an administrator of one organisation reads them
    but may not change them."""

    def has_add_permission(self, request):
        return _national_admin(request.user) and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return _national_admin(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return _national_admin(request.user) and super().has_delete_permission(request, obj)


@admin.register(Region)
class RegionAdmin(NationalReferenceAdmin):
    list_display = ("soato", "iso_code", "name_uz", "name_ru", "name_en")
    search_fields = ("soato", "name_uz", "name_ru", "name_en", "name_uz_cyrl")


@admin.register(PositionCategory)
class PositionCategoryAdmin(NationalReferenceAdmin):
    list_display = ("code", "name_uz", "name_ru", "group", "ordering")
    list_filter = ("group",)
    search_fields = ("code", "name_uz", "name_ru", "name_en")


@admin.register(QualificationLevel)
class QualificationLevelAdmin(NationalReferenceAdmin):
    list_display = ("code", "name_uz", "name_ru", "ordering")


@admin.register(QualificationRank)
class QualificationRankAdmin(NationalReferenceAdmin):
    """The rank ladder is data: ``ordering`` 1 is the lowest rank."""

    list_display = ("ordering", "code", "name_uz", "name_ru", "is_active")
    list_editable = ("is_active",)


@admin.register(RegisterPosition)
class RegisterPositionAdmin(NationalReferenceAdmin, SimpleHistoryAdmin):
    list_display = ("code", "name_uz", "level", "group", "category", "qualification_level", "is_active")
    list_filter = ("level", "group", "category", "is_active")
    search_fields = ("code", "name_uz", "name_ru", "name_en")


@admin.register(PolicyParameter)
class PolicyParameterAdmin(NationalReferenceAdmin):
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
class ImportJobAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("original_name", "kind", "status", "total_rows", "created_count", "updated_count",
                    "error_count", "created_by", "started_by", "created_at")
    list_filter = ("kind", "status")

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset if _national_admin(request.user) else queryset.filter(created_by=request.user)
