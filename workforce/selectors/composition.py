"""The composition of the civil service on any date and its flows over a period, for the reports.

Everything is counted from the effective-dated primary assignments (``start_date <= D`` and
``end_date`` empty or ``>= D``) in the organisations of the requester's scope, narrowed to a subtree,
a region and a position group. The database aggregates: one grouped query over the people
("cube" of sex x age band x education x service band x rank x category), one over the organisations
(region x level) and one for the staff units (through :func:`with_occupancy`, the one occupancy
count). pandas only ever sees those aggregated rows, a few thousand at most whatever the size of
the service. Age and length of service are computed on D in SQL (``Case``/``When`` over dates).

Attributes the record keeps only as they are today (education level, qualification rank, the
position's group and category, the organisation's region and level) are read as they are now; the
person's place on D comes from the assignment.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pandas as pd
from django.db import connection, transaction
from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Sum, Value, When
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from ..access import ANALYTICS_ROLES, scope_queryset
from ..models import (
    Assignment,
    EducationLevel,
    OrderKind,
    Organization,
    OrganizationLevel,
    PositionCategory,
    PositionGroup,
    QualificationRank,
    Region,
    Sex,
    StaffPosition,
)
from .staffing import _held_on, units_planned_and_filled

__all__ = [
    "AGE_BANDS",
    "BREAKDOWN_LABELS",
    "OECD_AGE_BANDS",
    "SERVICE_BANDS",
    "Cell",
    "Composition",
    "CompositionScope",
    "composition_cube",
    "composition_flows",
    "composition_from",
    "composition_on",
    "composition_organizations",
    "composition_references",
    "composition_units",
    "composition_units_by_organization",
    "compositions_by_subtree",
    "organization_ancestry",
    "organization_codes",
    "primary_assignments_on",
    "years_before",
]

# key -> (lowest age, highest age or None); the first band takes everyone under 30.
AGE_BANDS: dict[str, tuple[int, int | None]] = {
    "18-29": (0, 29), "30-34": (30, 34), "35-44": (35, 44), "45-54": (45, 54), "55-59": (55, 59), "60+": (60, None),
}
# OECD's three bands, each a union of the bands above.
OECD_AGE_BANDS: dict[str, tuple[str, ...]] = {
    "18-34": ("18-29", "30-34"), "35-54": ("35-44", "45-54"), "55+": ("55-59", "60+"),
}
# Completed years in the civil service on D: key -> (lowest, highest or None).
SERVICE_BANDS: dict[str, tuple[int, int | None]] = {
    "0": (0, 0), "1-4": (1, 4), "5-9": (5, 9), "10-19": (10, 19), "20+": (20, None),
}
UNKNOWN = "unknown"
NO_RANK = "none"
EXIT_KINDS = (OrderKind.DISMISSAL, OrderKind.SANCTION)
MOVE_KINDS = {"transfers": OrderKind.TRANSFER, "rotations": OrderKind.ROTATION, "promotions": OrderKind.PROMOTION}


def years_before(on: datetime.date, years: int) -> datetime.date:
    """The date ``years`` years before ``on`` (28 February for a 29 February that year lacks)."""
    try:
        return on.replace(year=on.year - years)
    except ValueError:
        return on.replace(year=on.year - years, day=28)


@dataclass(frozen=True)
class CompositionScope:
    """Which assignments count: the requester's scope (``user``, ``roles``) narrowed to the subtree
    of ``organization``, to ``region`` (SOATO code) and to a position ``group``. ``everything`` (the
    monthly snapshots, which store figures and show them to nobody) reads the whole service
    without a requester."""

    user: Any
    organization: Organization | None = None
    region: str | None = None
    group: str | None = None
    roles: tuple[str, ...] = ANALYTICS_ROLES
    everything: bool = False

    def narrow(self, queryset: QuerySet, *, org: str = "organization", position: str = "staff_position") -> QuerySet:
        if not self.everything:
            queryset = scope_queryset(queryset, user=self.user, roles=self.roles, org_field=org)
        if self.organization is not None:
            queryset = queryset.filter(**{f"{org}__path__startswith": self.organization.path})
        if self.region:
            queryset = queryset.filter(**{f"{org}__region_id": self.region})
        if self.group:
            queryset = queryset.filter(**{f"{position}__group": self.group})
        return queryset


def primary_assignments_on(scope: CompositionScope, *, on: datetime.date) -> QuerySet[Assignment]:
    """The primary assignments in force on ``on`` in ``scope``: one per person serving that day."""
    return scope.narrow(Assignment.objects.filter(_held_on(on), is_primary=True)).order_by()


def _band_case(field_name: str, bands: dict[str, tuple[int, int | None]], on: datetime.date, default: str) -> Case:
    """The band of a date column on ``on`` in SQL: ``low <= completed years <= high`` is
    ``date <= on - low years`` and ``date > on - (high + 1) years``."""
    whens = []
    for key, (low, high) in bands.items():
        # The lowest band has no lower bound: a date after ``on`` (a start recorded late) counts there.
        condition = Q(**{f"{field_name}__lte": years_before(on, low)}) if low else Q(**{f"{field_name}__isnull": False})
        if high is not None:
            condition &= Q(**{f"{field_name}__gt": years_before(on, high + 1)})
        whens.append(When(condition, then=Value(key)))
    return Case(*whens, default=Value(default))


def _age_on(on: datetime.date) -> Any:
    """Completed years of age on ``on`` (SQL, SQLite and PostgreSQL alike)."""
    birthday_to_come = Q(employee__birth_date__month__gt=on.month) | Q(
        employee__birth_date__month=on.month, employee__birth_date__day__gt=on.day)
    return (Value(on.year) - ExtractYear("employee__birth_date")
            - Case(When(birthday_to_come, then=Value(1)), default=Value(0), output_field=IntegerField()))


CUBE_COLUMNS = ["sex", "age_band", "education", "service_band", "rank", "group", "category", "count", "age_sum"]


GROUPING_WORK_MEM = "64MB"


@contextmanager
def _memory_to_group_in() -> Iterator[None]:
    """On PostgreSQL, room for the people query to group in a hash table: the planner cannot know
    that the bands computed by ``CASE`` take a handful of values, expects a group per person and,
    with the default 4 MB, sorts every row on disk instead (twice as slow at 100,000 people).
    ``SET LOCAL`` lasts until the end of the (possibly enclosing) transaction only."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL work_mem = '{GROUPING_WORK_MEM}'")
        yield


def composition_cube(scope: CompositionScope, *, on: datetime.date, by_organization: bool = False) -> pd.DataFrame:
    """People serving on ``on`` grouped by sex, age band, education, length-of-service band,
    qualification rank, position group and category (and ``organization`` when ``by_organization``,
    for the snapshots of every subtree at once): one row per combination present, with ``count``
    and ``age_sum`` (the sum of their ages, for averages). One query."""
    extra = ["organization"] if by_organization else []
    rows = (
        primary_assignments_on(scope, on=on)
        .annotate(
            r_sex=F("employee__sex"),
            r_age_band=_band_case("employee__birth_date", AGE_BANDS, on, "18-29"),
            r_education=F("employee__education_level"),
            r_service_band=_band_case("employee__civil_service_start", SERVICE_BANDS, on, UNKNOWN),
            r_rank=F("employee__qualification_rank_id"),
            r_group=F("staff_position__group"),
            r_category=F("staff_position__category_id"),
        )
        .values("r_sex", "r_age_band", "r_education", "r_service_band", "r_rank", "r_group", "r_category", *extra)
        .annotate(count=Count("pk"), age_sum=Sum(_age_on(on)))
    )
    with _memory_to_group_in():
        frame = pd.DataFrame.from_records(list(rows))
    if frame.empty:
        return pd.DataFrame(columns=CUBE_COLUMNS + extra)
    frame = frame.rename(columns=lambda name: name.removeprefix("r_"))
    # A band outside the ones above: the default of the Case is the youngest band, so only a
    # missing civil-service start is "unknown".
    frame["education"] = frame["education"].replace("", UNKNOWN).fillna(UNKNOWN)
    frame["rank"] = frame["rank"].map(lambda pk: NO_RANK if pk is None or pd.isna(pk) else str(int(pk)))
    frame["category"] = frame["category"].astype(int).astype(str)
    frame["age_sum"] = frame["age_sum"].fillna(0).astype(int)
    return frame[CUBE_COLUMNS + extra]


def composition_organizations(scope: CompositionScope, *, on: datetime.date, by_organization: bool = False
                              ) -> pd.DataFrame:
    """People serving on ``on`` by the region and level of their organisation (``count``; with
    ``organization`` when ``by_organization``). One query over the assignments alone, grouped by
    organisation (no join: the cost of the whole composition is the people query), then the
    region and level of the few hundred organisations found."""
    rows = primary_assignments_on(scope, on=on).values("organization").annotate(count=Count("pk"))
    frame = pd.DataFrame.from_records(list(rows), columns=["organization", "count"])
    columns = ["region", "level", "count", *(["organization"] if by_organization else [])]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    attributes = pd.DataFrame.from_records(
        list(Organization.objects.filter(pk__in=list(frame["organization"])).values_list("pk", "region_id", "level")),
        columns=["organization", "region", "level"])
    frame = frame.merge(attributes, on="organization", how="left")
    frame["region"] = frame["region"].fillna(UNKNOWN)
    return frame[columns]


def composition_units(scope: CompositionScope, *, on: datetime.date) -> tuple[Decimal, Decimal]:
    """(planned, filled) staff units of the active staff positions in ``scope`` on ``on``, filled
    counted as the staffing tables count them (every assignment, primary or not)."""
    return units_planned_and_filled(_positions(scope), on=on)


def _positions(scope: CompositionScope) -> QuerySet[StaffPosition]:
    queryset = StaffPosition.objects.filter(is_active=True)
    if not scope.everything:
        queryset = scope_queryset(queryset, user=scope.user, roles=scope.roles)
    if scope.organization is not None:
        queryset = queryset.filter(organization__path__startswith=scope.organization.path)
    if scope.region:
        queryset = queryset.filter(organization__region_id=scope.region)
    if scope.group:
        queryset = queryset.filter(group=scope.group)
    return queryset


@dataclass
class Cell:
    key: str
    label: str
    count: int
    average_age: float | None = None
    filters: dict[str, str] = field(default_factory=dict)


@dataclass
class Composition:
    """The composition on ``on``: totals and every breakdown (lists of :class:`Cell` in a fixed order)."""

    on: datetime.date
    headcount: int
    staff_units_planned: Decimal
    staff_units_filled: Decimal
    breakdowns: dict[str, list[Cell]]
    women_in_management: int
    management: int
    average_age: float | None
    # category key -> position group: the group breakdown adds up the category one (for the
    # small-cell rule, which must suppress the two together).
    category_groups: dict[str, str] = field(default_factory=dict)

    @property
    def vacancy_rate(self) -> float:
        if not self.staff_units_planned:
            return 0.0
        vacant = max(self.staff_units_planned - self.staff_units_filled, Decimal("0"))
        return round(float(vacant / self.staff_units_planned), 4)

    @property
    def women_in_management_share(self) -> float | None:
        return round(self.women_in_management / self.management, 4) if self.management else None


BREAKDOWN_LABELS = {
    "by_sex": _("Sex"),
    "by_age_band": _("Age"),
    "by_oecd_age_band": _("Age (OECD bands)"),
    "by_education": _("Education"),
    "by_service_band": _("Years in the civil service"),
    "by_rank": _("Qualification rank"),
    "by_group": _("Position group"),
    "by_category": _("Position category"),
    "by_region": _("Region"),
    "by_level": _("Organisation level"),
}


Sums = dict[Any, tuple[int, int | None]]
"""A breakdown's aggregated rows: key -> (people, sum of their ages; None where not counted)."""


def _sums(frame: pd.DataFrame, column: str) -> Sums:
    """key -> (people, sum of ages or None when the frame has no ages)."""
    if frame.empty:
        return {}
    if "age_sum" not in frame:
        grouped = frame.groupby(column, sort=False)["count"].sum()
        return {key: (int(count), None) for key, count in grouped.items()}
    grouped = frame.groupby(column, sort=False)[["count", "age_sum"]].sum()
    return {key: (int(count), int(ages)) for key, count, ages in zip(grouped.index, grouped["count"],
                                                                      grouped["age_sum"], strict=True)}


def _sums_by_subtree(frame: pd.DataFrame, column: str) -> dict[int, Sums]:
    """:func:`_sums` of every subtree at once (``frame`` exploded with a ``subtree`` column)."""
    result: dict[int, Sums] = {}
    if frame.empty:
        return result
    if "age_sum" not in frame:
        for (subtree, key), count in frame.groupby(["subtree", column], sort=False)["count"].sum().items():
            result.setdefault(int(subtree), {})[key] = (int(count), None)
        return result
    grouped = frame.groupby(["subtree", column], sort=False)[["count", "age_sum"]].sum()
    for (subtree, key), count, ages in zip(grouped.index, grouped["count"], grouped["age_sum"], strict=True):
        result.setdefault(int(subtree), {})[key] = (int(count), int(ages))
    return result


# name -> (frame: "cube" or "orgs", column, filter of the employee list, keep empty cells)
BREAKDOWNS: dict[str, tuple[str, str, str, bool]] = {
    "by_sex": ("cube", "sex", "sex", True),
    "by_age_band": ("cube", "age_band", "age_band", True),
    "by_oecd_age_band": ("cube", "age_band", "age_band", True),
    "by_education": ("cube", "education", "education_level", True),
    "by_service_band": ("cube", "service_band", "service_band", True),
    "by_rank": ("cube", "rank", "rank", False),
    "by_group": ("cube", "group", "group", True),
    "by_category": ("cube", "category", "category", False),
    "by_region": ("orgs", "region", "region", False),
    "by_level": ("orgs", "level", "level", True),
}
# Breakdowns that share a column (and so one aggregation) with another.
SHARED_COLUMNS = {"by_oecd_age_band": "by_age_band"}


def _orders(references: dict[str, list]) -> dict[str, list[tuple[Any, Any]]]:
    return {
        "by_sex": Sex.choices,
        "by_age_band": [(key, key) for key in AGE_BANDS],
        "by_oecd_age_band": [(key, key) for key in OECD_AGE_BANDS],
        "by_education": [*EducationLevel.choices, (UNKNOWN, _("Not stated"))],
        "by_service_band": [*((key, key) for key in SERVICE_BANDS), (UNKNOWN, _("Not stated"))],
        "by_rank": references["ranks"],
        "by_group": PositionGroup.choices,
        "by_category": references["categories"],
        "by_region": references["regions"],
        "by_level": OrganizationLevel.choices,
    }


def _oecd(sums: Sums) -> Sums:
    merged: Sums = {}
    for oecd, bands in OECD_AGE_BANDS.items():
        parts = [sums[band] for band in bands if band in sums]
        if parts:
            merged[oecd] = (sum(p[0] for p in parts), sum(p[1] for p in parts))
    return merged


def _cells(sums: Sums, order: Iterable[tuple[Any, Any]], filter_name: str, *, keep_empty: bool) -> list[Cell]:
    cells = []
    for key, label in order:
        count, ages = sums.get(key, (0, None))
        if not count and not keep_empty:
            continue
        cells.append(Cell(key=str(key), label=str(label), count=count,
                          average_age=round(ages / count, 1) if count and ages is not None else None,
                          filters={filter_name: str(key)} if key not in (UNKNOWN, NO_RANK) else {}))
    return cells


def _assemble(sums: dict[str, Sums], *, women_in_management: int, on: datetime.date, planned: Decimal,
              filled: Decimal, orders: dict[str, list]) -> Composition:
    breakdowns = {}
    for name, (_frame, _column, filter_name, keep_empty) in BREAKDOWNS.items():
        source = sums[SHARED_COLUMNS.get(name, name)]
        if name == "by_oecd_age_band":
            source = _oecd(source)
        breakdowns[name] = _cells(source, orders[name], filter_name, keep_empty=keep_empty)
    headcount = sum(count for count, _ages in sums["by_sex"].values())
    ages = sum(total for _count, total in sums["by_sex"].values())
    return Composition(
        on=on, headcount=headcount, staff_units_planned=planned, staff_units_filled=filled, breakdowns=breakdowns,
        management=sums["by_group"].get(PositionGroup.MANAGEMENT, (0, 0))[0],
        women_in_management=women_in_management,
        average_age=round(ages / headcount, 1) if headcount else None,
    )


def composition_on(scope: CompositionScope, *, on: datetime.date) -> Composition:
    """The whole composition on ``on`` (four aggregate queries plus three small reference reads)."""
    planned, filled = composition_units(scope, on=on)
    return composition_from(composition_cube(scope, on=on), composition_organizations(scope, on=on),
                            planned=planned, filled=filled, on=on)


def composition_from(cube: pd.DataFrame, orgs: pd.DataFrame, *, planned: Decimal, filled: Decimal,
                     on: datetime.date, references: dict[str, list] | None = None) -> Composition:
    """The composition from the aggregated frames (:func:`composition_cube`,
    :func:`composition_organizations`): pandas on aggregated rows only."""
    frames = {"cube": cube, "orgs": orgs}
    sums = {name: _sums(frames[source], column) for name, (source, column, _f, _k) in BREAKDOWNS.items()
            if name not in SHARED_COLUMNS}
    management = cube[(cube["group"] == PositionGroup.MANAGEMENT) & (cube["sex"] == Sex.FEMALE)] \
        if not cube.empty else cube
    composition = _assemble(sums, women_in_management=int(management["count"].sum()) if not management.empty
                            else 0, on=on, planned=planned, filled=filled,
                            orders=_orders(references or composition_references()))
    if not cube.empty:
        composition.category_groups = dict(cube.drop_duplicates("category")[["category", "group"]].values)
    return composition


def compositions_by_subtree(cube: pd.DataFrame, orgs: pd.DataFrame, units: pd.DataFrame, *, on: datetime.date,
                            ancestry: dict[int, list[int]], references: dict[str, list]) -> dict[int, Composition]:
    """The composition of every organisation's subtree on ``on`` from frames grouped by organisation
    (``by_organization=True`` and :func:`composition_units_by_organization`): each row is counted in
    its organisation and every ancestor (one ``groupby`` per breakdown for all subtrees)."""

    def exploded(frame: pd.DataFrame) -> pd.DataFrame:
        if frame.empty:
            return frame.assign(subtree=pd.Series(dtype=int))
        return frame.assign(subtree=frame["organization"].map(
            lambda pk: ancestry.get(int(pk), [int(pk)]))).explode("subtree")

    frames = {"cube": exploded(cube), "orgs": exploded(orgs)}
    sums = {name: _sums_by_subtree(frames[source], column) for name, (source, column, _f, _k) in BREAKDOWNS.items()
            if name not in SHARED_COLUMNS}
    cube_x = frames["cube"]
    women = cube_x[(cube_x["group"] == PositionGroup.MANAGEMENT) & (cube_x["sex"] == Sex.FEMALE)] \
        .groupby("subtree")["count"].sum().to_dict() if not cube_x.empty else {}
    units_x = exploded(units)
    planned = units_x.groupby("subtree")["planned"].sum().to_dict() if not units_x.empty else {}
    filled = units_x.groupby("subtree")["filled"].sum().to_dict() if not units_x.empty else {}
    orders = _orders(references)
    zero = Decimal("0.00")
    return {pk: _assemble({name: by_subtree.get(pk, {}) for name, by_subtree in sums.items()},
                          women_in_management=int(women.get(pk, 0)), on=on,
                          planned=Decimal(planned.get(pk, zero)).quantize(zero),
                          filled=Decimal(filled.get(pk, zero)).quantize(zero), orders=orders)
            for pk in ancestry}


def composition_references() -> dict[str, list]:
    """(key, name) of the categories, ranks and regions, in their order (three small reads)."""
    return {
        "categories": [(str(c.pk), c.name) for c in PositionCategory.objects.all()],
        "ranks": [(str(r.pk), r.name) for r in QualificationRank.objects.all()] + [(NO_RANK, _("No rank"))],
        "regions": [(r.pk, r.name) for r in Region.objects.all()] + [(UNKNOWN, _("Not stated"))],
    }


def composition_units_by_organization(*, on: datetime.date) -> pd.DataFrame:
    """Planned and filled units of every organisation's own active positions on ``on`` (``organization``,
    ``planned``, ``filled``), for the snapshots: subtrees add them up."""
    positions = StaffPosition.objects.filter(is_active=True).order_by()
    planned = positions.values("organization").annotate(planned=Sum("rate_units"))
    filled = (Assignment.objects.filter(_held_on(on), staff_position__is_active=True).order_by()
              .values(position_org=F("staff_position__organization")).annotate(filled=Sum("rate")))
    frame = pd.DataFrame.from_records(list(planned), columns=["organization", "planned"])
    filled_frame = pd.DataFrame.from_records(list(filled), columns=["position_org", "filled"]).rename(
        columns={"position_org": "organization"})
    return frame.merge(filled_frame, on="organization", how="outer").fillna(Decimal("0"))


def organization_ancestry() -> dict[int, list[int]]:
    """Every organisation's id -> the ids of itself and its ancestors (from the tree paths), so that
    figures grouped by organisation roll up every subtree at once."""
    return {pk: [int(part) for part in path.strip("/").split("/") if part]
            for pk, path in Organization.objects.values_list("pk", "path")}


def organization_codes(*, user: Any, roles: Iterable[str] = ANALYTICS_ROLES) -> dict[int, str]:
    """id -> code of the organisations in the user's scope (the reports name organisations by code)."""
    return dict(scope_queryset(Organization.objects.all(), user=user, roles=roles, org_field="pk")
                .order_by().values_list("pk", "code"))


def composition_flows(scope: CompositionScope, *, date_from: datetime.date, date_to: datetime.date) -> dict[str, Any]:
    """Movements between ``date_from`` and ``date_to`` (inclusive), counted where they happened:
    hires, exits by dismissal ground, transfers, rotations and promotions (primary assignments
    started or ended by such orders), and turnover = exits / average headcount, the average of the
    headcounts on the first and the last day."""
    from ..services import DismissalReason  # the services import the selectors

    primary = scope.narrow(Assignment.objects.filter(is_primary=True)).order_by()
    started = (primary.filter(start_date__gte=date_from, start_date__lte=date_to)
               .values("start_kind").annotate(count=Count("pk")))
    by_kind = {row["start_kind"]: row["count"] for row in started}
    exits_rows = (primary.filter(end_date__gte=date_from, end_date__lte=date_to, end_kind__in=EXIT_KINDS,
                                 end_reason__in=DismissalReason.values)
                  .values("end_reason").annotate(count=Count("pk")))
    exits_by = {row["end_reason"]: row["count"] for row in exits_rows}
    exits = sum(exits_by.values())
    start_headcount = primary_assignments_on(scope, on=date_from).count()
    end_headcount = primary_assignments_on(scope, on=date_to).count()
    average = (start_headcount + end_headcount) / 2
    return {
        "date_from": date_from, "date_to": date_to,
        "hires": by_kind.get(OrderKind.HIRE, 0),
        **{name: by_kind.get(kind, 0) for name, kind in MOVE_KINDS.items()},
        "exits": exits,
        "exits_by_ground": [Cell(key=code, label=str(label), count=exits_by.get(code, 0))
                            for code, label in DismissalReason.choices],
        "headcount_start": start_headcount, "headcount_end": end_headcount,
        "average_headcount": average,
        "turnover": round(exits / average, 4) if average else 0.0,
    }
