from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .access import organizations_for, scope_queryset
from .models import Organization, Region, Role, RoleGrant
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
