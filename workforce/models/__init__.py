from .organizations import Organization, OrganizationLevel, Region
from .roles import Role, RoleGrant

__all__ = ["Organization", "OrganizationLevel", "Region", "Role", "RoleGrant"]
