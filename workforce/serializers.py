from __future__ import annotations

from django.db.models import TextChoices
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import ResolvedComponent
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .access import HR_ROLES, org_scope, user_roles
from .models import (
    Assignment,
    ContractType,
    Education,
    EducationLevel,
    Employee,
    EmployeeStatus,
    HROrder,
    OrderKind,
    Organization,
    PositionCategory,
    QualificationRank,
    Region,
    RoleGrant,
    Sex,
    StaffPosition,
)


class NamedChoiceField(serializers.ChoiceField):
    """A read-only choice field whose OpenAPI enum is one component named after its ``TextChoices``
    class (``OrderKindEnum``), however many fields of however many serializers use it."""

    def __init__(self, choices_class: type[TextChoices], **kwargs):
        self.choices_class = choices_class
        kwargs.setdefault("read_only", True)
        super().__init__(choices=choices_class.choices, **kwargs)


class NamedChoiceFieldExtension(OpenApiSerializerFieldExtension):
    target_class = NamedChoiceField

    def map_serializer_field(self, auto_schema, direction):
        choices = self.target.choices_class
        name = f"{choices.__name__}Enum"
        component = ResolvedComponent(
            name=name, type=ResolvedComponent.SCHEMA, object=name,
            schema={"type": "string", "enum": list(choices.values),
                    "description": "\n".join(f"* `{value}` - {label}" for value, label in choices.choices)},
        )
        auto_schema.registry.register_on_missing(component)
        if self.target.allow_blank:
            return {"oneOf": [component.ref, {"type": "string", "enum": [""]}]}
        return component.ref


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


# --- Employee record (read side) ---------------------------------------------------------------
# Nested references are compact ({id, code, name} in the caller's language) and come from
# select_related/prefetch_related in the selectors: serializing a page never queries per row.


class NamedRefSerializer(serializers.ModelSerializer):
    """A compact reference to a named row: id, code and the name in the request's language."""

    name = serializers.CharField(read_only=True)

    class Meta:
        fields = ["id", "code", "name"]
        read_only_fields = fields


class OrganizationRefSerializer(NamedRefSerializer):
    class Meta(NamedRefSerializer.Meta):
        model = Organization


class StaffPositionRefSerializer(NamedRefSerializer):
    class Meta(NamedRefSerializer.Meta):
        model = StaffPosition


class QualificationRankRefSerializer(NamedRefSerializer):
    class Meta(NamedRefSerializer.Meta):
        model = QualificationRank


class PositionCategoryRefSerializer(NamedRefSerializer):
    class Meta(NamedRefSerializer.Meta):
        model = PositionCategory
        fields = ["id", "code", "name", "group"]
        read_only_fields = fields


class EmployeeRefSerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(read_only=True)

    class Meta:
        model = Employee
        fields = ["id", "pinfl", "full_name"]
        read_only_fields = fields


class OrderRefSerializer(serializers.ModelSerializer):
    kind = NamedChoiceField(OrderKind)

    class Meta:
        model = HROrder
        fields = ["id", "number", "kind", "order_date"]
        read_only_fields = fields


class EmployeeListSerializer(serializers.ModelSerializer):
    """One row of the employee list: identity, where they serve and the facts lists filter on."""

    full_name = serializers.CharField(read_only=True)
    organization = OrganizationRefSerializer(read_only=True, allow_null=True)
    staff_position = StaffPositionRefSerializer(read_only=True, allow_null=True)
    qualification_rank = QualificationRankRefSerializer(read_only=True, allow_null=True)
    sex = NamedChoiceField(Sex)
    status = NamedChoiceField(EmployeeStatus)
    education_level = NamedChoiceField(EducationLevel, allow_blank=True)

    class Meta:
        model = Employee
        fields = [
            "id", "pinfl", "last_name", "first_name", "middle_name", "last_name_cyrl", "first_name_cyrl",
            "middle_name_cyrl", "full_name", "birth_date", "sex", "organization", "staff_position", "status",
            "qualification_rank", "hired_on", "education_level",
        ]
        read_only_fields = fields


class EducationSerializer(serializers.ModelSerializer):
    level = NamedChoiceField(EducationLevel)

    class Meta:
        model = Education
        fields = ["id", "level", "institution", "specialty", "graduation_year"]
        read_only_fields = fields


class ContactsSerializer(serializers.Serializer):
    phone = serializers.CharField(read_only=True)
    email = serializers.CharField(read_only=True)
    address = serializers.CharField(read_only=True)


class AssignmentSerializer(serializers.ModelSerializer):
    """An effective-dated assignment (``end_date`` empty while it lasts)."""

    employee = EmployeeRefSerializer(read_only=True)
    organization = OrganizationRefSerializer(read_only=True)
    staff_position = StaffPositionRefSerializer(read_only=True)
    start_order = OrderRefSerializer(read_only=True, allow_null=True)
    end_order = OrderRefSerializer(read_only=True, allow_null=True)
    start_kind = NamedChoiceField(OrderKind)
    end_kind = NamedChoiceField(OrderKind, allow_blank=True)
    contract_type = NamedChoiceField(ContractType)

    class Meta:
        model = Assignment
        fields = [
            "id", "employee", "organization", "staff_position", "rate", "is_primary", "start_date", "end_date",
            "start_kind", "end_kind", "contract_type", "contract_end_date", "start_order", "end_order", "end_reason",
        ]
        read_only_fields = fields


class CareerAssignmentSerializer(AssignmentSerializer):
    """An assignment inside an employee's profile (the employee is the profile itself). A placement
    in an organisation outside the reader's scope shows where and when, not that organisation's
    orders or the reason it ended (``selectors.employee_profile`` does the same on the page)."""

    class Meta(AssignmentSerializer.Meta):
        fields = [name for name in AssignmentSerializer.Meta.fields if name != "employee"]
        read_only_fields = fields

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        if request is not None and not org_scope(request.user, HR_ROLES).covers(instance.organization):
            data.update(start_order=None, end_order=None, end_reason="")
        return data


class EmployeeDetailSerializer(EmployeeListSerializer):
    """The profile: the list row plus personal details, education, languages, contacts and the
    whole assignment history (newest first)."""

    contacts = serializers.SerializerMethodField()
    educations = EducationSerializer(many=True, read_only=True)
    assignments = CareerAssignmentSerializer(many=True, read_only=True)

    class Meta(EmployeeListSerializer.Meta):
        fields = [
            *EmployeeListSerializer.Meta.fields, "citizenship", "passport", "languages", "civil_service_start",
            "contacts", "educations", "assignments",
        ]
        read_only_fields = fields

    @extend_schema_field(ContactsSerializer)
    def get_contacts(self, employee: Employee) -> dict[str, str]:
        return {"phone": employee.phone, "email": employee.email, "address": employee.address}


class StaffPositionSerializer(serializers.ModelSerializer):
    """A staffing-table line with its occupancy today: ``filled`` is the sum of the rates of the
    assignments in force, ``vacant`` = ``rate_units`` - ``filled``."""

    name = serializers.CharField(read_only=True)
    organization = OrganizationRefSerializer(read_only=True)
    category = PositionCategoryRefSerializer(read_only=True)
    register_position = serializers.CharField(source="register_position.code", read_only=True, default=None,
                                              allow_null=True)
    filled_units = serializers.DecimalField(max_digits=8, decimal_places=2, read_only=True, source="filled")
    vacant_units = serializers.DecimalField(max_digits=8, decimal_places=2, read_only=True, source="vacant")

    class Meta:
        model = StaffPosition
        fields = [
            "id", "code", "name", "name_uz", "name_uz_cyrl", "name_ru", "name_en", "organization", "register_position",
            "group", "category", "rate_units", "filled_units", "vacant_units", "salary_grade", "is_active",
        ]
        read_only_fields = fields

