"""Role grants. No one grants more than they hold: a role is granted on an organisation only by a
system administrator whose own administrator grant covers it (the whole civil service only by an
administrator of the whole civil service), and for no longer than that grant lasts. Pages, the API
and the Django admin all grant, change and revoke through these functions."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core.audit import audit_log
from core.exceptions import clean_or_raise

from ..access import _active_grants, forget_cached_grants
from ..errors import WorkforceError, WorkforceErrorCode
from ..models import Organization, Role, RoleGrant

__all__ = ["role_grant_check", "role_grant_create", "role_grant_revoke", "role_grant_update"]


def _covering_admin_grants(actor, organization: Organization | None) -> list[RoleGrant]:
    """The actor's administrator grants (in force) whose subtree covers ``organization``."""
    return [grant for grant in _active_grants(actor) if grant.role == Role.ADMIN and (
        grant.organization_id is None
        or (organization is not None and organization.path.startswith(grant.organization.path)))]


def role_grant_check(
    *, actor, organization: Organization | None, valid_until: datetime.date | None = None, term: bool = True
) -> None:
    """Raise unless ``actor`` may grant (or change, or revoke) a role on ``organization``
    (``None``: the whole civil service) lasting until ``valid_until`` (not checked with ``term``
    False: taking a grant away never widens anything). ``None`` as actor is a trusted caller
    (commands, data migrations); a superuser holds everything."""
    if actor is None or (actor.is_active and actor.is_superuser):
        return
    covering = _covering_admin_grants(actor, organization) if actor.is_active else []
    if not covering:
        raise WorkforceError(
            _("Only a system administrator of this organisation may grant roles on it.") if organization is not None
            else _("Only a system administrator of the whole civil service may grant a role on the whole civil "
                   "service."),
            code=WorkforceErrorCode.ROLE_GRANT_FORBIDDEN, field="organization",
        )
    if term and all(grant.valid_until is not None for grant in covering):
        own_end = max(grant.valid_until for grant in covering)
        if valid_until is None or valid_until > own_end:
            raise WorkforceError(
                _("Your own administrator role here ends on %(day)s; a role you grant cannot last longer.")
                % {"day": own_end.strftime("%d.%m.%Y")},
                code=WorkforceErrorCode.ROLE_GRANT_BEYOND_OWN, field="valid_until",
            )


def _grant_taken(user) -> WorkforceError:
    return WorkforceError(
        _("%(user)s already holds this role on this organisation.") % {"user": user},
        code=WorkforceErrorCode.ROLE_GRANT_EXISTS, field="role",
    )


def _save(grant: RoleGrant) -> None:
    clean_or_raise(grant, validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            grant.save()
    except IntegrityError as exc:
        raise _grant_taken(grant.user) from exc
    forget_cached_grants(grant.user)


def _described(grant: RoleGrant) -> dict[str, Any]:
    return {"user": grant.user.username, "role": grant.role,
            "organization": grant.organization.code if grant.organization_id else None,
            "valid_until": grant.valid_until.isoformat() if grant.valid_until else None}


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
    role_grant_check(actor=granted_by, organization=organization, valid_until=valid_until)
    grant = RoleGrant(user=user, role=role, organization=organization, granted_by=granted_by, valid_until=valid_until)
    _save(grant)
    audit_log("workforce.role.granted", actor=granted_by, target=grant, data=_described(grant))
    return grant


@transaction.atomic
def role_grant_update(
    *, grant: RoleGrant, actor, role: str, organization: Organization | None, valid_until: datetime.date | None
) -> RoleGrant:
    """Change a grant's role, organisation or end: the actor must hold the grant as it is and as it
    becomes (so a grant can never be widened beyond the actor's own)."""
    grant = RoleGrant.objects.select_for_update(of=("self",)).select_related("user", "organization").get(pk=grant.pk)
    role_grant_check(actor=actor, organization=grant.organization, term=False)
    role_grant_check(actor=actor, organization=organization, valid_until=valid_until)
    before = _described(grant)
    grant.role, grant.organization, grant.valid_until = role, organization, valid_until
    after = _described(grant)
    if before == after:
        return grant
    if getattr(actor, "is_authenticated", False):
        grant._history_user = actor  # type: ignore[attr-defined]
    _save(grant)
    audit_log("workforce.role.changed", actor=actor, target=grant, data={"from": before, "to": after})
    return grant


@transaction.atomic
def role_grant_revoke(*, grant: RoleGrant, revoked_by=None) -> None:
    role_grant_check(actor=revoked_by, organization=grant.organization, term=False)
    audit_log("workforce.role.revoked", actor=revoked_by, target=grant, data=_described(grant))
    grant.delete()
    forget_cached_grants(grant.user)
