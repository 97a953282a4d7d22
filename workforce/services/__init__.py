"""Every state change of the workforce record. Other apps call these, never the models."""

from .organizations import organization_create, organization_move, organization_update
from .roles import role_grant_create, role_grant_revoke

__all__ = [
    "organization_create",
    "organization_move",
    "organization_update",
    "role_grant_create",
    "role_grant_revoke",
]
