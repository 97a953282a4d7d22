from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core.audit import audit_log
from core.exceptions import clean_or_raise

from ..access import can_access_organization, forget_cached_grants, has_role, org_scope
from ..errors import WorkforceError, WorkforceErrorCode
from ..models import Organization, Role, RoleGrant


def _check_may_grant(granted_by, organization: Organization | None) -> None:
    if granted_by is None:  # management commands and data migrations
        return
    allowed = (
        org_scope(granted_by, [Role.ADMIN]).everything
        if organization is None
        else has_role(granted_by, Role.ADMIN) and can_access_organization(granted_by, organization, roles=[Role.ADMIN])
    )
    if not allowed:
        raise WorkforceError(
            _("Only a system administrator of this organisation may grant roles on it."),
            code=WorkforceErrorCode.ROLE_GRANT_FORBIDDEN, field="organization",
        )


@transaction.atomic
def role_grant_create(
    *,
    user,
    role: str,
    organization: Organization | None,
    granted_by=None,
    valid_until: datetime.date | None = None,
) -> RoleGrant:
    """Grant ``role`` on ``organization``'s subtree (``None``: the whole civil service)."""
    _check_may_grant(granted_by, organization)
    grant = RoleGrant(user=user, role=role, organization=organization, granted_by=granted_by, valid_until=valid_until)
    clean_or_raise(grant, validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            grant.save()
    except IntegrityError as exc:
        raise WorkforceError(
            _("%(user)s already holds this role on this organisation.") % {"user": user},
            code=WorkforceErrorCode.ROLE_GRANT_EXISTS, field="role",
        ) from exc
    forget_cached_grants(user)
    audit_log(
        "workforce.role.granted", actor=granted_by, target=grant,
        data={"user": user.username, "role": role, "organization": organization.code if organization else None},
    )
    return grant


@transaction.atomic
def role_grant_revoke(*, grant: RoleGrant, revoked_by=None) -> None:
    _check_may_grant(revoked_by, grant.organization)
    audit_log(
        "workforce.role.revoked", actor=revoked_by, target=grant,
        data={"user": grant.user.username, "role": grant.role},
    )
    grant.delete()
    forget_cached_grants(grant.user)
