"""The staffing line the example row of the employee import template fills.

The templates' examples (``workforce.resources``) use codes of the demo data, so a demo HR officer
of the ministry can download a template and import it unchanged; this line, with free units, is
what the example employee is placed on."""

from __future__ import annotations

from decimal import Decimal

from ..models import Organization, PositionCategory, StaffPosition
from ..resources import TEMPLATE_ORGANIZATION, TEMPLATE_STAFF_POSITION
from ..services import staff_position_create

TEMPLATE_LINE = {
    "name_uz": "Bosh mutaxassis (kadrlar boʻlimi)",
    "name_uz_cyrl": "Бош мутахассис (кадрлар бўлими)",
    "name_ru": "Главный специалист (отдел кадров)",
    "name_en": "Chief specialist (HR department)",
}


def seed_template_line(organizations: dict[str, Organization]) -> str:
    organization = organizations.get(TEMPLATE_ORGANIZATION)
    if organization is None:
        return ""
    if StaffPosition.objects.filter(organization=organization, code=TEMPLATE_STAFF_POSITION).exists():
        return ""
    category = PositionCategory.objects.get(code="S-1")
    staff_position_create(organization=organization, code=TEMPLATE_STAFF_POSITION, group=category.group,
                          category=category, rate_units=Decimal("3.00"), salary_grade=12, actor=None,
                          **TEMPLATE_LINE)
    return f"; the import template's line {TEMPLATE_ORGANIZATION} {TEMPLATE_STAFF_POSITION}"
