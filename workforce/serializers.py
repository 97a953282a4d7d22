from __future__ import annotations

from rest_framework import serializers

from .access import user_roles
from .models import Organization, Region, RoleGrant


class RegionSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)

    class Meta:
        model = Region
        fields = ["soato", "iso_code", "name", "name_uz", "name_uz_cyrl", "name_ru", "name_en"]


class OrganizationSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)
    parent_code = serializers.CharField(source="parent.code", read_only=True, default=None)
    region = serializers.CharField(source="region_id", read_only=True)

    class Meta:
        model = Organization
        fields = [
            "id", "code", "name", "name_uz", "name_uz_cyrl", "name_ru", "name_en", "level", "region",
            "parent", "parent_code", "depth", "is_active",
        ]
        read_only_fields = fields


class RoleGrantSerializer(serializers.ModelSerializer):
    organization_code = serializers.CharField(source="organization.code", read_only=True, default=None)

    class Meta:
        model = RoleGrant
        fields = ["role", "organization", "organization_code", "valid_until"]


class MeSerializer(serializers.Serializer):
    username = serializers.CharField()
    full_name = serializers.CharField(source="get_full_name")
    preferred_language = serializers.CharField()
    roles = serializers.SerializerMethodField()
    grants = RoleGrantSerializer(source="role_grants", many=True)

    def get_roles(self, user) -> list[str]:
        return sorted(user_roles(user))
