"""Lines of an organisation's staffing table (staff positions)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_log
from core.exceptions import clean_or_raise
from core.models import User
from core.services import model_update
from core.text import collapse_spaces

from ..errors import WorkforceError, WorkforceErrorCode
from ..models import Organization, PositionCategory, RegisterPosition, StaffPosition
from ..selectors.staffing import staff_position_units_committed
from . import rules
from .employees import _lock, _require_scope, _stamp

__all__ = ["staff_position_create", "staff_position_update"]

UPDATABLE_FIELDS = frozenset({
    "code", "name_uz", "name_uz_cyrl", "name_ru", "name_en", "group", "category", "rate_units", "salary_grade",
    "register_position", "is_active",
})
_TEXT_FIELDS = ("code", "name_uz", "name_uz_cyrl", "name_ru", "name_en")


def _code_taken(staff_position: StaffPosition) -> WorkforceError:
    return WorkforceError(
        _("%(organization)s already has a position with code %(code)s.")
        % {"organization": staff_position.organization, "code": staff_position.code},
        code=WorkforceErrorCode.STAFF_POSITION_CODE_TAKEN, field="code",
    )


def _check(staff_position: StaffPosition) -> None:
    """Field rules, the group of the category (and of the register position), the code's uniqueness."""
    clean_or_raise(staff_position, exclude=["organization"], validate_unique=False, validate_constraints=False)
    category, register = staff_position.category, staff_position.register_position
    violation = rules.group_violation(
        group=staff_position.group, category_code=category.code if category else None,
        category_group=category.group if category else None,
        register_code=register.code if register else None, register_group=register.group if register else None)
    if violation is not None:
        raise violation.error()
    duplicates = StaffPosition.objects.filter(organization=staff_position.organization_id, code=staff_position.code)
    if duplicates.exclude(pk=staff_position.pk).exists():
        raise _code_taken(staff_position)


def _save(staff_position: StaffPosition, actor: User | None, **kwargs: Any) -> None:
    _stamp(staff_position, actor, None)
    try:
        with transaction.atomic():
            staff_position.save(**kwargs)
    except IntegrityError as exc:  # the same code added by a parallel request
        raise _code_taken(staff_position) from exc


@transaction.atomic
def staff_position_create(
    *,
    organization: Organization,
    code: str,
    name_uz: str,
    group: str,
    category: PositionCategory,
    rate_units: Decimal,
    name_ru: str = "",
    name_en: str = "",
    name_uz_cyrl: str = "",
    salary_grade: int | None = None,
    register_position: RegisterPosition | None = None,
    actor: User | None,
) -> StaffPosition:
    """Add a line to ``organization``'s staffing table; ``code`` is unique within the organisation."""
    _require_scope(actor, organization)
    staff_position = StaffPosition(
        organization=organization, group=group, category=category, rate_units=Decimal(str(rate_units)),
        salary_grade=salary_grade, register_position=register_position,
        **{name: collapse_spaces(value) for name, value in zip(
            _TEXT_FIELDS, (code, name_uz, name_uz_cyrl, name_ru, name_en), strict=True)},
    )
    _check(staff_position)
    _save(staff_position, actor)
    audit_log("workforce.staff_position.created", actor=actor, target=staff_position,
              data={"organization": organization.code, "code": staff_position.code,
                    "rate_units": str(staff_position.rate_units)})
    return staff_position


@transaction.atomic
def staff_position_update(*, staff_position: StaffPosition, actor: User | None, **fields: Any) -> StaffPosition:
    """Change names, code, group, category, units, grade or the active flag. Units cannot go below the
    units held today or later; a position somebody holds cannot be closed."""
    # Hires lock the same row before counting, so occupancy cannot change under this check.
    _lock(staff_position)
    _require_scope(actor, staff_position.organization)
    normalized = {
        name: collapse_spaces(value) if name in _TEXT_FIELDS else Decimal(str(value)) if name == "rate_units" else value
        for name, value in fields.items()
    }
    changed = {name: str(value) for name, value in
               model_update(instance=staff_position, data=normalized, allowed=UPDATABLE_FIELDS).items()}
    if not changed:
        return staff_position
    _check(staff_position)
    _check_occupancy(staff_position, changed)
    _save(staff_position, actor, update_fields=[*changed, "updated_at"])
    audit_log("workforce.staff_position.updated", actor=actor, target=staff_position, data=changed)
    return staff_position


def _check_occupancy(staff_position: StaffPosition, changed: dict[str, str]) -> None:
    if "rate_units" not in changed and "is_active" not in changed:
        return
    today = timezone.localdate()
    violation = rules.staffing_change_violation(
        code=staff_position.code, name=staff_position.name, rate_units=staff_position.rate_units,
        units_changed="rate_units" in changed,
        closing="is_active" in changed and not staff_position.is_active,
        held=staff_position_units_committed(staff_position, from_date=today), day=today)
    if violation is not None:
        raise violation.error()
