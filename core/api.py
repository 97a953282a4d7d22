"""API helpers every app's DRF endpoints use (pagination is in ``core.pagination``): the role permission, the scoped
read-only viewset and a primary-key field that resolves only inside the caller's scope."""

from __future__ import annotations

from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import permissions, serializers, viewsets

from .access import scope_queryset, user_roles
from .pagination import CappedPageNumberPagination


class HoldsRequiredRole(permissions.BasePermission):
    """The user holds one of ``view.required_roles`` on some organisation (what they then see is
    narrowed to their subtrees by the selectors)."""

    message = _("Your roles do not give access to these records.")

    def has_permission(self, request, view) -> bool:
        return bool(user_roles(request.user) & set(view.required_roles))


class ScopedReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    """403 to a user holding none of ``required_roles`` anywhere; ``get_queryset`` must return a
    queryset already narrowed by the app's scoped selector, so a row outside the caller's subtrees
    is a 404."""

    permission_classes = [permissions.IsAuthenticated, HoldsRequiredRole]
    pagination_class = CappedPageNumberPagination
    required_roles: tuple[str, ...] = ()


@extend_schema_field(OpenApiTypes.INT)
class ScopedPrimaryKeyField(serializers.PrimaryKeyRelatedField):
    """A reference that resolves only inside the caller's scope: an id of another organisation's
    row is "not found", exactly like an id that does not exist.

    ``queryset`` (default: all rows of ``model``) is narrowed by ``roles`` on ``org_field``."""

    def __init__(self, model: type[Model], *, roles: tuple[str, ...], org_field: str = "organization",
                 queryset: QuerySet | None = None, **kwargs):
        self.model, self.roles, self.org_field = model, roles, org_field
        self.base_queryset = queryset
        super().__init__(queryset=model.objects.none(), **kwargs)

    def get_queryset(self):
        user = self.context["request"].user
        queryset = self.base_queryset.all() if self.base_queryset is not None else self.model.objects.all()
        return scope_queryset(queryset, user=user, roles=self.roles, org_field=self.org_field)
