"""Benchmark: the full workforce composition (every breakdown) of the whole service on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/anything \\
        .venv/bin/python bench/composition.py --employees 1000000 [--rounds 3] [--database hr_bench_composition]

Runs at two sizes, N and N/10, each measured in a process of its own (so that peak memory is per
size; data generation runs in a process before it and never counts) with its own database
(``<database>_<n>`` on the server of DATABASE_URL), generated like
``bench/employee_list.py`` (its generator: realistic ages, sexes, education, ranks, service starts,
~600 organisations, staffing tables, one primary assignment each). Per size it times, after a
warm-up, the median of ``--rounds`` runs of

- ``seconds``: ``workforce.selectors.composition_on`` for a national administrator (every
  breakdown: sex, age bands, OECD bands, education, service bands, rank, group, category, region,
  level, women in management, average ages, staff units and vacancy rate);
- ``sql_floor_seconds``: the same aggregates as hand-written SQL (one ``GROUPING SETS`` query over
  the same join plus the staff-units query), rows fetched, no ORM, no pandas.

Prints a JSON line per size, then last one JSON object: ``employees, seconds, sql_floor_seconds,
ratio, peak_rss_mb, seconds_at_tenth`` (and the same at the tenth under ``tenth``).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BENCH_DB = "hr_bench_composition"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=100_000)
    parser.add_argument("--database", default=BENCH_DB, help=f"database name prefix (default {BENCH_DB})")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--single", action="store_true", help="measure this size only (the child process)")
    parser.add_argument("--prepare", action="store_true",
                        help="with --single: only generate the data (its own process, so the generator's "
                             "memory never counts in the measured peak)")
    return parser.parse_args()


def floor_sql(on: datetime.date) -> tuple[str, list]:
    """The composition's aggregates written by hand: one pass over the join, every breakdown a grouping set."""
    from workforce.selectors.composition import AGE_BANDS, SERVICE_BANDS, years_before

    def band(column: str, bands: dict, default: str) -> tuple[str, list]:
        parts, params = [], []
        for key, (low, high) in bands.items():
            condition = f"{column} <= %s" if low else f"{column} IS NOT NULL"
            params += [years_before(on, low)] if low else []
            if high is not None:
                condition += f" AND {column} > %s"
                params.append(years_before(on, high + 1))
            parts.append(f"WHEN {condition} THEN '{key}'")
            # keys are our constants, not input
        return f"CASE {' '.join(parts)} ELSE '{default}' END", params

    age, age_params = band("e.birth_date", AGE_BANDS, "18-29")
    service, service_params = band("e.civil_service_start", SERVICE_BANDS, "unknown")
    age_years = ("(%s - EXTRACT(YEAR FROM e.birth_date)::int - CASE WHEN EXTRACT(MONTH FROM e.birth_date) > %s OR "
                 "(EXTRACT(MONTH FROM e.birth_date) = %s AND EXTRACT(DAY FROM e.birth_date) > %s) THEN 1 ELSE 0 END)")
    sql = f"""
        SELECT sex, age_band, education_level, service_band, rank_id, grp, category_id, region_id, level,
               GROUPING(sex, education_level, rank_id, grp, category_id, region_id, level) AS g,
               COUNT(*), SUM(age)
        FROM (
            SELECT e.sex, {age} AS age_band, e.education_level, {service} AS service_band,
                   e.qualification_rank_id AS rank_id, sp."group" AS grp, sp.category_id, o.region_id, o.level,
                   {age_years} AS age
            FROM workforce_assignment a
            JOIN workforce_employee e ON e.id = a.employee_id
            JOIN workforce_staffposition sp ON sp.id = a.staff_position_id
            JOIN workforce_organization o ON o.id = a.organization_id
            WHERE a.is_primary AND a.start_date <= %s AND (a.end_date IS NULL OR a.end_date >= %s)
        ) people
        GROUP BY GROUPING SETS ((sex), (age_band), (education_level), (service_band), (rank_id), (grp),
                                (category_id), (region_id), (level), (grp, sex))
    """
    params = [*age_params, *service_params, on.year, on.month, on.month, on.day, on, on]
    return sql, params


def floor_units_sql(on: datetime.date) -> tuple[str, list]:
    return ("""SELECT (SELECT SUM(rate_units) FROM workforce_staffposition WHERE is_active),
                      (SELECT SUM(a.rate) FROM workforce_assignment a JOIN workforce_staffposition sp
                         ON sp.id = a.staff_position_id
                       WHERE sp.is_active AND a.start_date <= %s AND (a.end_date IS NULL OR a.end_date >= %s))""",
            [on, on])


def measure(args: argparse.Namespace) -> dict:
    from bench.employee_list import bench_database_url, ensure_database, generate, generated_n, setup_django

    base_url = os.environ.get("DATABASE_URL", "")
    name = f"{args.database}_{args.employees}"
    ensure_database(base_url, name)
    setup_django(bench_database_url(base_url, name))
    from django.core.management import call_command
    from django.db import connection

    from workforce.selectors import CompositionScope, composition_on

    call_command("migrate", verbosity=0)
    if generated_n(connection) != args.employees:
        print(f"generating {args.employees} employees…", file=sys.stderr, flush=True)
        generate(connection, args.employees, args.seed)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    if args.prepare:
        return {"employees": args.employees, "prepared": True}
    on = datetime.date.today()
    with connection.cursor() as cursor:  # the floor gets the room the selector asks for (SET LOCAL) too
        cursor.execute("SET work_mem = '64MB'")
    operator = SimpleNamespace(pk=None, is_authenticated=True, is_active=True, is_superuser=True, _wf_role_grants=[])
    scope = CompositionScope(user=operator)

    def ours():
        return composition_on(scope, on=on)

    def floor():
        with connection.cursor() as cursor:
            cursor.execute(*floor_sql(on))
            rows = cursor.fetchall()
            cursor.execute(*floor_units_sql(on))
            return rows, cursor.fetchone()

    result = ours()
    rows, _units = floor()  # warm-up both
    floor_headcount = sum(row[10] for row in rows if row[0] is not None and row[9] == 0b0111111)
    assert result.headcount == floor_headcount, (result.headcount, floor_headcount)

    def timed(function) -> float:
        times = []
        for _ in range(args.rounds):
            started = time.perf_counter()
            function()
            times.append(time.perf_counter() - started)
        return statistics.median(times)

    seconds, floor_seconds = timed(ours), timed(floor)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"employees": args.employees, "headcount": result.headcount, "seconds": round(seconds, 3),
            "sql_floor_seconds": round(floor_seconds, 3), "ratio": round(seconds / floor_seconds, 2),
            "peak_rss_mb": round(peak, 1)}


def main() -> None:
    args = parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        sys.exit("DATABASE_URL must point to PostgreSQL (the bench creates its own databases there).")
    if args.single:
        print(json.dumps(measure(args)), flush=True)
        return
    results = {}
    for n in (args.employees // 10, args.employees):
        command = [sys.executable, __file__, "--single", "--employees", str(n), "--database", args.database,
                   "--rounds", str(args.rounds), "--seed", str(args.seed)]
        prepared = subprocess.run([*command, "--prepare"], check=True, capture_output=True, text=True, cwd=ROOT)
        sys.stderr.write(prepared.stderr)
        output = subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT)
        sys.stderr.write(output.stderr)
        line = output.stdout.strip().splitlines()[-1]
        print(line, flush=True)
        results[n] = json.loads(line)
    full, tenth = results[args.employees], results[args.employees // 10]
    print(json.dumps({**{key: full[key] for key in ("employees", "seconds", "sql_floor_seconds", "ratio",
                                                     "peak_rss_mb")},
                      "seconds_at_tenth": tenth["seconds"], "tenth": tenth}))


if __name__ == "__main__":
    main()
