"""Write side of the workforce API: employees and HR orders. Views are thin: input is checked by
the serializers below (references resolved inside the caller's scope only), then one service call
does the change; an ``ApplicationError`` comes back as ``{"code", "message", "field"}`` (400/409)."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from core.api import ScopedPrimaryKeyField

from .access import HR_ROLES, organizations_for
from .models import HROrder, OrderKind, QualificationRank, SanctionKind, Sex, StaffPosition
from .selectors import employee_profiles
from .serializers import EmployeeDetailSerializer, EmployeeRefSerializer, NamedChoiceField, OrganizationRefSerializer
from .services import (
    DismissalReason,
    employee_change_rank,
    employee_create,
    employee_dismiss,
    employee_hire,
    employee_promote,
    employee_rotate,
    employee_sanction,
    employee_transfer,
    employee_update,
)
from .validators import validate_passport, validate_pinfl

RATES = [Decimal("1.00"), Decimal("0.75"), Decimal("0.50"), Decimal("0.25")]


def _staff_position_field(**kwargs) -> ScopedPrimaryKeyField:
    """An active staff position inside the caller's HR scope."""
    return ScopedPrimaryKeyField(StaffPosition, roles=HR_ROLES, queryset=StaffPosition.objects.filter(is_active=True),
                                 **kwargs)


@extend_schema_field(OpenApiTypes.INT)
class OrganizationInScopeField(serializers.PrimaryKeyRelatedField):
    def get_queryset(self):
        return organizations_for(self.context["request"].user, roles=HR_ROLES)


class EmployeeWriteSerializer(serializers.Serializer):
    last_name = serializers.CharField(max_length=100)
    first_name = serializers.CharField(max_length=100)
    middle_name = serializers.CharField(max_length=100, required=False, allow_blank=True)
    last_name_cyrl = serializers.CharField(max_length=100, required=False, allow_blank=True)
    first_name_cyrl = serializers.CharField(max_length=100, required=False, allow_blank=True)
    middle_name_cyrl = serializers.CharField(max_length=100, required=False, allow_blank=True)
    birth_date = serializers.DateField()
    sex = NamedChoiceField(Sex, read_only=False)
    citizenship = serializers.CharField(max_length=2, required=False)
    passport = serializers.CharField(max_length=9, required=False, allow_blank=True, validators=[validate_passport])
    phone = serializers.CharField(max_length=20, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    address = serializers.CharField(max_length=255, required=False, allow_blank=True)
    languages = serializers.ListField(child=serializers.CharField(max_length=8), required=False)
    qualification_rank = serializers.PrimaryKeyRelatedField(queryset=QualificationRank.objects.filter(is_active=True),
                                                            required=False, allow_null=True)
    civil_service_start = serializers.DateField(required=False, allow_null=True)


class EmployeeCreateSerializer(EmployeeWriteSerializer):
    pinfl = serializers.CharField(min_length=14, max_length=14, validators=[validate_pinfl])
    organization = OrganizationInScopeField(
        help_text=_("The organisation that keeps the record until the person is hired."), required=False,
        allow_null=True,
    )


class EmployeeUpdateSerializer(EmployeeWriteSerializer):
    """Personal data only; every field optional (PATCH). The PINFL never changes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False


class HireSerializer(serializers.Serializer):
    staff_position = _staff_position_field()
    start_date = serializers.DateField()
    rate = serializers.ChoiceField(choices=[(r, str(r)) for r in RATES], default=Decimal("1.00"))
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class MoveSerializer(serializers.Serializer):
    staff_position = _staff_position_field()
    effective_date = serializers.DateField()
    rate = serializers.ChoiceField(choices=[(r, str(r)) for r in RATES], required=False, allow_null=True,
                                   default=None, help_text=_("Empty: keep the current rate."))
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class RankChangeSerializer(serializers.Serializer):
    rank = serializers.PrimaryKeyRelatedField(queryset=QualificationRank.objects.filter(is_active=True))
    effective_date = serializers.DateField()
    reason = serializers.CharField()


class SanctionSerializer(serializers.Serializer):
    kind = NamedChoiceField(SanctionKind, read_only=False)
    reason = serializers.CharField()
    imposed_on = serializers.DateField()
    fine_amount = serializers.DecimalField(max_digits=14, decimal_places=2, required=False, allow_null=True)
    new_staff_position = _staff_position_field(required=False, allow_null=True,
                                               help_text=_("The lower position of a demotion."))


class DismissSerializer(serializers.Serializer):
    effective_date = serializers.DateField(help_text=_("Last working day."))
    reason_code = NamedChoiceField(DismissalReason, read_only=False)
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class OrderBasisSerializer(serializers.Serializer):
    app = serializers.CharField()
    object_id = serializers.CharField()
    label = serializers.CharField()


class HROrderSerializer(serializers.ModelSerializer):
    kind = NamedChoiceField(OrderKind)
    organization = OrganizationRefSerializer(read_only=True)
    employee = EmployeeRefSerializer(read_only=True)
    verification_url = serializers.SerializerMethodField()
    basis = serializers.SerializerMethodField(help_text=_("What authorised the order (e.g. a competition), "
                                                          "as printed on it; null when none was given."))

    class Meta:
        model = HROrder
        fields = ["id", "number", "kind", "organization", "employee", "order_date", "effective_date", "reason",
                  "details", "verification_url", "basis"]
        read_only_fields = fields

    @extend_schema_field(OrderBasisSerializer(allow_null=True))
    def get_basis(self, order) -> dict[str, str] | None:
        if not order.basis_app:
            return None
        return {"app": order.basis_app, "object_id": order.basis_object_id, "label": order.basis_label}

    def get_verification_url(self, order) -> str:
        path = reverse("verify", args=[order.verifiable.code])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class EmployeeWriteMixin:
    """Create/update and the HR order actions of ``EmployeeViewSet``."""

    def _profile(self, employee, *, created: bool = False) -> Response:
        employee = employee_profiles(user=self.request.user).get(pk=employee.pk)
        body = EmployeeDetailSerializer(employee, context=self.get_serializer_context()).data
        return Response(body, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)

    def _input(self, serializer_class):
        serializer = serializer_class(data=self.request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def _order(self, order) -> Response:
        order = getattr(order, "order", order)  # a sanction carries its order
        return Response(HROrderSerializer(order, context=self.get_serializer_context()).data,
                        status=status.HTTP_201_CREATED)

    @extend_schema(request=EmployeeCreateSerializer, responses={201: EmployeeDetailSerializer,
                                                                200: EmployeeDetailSerializer})
    def create(self, request: Request, *args, **kwargs) -> Response:
        """Put a person on record (kept by ``organization`` until hired). A PINFL already on record
        elsewhere follows the identity rule: 400 ``employee_employed_elsewhere`` or
        ``identity_mismatch``, or 200 with the existing record, now kept by ``organization``."""
        employee = employee_create(actor=request.user, **self._input(EmployeeCreateSerializer))
        return self._profile(employee, created=not getattr(employee, "claimed", False))

    @extend_schema(request=EmployeeUpdateSerializer, responses=EmployeeDetailSerializer)
    def partial_update(self, request: Request, *args, **kwargs) -> Response:
        employee = self.get_object()
        data = self._input(EmployeeUpdateSerializer)
        return self._profile(employee_update(employee=employee, actor=request.user, **data))

    @extend_schema(request=HireSerializer, responses={201: HROrderSerializer})
    @action(detail=True, methods=["post"])
    def hire(self, request: Request, pk=None) -> Response:
        return self._order(employee_hire(employee=self.get_object(), actor=request.user,
                                         **self._input(HireSerializer)))

    @extend_schema(request=MoveSerializer, responses={201: HROrderSerializer})
    @action(detail=True, methods=["post"])
    def transfer(self, request: Request, pk=None) -> Response:
        return self._order(employee_transfer(employee=self.get_object(), actor=request.user,
                                             **self._input(MoveSerializer)))

    @extend_schema(request=MoveSerializer, responses={201: HROrderSerializer})
    @action(detail=True, methods=["post"])
    def rotate(self, request: Request, pk=None) -> Response:
        return self._order(employee_rotate(employee=self.get_object(), actor=request.user,
                                           **self._input(MoveSerializer)))

    @extend_schema(request=MoveSerializer, responses={201: HROrderSerializer})
    @action(detail=True, methods=["post"])
    def promote(self, request: Request, pk=None) -> Response:
        return self._order(employee_promote(employee=self.get_object(), actor=request.user,
                                            **self._input(MoveSerializer)))

    @extend_schema(request=RankChangeSerializer, responses={201: HROrderSerializer})
    @action(detail=True, methods=["post"], url_path="rank-change")
    def rank_change(self, request: Request, pk=None) -> Response:
        return self._order(employee_change_rank(employee=self.get_object(), actor=request.user,
                                                **self._input(RankChangeSerializer)))

    @extend_schema(request=SanctionSerializer, responses={201: HROrderSerializer})
    @action(detail=True, methods=["post"])
    def sanction(self, request: Request, pk=None) -> Response:
        return self._order(employee_sanction(employee=self.get_object(), actor=request.user,
                                             **self._input(SanctionSerializer)))

    @extend_schema(request=DismissSerializer, responses={201: HROrderSerializer})
    @action(detail=True, methods=["post"])
    def dismiss(self, request: Request, pk=None) -> Response:
        return self._order(employee_dismiss(employee=self.get_object(), actor=request.user,
                                            **self._input(DismissSerializer)))
