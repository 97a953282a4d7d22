"""Organisations and staff positions through the same pipeline as employees."""

import datetime
from decimal import Decimal

import pytest

from tests.factories import make_employee, place
from tests.workforce.import_factories import positions, write_file
from workforce.importing.errors import ImportErrorCode
from workforce.models import Organization, StaffPosition
from workforce.services.imports import import_path

__all__ = ["positions"]


def run(tmp_path, kind, rows, actor=None, **options):
    return import_path(write_file(tmp_path, kind, rows, name=f"{kind}-{len(rows)}.xlsx"), kind=kind,
                       dry_run=options.pop("dry_run", False), actor=actor, **options)


def codes(result):
    return [(e["row"], e["code"]) for e in result.errors]


@pytest.mark.django_db
def test_units_may_come_before_their_parent_in_the_file(tmp_path, tree):
    rows = [{"code": "N-2", "name_uz": "Sektor", "level": "district", "parent_code": "N-1"},
            {"code": "N-1", "name_uz": "Boshqarma", "level": "territorial", "parent_code": "N"},
            {"code": "N", "name_uz": "Vazirlik N", "name_ru": "Министерство N", "level": "national"}]
    result = run(tmp_path, "organizations", rows)
    assert result.errors == [] and result.summary["to_create"] == 3
    sector = Organization.objects.get(code="N-2")
    assert sector.path == f"/{Organization.objects.get(code='N').pk}/{sector.parent.pk}/{sector.pk}/"
    assert sector.depth == 2
    assert "ministerstvo" in Organization.objects.get(code="N").search_text
    assert run(tmp_path, "organizations", rows).summary == {"to_create": 0, "to_update": 0, "unchanged": 3}


@pytest.mark.django_db
def test_hr_of_a_adds_and_changes_only_inside_a(tmp_path, tree, hr_a):
    rows = [{"code": "A-NEW", "name_uz": "Yangi boʻlim", "level": "district", "parent_code": "A-DEPT"},
            {"code": "B-NEW", "name_uz": "Begona", "level": "district", "parent_code": "B"},
            {"code": "TOP", "name_uz": "Yangi vazirlik", "level": "national"},
            {"code": "B-DEPT", "name_uz": "Oʻzgartirilgan"},
            {"code": "A-DIST", "name_uz": "A tuman boʻlimi (yangi nom)"}]
    result = run(tmp_path, "organizations", rows, actor=hr_a)
    assert codes(result) == [(3, ImportErrorCode.PARENT_UNAVAILABLE), (4, ImportErrorCode.ORGANIZATION_ROOT_FORBIDDEN),
                             (5, ImportErrorCode.ORGANIZATION_UNAVAILABLE)]
    assert not Organization.objects.filter(code__in=["A-NEW", "B-NEW", "TOP"]).exists()
    result = run(tmp_path, "organizations", [rows[0], rows[4]], actor=hr_a)
    assert result.errors == [] and result.summary == {"to_create": 1, "to_update": 1, "unchanged": 0}
    renamed = Organization.objects.get(code="A-DIST")
    assert renamed.name_uz == "A tuman boʻlimi (yangi nom)"
    assert renamed.history.latest("history_id").history_user == hr_a


@pytest.mark.django_db
def test_a_new_parent_moves_the_unit_with_its_subtree_and_cycles_are_refused(tmp_path, tree):
    result = run(tmp_path, "organizations", [{"code": "A-DEPT", "parent_code": "B"}])
    assert result.errors == [] and result.summary["to_update"] == 1
    district = Organization.objects.get(code="A-DIST")
    assert district.path.startswith(tree["B"].path)
    result = run(tmp_path, "organizations", [{"code": "B", "parent_code": "A-DIST"}])
    assert codes(result) == [(2, ImportErrorCode.ORGANIZATION_CYCLE)]


@pytest.mark.django_db
def test_unknown_region_and_level(tmp_path, tree):
    result = run(tmp_path, "organizations", [{"code": "X", "name_uz": "X", "level": "cosmic", "region": "Mars"}])
    assert {e["code"] for e in result.errors} == {ImportErrorCode.CHOICE_INVALID, ImportErrorCode.REGION_UNKNOWN}


@pytest.mark.django_db
def test_staff_positions_upsert_and_units_not_below_occupancy(tmp_path, positions, hr_a):
    place(make_employee(), positions["P1"])
    place(make_employee(), positions["P1"])
    rows = [{"organization_code": "A", "code": "P1", "rate_units": "1"},
            {"organization_code": "A", "code": "P9", "name_uz": "Yangi lavozim", "category": "m-4"},
            {"organization_code": "B", "code": "Q9", "name_uz": "Begona", "category": "S-1"},
            {"organization_code": "A", "code": "P8", "name_uz": "Toifasiz"},
            {"organization_code": "A", "code": "P7", "name_uz": "Nomaʼlum", "category": "Z-9"}]
    result = run(tmp_path, "staff_positions", rows, actor=hr_a)
    assert codes(result) == [(2, ImportErrorCode.RATE_UNITS_BELOW_OCCUPANCY), (4, ImportErrorCode.ORGANIZATION_UNAVAILABLE),
                             (5, ImportErrorCode.REQUIRED), (6, ImportErrorCode.CATEGORY_UNKNOWN)]
    assert result.errors[0]["params"] == {"code": "P1", "position": "P1", "held": "2.00", "units": "1.00",
                                          "day": datetime.date.today().strftime("%d.%m.%Y")}
    result = run(tmp_path, "staff_positions", [dict(rows[0], rate_units="3"), rows[1]], actor=hr_a)
    assert result.errors == [] and result.summary == {"to_create": 1, "to_update": 1, "unchanged": 0}
    new = StaffPosition.objects.get(code="P9")
    assert (new.group, new.category.code, new.rate_units) == ("management", "M-4", Decimal("1.00"))
    assert StaffPosition.objects.get(pk=positions["P1"].pk).rate_units == 3
