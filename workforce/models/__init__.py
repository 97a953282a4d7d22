from .assignments import (
    Assignment,
    ContractType,
    HROrder,
    OrderKind,
    OrderNumberSequence,
    Sanction,
    SanctionKind,
)
from .employees import (
    EDUCATION_RANK,
    CircumstanceKind,
    Education,
    EducationLevel,
    Employee,
    EmployeeCircumstance,
    EmployeeStatus,
    Sex,
)
from .imports import ImportJob, ImportKind, ImportStatus
from .organizations import Organization, OrganizationLevel, Region
from .policy import POLICY_DEFAULTS, PolicyKey, PolicyParameter
from .positions import (
    PositionCategory,
    PositionGroup,
    QualificationLevel,
    QualificationRank,
    RegisterPosition,
    StaffPosition,
)
from .reserve import ReserveEntry, ReserveSource, ReserveStatus
from .roles import Role, RoleGrant

__all__ = [
    "EDUCATION_RANK",
    "POLICY_DEFAULTS",
    "Assignment",
    "CircumstanceKind",
    "ContractType",
    "Education",
    "EducationLevel",
    "Employee",
    "EmployeeCircumstance",
    "EmployeeStatus",
    "HROrder",
    "ImportJob",
    "ImportKind",
    "ImportStatus",
    "OrderKind",
    "OrderNumberSequence",
    "Organization",
    "OrganizationLevel",
    "PolicyKey",
    "PolicyParameter",
    "PositionCategory",
    "PositionGroup",
    "QualificationLevel",
    "QualificationRank",
    "Region",
    "RegisterPosition",
    "ReserveEntry",
    "ReserveSource",
    "ReserveStatus",
    "Role",
    "RoleGrant",
    "Sanction",
    "SanctionKind",
    "Sex",
    "StaffPosition",
]
