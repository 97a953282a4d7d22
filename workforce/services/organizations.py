from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext as _

from core.audit import audit_log
from core.exceptions import clean_or_raise
from core.services import model_update
from core.text import search_key

from ..access import HR_ROLES, org_scope
from ..errors import WorkforceError, WorkforceErrorCode
from ..models import Organization, Region


def _require_tree_scope(actor, *organizations: Organization | None) -> None:
    """The actor (HR officer or administrator) must hold every given organisation's subtree;
    ``None`` (the top of the tree) needs the whole civil service. ``None`` as actor is a trusted
    caller (commands, data migrations)."""
    if actor is None:
        return
    scope = org_scope(actor, HR_ROLES)
    for organization in organizations:
        if organization is None and not scope.everything:
            raise WorkforceError(
                _("Only an administrator of the whole civil service may add or move a top-level organisation."),
                code=WorkforceErrorCode.ORGANIZATION_ROOT_FORBIDDEN, field="parent")
        if organization is not None and not scope.covers(organization):
            raise WorkforceError(_("This organisation is outside your HR scope."),
                                 code=WorkforceErrorCode.ORGANIZATION_OUT_OF_SCOPE, field="parent")


def _organization_search_text(organization: Organization) -> str:
    names = [organization.code, organization.name_uz, organization.name_uz_cyrl,
             organization.name_ru, organization.name_en]
    return " ".join(dict.fromkeys(search_key(n) for n in names if n))[:1024]


def _save(organization: Organization) -> None:
    """Check and save; a duplicate code is left to the database constraint (which also holds under
    concurrent requests) and reported as a clear error."""
    organization.search_text = _organization_search_text(organization)
    clean_or_raise(organization, exclude=["path", "depth"], validate_unique=False)
    try:
        with transaction.atomic():
            organization.save()
    except IntegrityError as exc:
        raise WorkforceError(
            _("An organisation with code %(code)s already exists.") % {"code": organization.code},
            code=WorkforceErrorCode.ORGANIZATION_CODE_TAKEN, field="code",
        ) from exc


@transaction.atomic
def organization_create(
    *,
    code: str,
    name_uz: str,
    level: str,
    parent: Organization | None = None,
    region: Region | None = None,
    name_uz_cyrl: str = "",
    name_ru: str = "",
    name_en: str = "",
    actor=None,
) -> Organization:
    """Create an organisation under ``parent`` (or as a top-level body) and place it in the tree.
    The actor must hold ``parent``'s subtree (a top-level body: the whole civil service)."""
    _require_tree_scope(actor, parent)
    organization = Organization(
        code=code.strip(), name_uz=name_uz.strip(), name_uz_cyrl=name_uz_cyrl.strip(),
        name_ru=name_ru.strip(), name_en=name_en.strip(), level=level, parent=parent, region=region,
    )
    _save(organization)
    organization.path = f"{parent.path if parent else '/'}{organization.pk}/"
    organization.depth = parent.depth + 1 if parent else 0
    # The path needs the primary key, so it is written after the insert; skip a second history row.
    Organization.objects.filter(pk=organization.pk).update(path=organization.path, depth=organization.depth)
    organization.history.filter(history_type="+").update(path=organization.path, depth=organization.depth)
    if actor is not None:
        audit_log("workforce.organization.created", actor=actor, target=organization, data={"code": code})
    return organization


@transaction.atomic
def organization_update(*, organization: Organization, actor=None, **fields: object) -> Organization:
    """Change names, level, region or active flag (use ``organization_move`` to change the parent)."""
    _require_tree_scope(actor, organization)
    allowed = {"code", "name_uz", "name_uz_cyrl", "name_ru", "name_en", "level", "region", "is_active"}
    changed = {name: str(value) for name, value in
               model_update(instance=organization, data=fields, allowed=allowed).items()}
    if not changed:
        return organization
    _save(organization)
    audit_log("workforce.organization.updated", actor=actor, target=organization, data=changed)
    return organization


@transaction.atomic
def organization_move(*, organization: Organization, new_parent: Organization | None, actor=None) -> Organization:
    """Re-parent ``organization`` with its whole subtree (one UPDATE of the subtree's paths). The
    actor must hold both the organisation and its new parent."""
    _require_tree_scope(actor, organization, new_parent)
    if new_parent is not None and new_parent.path.startswith(organization.path):
        raise WorkforceError(
            _("%(org)s cannot be placed under itself or one of its own units.") % {"org": organization},
            code=WorkforceErrorCode.ORGANIZATION_CYCLE, field="parent",
        )
    old_path, old_depth = organization.path, organization.depth
    new_path = f"{new_parent.path if new_parent else '/'}{organization.pk}/"
    depth_shift = (new_parent.depth + 1 if new_parent else 0) - old_depth
    subtree = Organization.objects.select_for_update().filter(path__startswith=old_path)
    list(subtree.values_list("pk", flat=True))  # take the row locks before rewriting
    subtree.update(
        path=Concat(Value(new_path), Substr("path", len(old_path) + 1)),
        depth=F("depth") + depth_shift,
    )
    organization.parent = new_parent
    organization.path = new_path
    organization.depth = old_depth + depth_shift
    organization.save(update_fields=["parent", "path", "depth", "updated_at"])
    audit_log(
        "workforce.organization.moved", actor=actor, target=organization,
        data={"from": old_path, "to": new_path},
    )
    return organization
