"""Every figure of the composition equals the same figure computed with pandas from the raw rows,
on services generated from several seeds, for a subtree, a region and a group, on several dates."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pandas as pd
import pytest

from tests.factories import UserFactory
from workforce.models import OrderKind, PositionGroup
from workforce.selectors import CompositionScope, composition_flows, composition_on
from workforce.services import DismissalReason

from .conftest import generate_service, raw_frames

D = datetime.date
DATES = [D(2023, 6, 30), D(2024, 2, 29), D(2024, 12, 31), D(2025, 8, 15)]


def completed_years(start: datetime.date, on: datetime.date) -> int:
    return on.year - start.year - ((on.month, on.day) < (start.month, start.day))


def age_band(age: int) -> str:
    for key, low, high in (("60+", 60, 999), ("55-59", 55, 59), ("45-54", 45, 54), ("35-44", 35, 44),
                           ("30-34", 30, 34)):
        if low <= age <= high:
            return key
    return "18-29"


def service_band(start, on) -> str:
    if start is None or pd.isna(start):
        return "unknown"
    years = completed_years(start, on)
    if years >= 20:
        return "20+"
    if years >= 10:
        return "10-19"
    if years >= 5:
        return "5-9"
    return "1-4" if years >= 1 else "0"


def expected(frames, on, *, path, region=None, group=None):
    assignments, employees, positions = frames
    held = assignments[(assignments.start_date <= on) & (assignments.end_date.isna() | (assignments.end_date >= on))]
    people = held[held.is_primary & held.organization__path.str.startswith(path)]
    if region:
        people = people[people.organization__region_id == region]
    if group:
        people = people[people.staff_position__group == group]
    people = people.merge(employees, left_on="employee_id", right_on="id")
    ages = people.birth_date.map(lambda b: completed_years(b, on))
    result = {
        "headcount": len(people),
        "by_sex": people.sex.value_counts().to_dict(),
        "by_age_band": ages.map(age_band).value_counts().to_dict(),
        "by_education": people.education_level.replace("", "unknown").value_counts().to_dict(),
        "by_service_band": people.civil_service_start.map(lambda s: service_band(s, on)).value_counts().to_dict(),
        "by_rank": people.qualification_rank_id.map(lambda r: "none" if pd.isna(r) else str(int(r)))
        .value_counts().to_dict(),
        "by_group": people.staff_position__group.value_counts().to_dict(),
        "by_category": people.staff_position__category_id.astype(str).value_counts().to_dict(),
        "by_region": people.organization__region_id.value_counts().to_dict(),
        "by_level": people.organization__level.value_counts().to_dict(),
        "average_age": round(ages.mean(), 1) if len(people) else None,
        "avg_age_by_group": {g: round(a, 1) for g, a in ages.groupby(people.staff_position__group).mean().items()},
    }
    management = people[people.staff_position__group == PositionGroup.MANAGEMENT]
    result["management"] = len(management)
    result["women_in_management"] = int((management.sex == "F").sum())
    oecd = {"18-29": "18-34", "30-34": "18-34", "35-44": "35-54", "45-54": "35-54", "55-59": "55+", "60+": "55+"}
    result["by_oecd_age_band"] = ages.map(age_band).map(oecd).value_counts().to_dict()
    active = positions[positions.is_active & positions.organization__path.str.startswith(path)]
    if region:
        active = active[active.organization__region_id == region]
    if group:
        active = active[active.group == group]
    result["planned"] = Decimal(sum(active.rate_units, Decimal("0"))).quantize(Decimal("0.01"))
    result["filled"] = Decimal(sum(held[held.staff_position_id.isin(active.id)].rate, Decimal("0"))).quantize(
        Decimal("0.01"))
    return result


def nonzero(cells) -> dict:
    return {cell.key: cell.count for cell in cells if cell.count}


@pytest.mark.django_db
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_figure_matches_pandas_on_raw_rows(seed):
    world = generate_service(seed)
    admin = UserFactory(is_superuser=True)
    root, unit, region = world["root"], world["units"][1], world["regions"][1].pk
    cases = [{"organization": root}, {"organization": unit}, {"organization": root, "region": region},
             {"organization": root, "group": PositionGroup.SPECIALIST}]
    frames = raw_frames()
    for on in DATES:
        for case in cases:
            got = composition_on(CompositionScope(user=admin, **case), on=on)
            want = expected(frames, on, path=case["organization"].path, region=case.get("region"), group=case.get("group"))
            context = (seed, on, case)
            assert got.headcount == want["headcount"], context
            assert got.staff_units_planned == want["planned"], context
            assert got.staff_units_filled == want["filled"], context
            for name in ("by_sex", "by_age_band", "by_oecd_age_band", "by_education", "by_service_band", "by_rank",
                         "by_group", "by_category", "by_region", "by_level"):
                assert nonzero(got.breakdowns[name]) == want[name], (name, *context)
                assert sum(cell.count for cell in got.breakdowns[name]) == want["headcount"], (name, *context)
            assert got.average_age == want["average_age"], context
            assert {c.key: c.average_age for c in got.breakdowns["by_group"] if c.count} == want["avg_age_by_group"]
            assert got.management == want["management"], context
            assert got.women_in_management == want["women_in_management"], context


@pytest.mark.django_db
@pytest.mark.parametrize("seed", [4, 5])
def test_flows_and_turnover_match_pandas(seed):
    world = generate_service(seed)
    admin = UserFactory(is_superuser=True)
    path = world["root"].path
    date_from, date_to = D(2024, 1, 1), D(2024, 12, 31)
    flows = composition_flows(CompositionScope(user=admin, organization=world["root"]), date_from=date_from,
                              date_to=date_to)
    assignments, _, _ = raw_frames()
    primary = assignments[assignments.is_primary & assignments.organization__path.str.startswith(path)]
    started = primary[(primary.start_date >= date_from) & (primary.start_date <= date_to)]
    ended = primary[(primary.end_date.notna()) & (primary.end_date >= date_from) & (primary.end_date <= date_to)
                    & primary.end_kind.isin([OrderKind.DISMISSAL, OrderKind.SANCTION])
                    & primary.end_reason.isin(DismissalReason.values)]

    def headcount(on):
        return int(((primary.start_date <= on) & (primary.end_date.isna() | (primary.end_date >= on))).sum())

    assert flows["hires"] == int((started.start_kind == OrderKind.HIRE).sum())
    assert flows["transfers"] == int((started.start_kind == OrderKind.TRANSFER).sum())
    assert flows["rotations"] == int((started.start_kind == OrderKind.ROTATION).sum())
    assert flows["promotions"] == int((started.start_kind == OrderKind.PROMOTION).sum())
    assert flows["exits"] == len(ended) > 0
    assert {c.key: c.count for c in flows["exits_by_ground"] if c.count} == ended.end_reason.value_counts().to_dict()
    average = (headcount(date_from) + headcount(date_to)) / 2
    assert flows["average_headcount"] == average
    assert flows["turnover"] == round(len(ended) / average, 4)
