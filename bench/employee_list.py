"""Benchmark: the employee list (API and page) over N employees on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/anything \\
        .venv/bin/python bench/employee_list.py --employees 1000000 [--rounds 3] [--explain]

Uses its own database (``hr_bench_list`` on the server of DATABASE_URL, or ``--database``), migrates
it, and generates N employees with COPY: valid PINFLs, Uzbek names (a share with Cyrillic and
Russian spellings), realistic ages, sexes and education, spread over ~600 organisations in a tree
with staffing tables and one primary assignment each (open, except for the dismissed). ``search_text``
is computed by ``workforce.search.employee_search_text``. Generation is skipped when the database
already holds this N (same generator version). Then VACUUM ANALYZE, a warm-up round and timed
rounds (at least 200 requests) of representative requests through Django's test client, for an HR
officer of one ministry subtree and for a national administrator, against ``/api/v1/employees/`` and
the page ``/workforce/employees/`` (timed only when it answers 200). Before timing, the process's
long-lived objects are frozen out of the garbage collector (``gc.freeze()``, as a pre-forked server
does), so that a full collection of the whole Django process does not land inside a timed request.

The last line printed is one JSON object: ``{"employees": N, "p95_ms": ..., "p50_ms": ..., per endpoint
and per user keys, "requests": ...}``.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import json
import os
import random
import statistics
import sys
import time
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GENERATOR_VERSION = 5
BENCH_DB = "hr_bench_list"
MINISTRIES = [
    # code, uz name, ru name, en name, size weight
    ("SQ", "Soliq qoʻmitasi", "Налоговый комитет", "Tax Committee", 3.0),
    ("IMV", "Iqtisodiyot va moliya vazirligi", "Министерство экономики и финансов", "Ministry of Economy and Finance", 2.2),
    ("BQ", "Bojxona qoʻmitasi", "Таможенный комитет", "Customs Committee", 1.8),
    ("AV", "Adliya vazirligi", "Министерство юстиции", "Ministry of Justice", 1.5),
    ("SSV", "Sogʻliqni saqlash vazirligi", "Министерство здравоохранения", "Ministry of Health", 1.2),
    ("MMTV", "Maktabgacha va maktab taʼlimi vazirligi", "Министерство дошкольного и школьного образования", "Ministry of Preschool and School Education", 1.0),
    ("OTFIV", "Oliy taʼlim, fan va innovatsiyalar vazirligi", "Министерство высшего образования, науки и инноваций", "Ministry of Higher Education, Science and Innovation", 1.0),
    ("QXV", "Qishloq xoʻjaligi vazirligi", "Министерство сельского хозяйства", "Ministry of Agriculture", 1.0),
    ("BKQV", "Bandlik va kambagʻallikni qisqartirish vazirligi", "Министерство занятости и сокращения бедности", "Ministry of Employment and Poverty Reduction", 1.0),
    ("RTV", "Raqamli texnologiyalar vazirligi", "Министерство цифровых технологий", "Ministry of Digital Technologies", 0.8),
    ("TRV", "Transport vazirligi", "Министерство транспорта", "Ministry of Transport", 0.8),
    ("EV", "Energetika vazirligi", "Министерство энергетики", "Ministry of Energy", 0.8),
    ("QV", "Qurilish vazirligi", "Министерство строительства", "Ministry of Construction", 0.8),
    ("EKV", "Ekologiya vazirligi", "Министерство экологии", "Ministry of Ecology", 0.7),
    ("MV", "Madaniyat vazirligi", "Министерство культуры", "Ministry of Culture", 0.6),
    ("SV", "Sport vazirligi", "Министерство спорта", "Ministry of Sport", 0.5),
]
REGION_NAMES = {  # SOATO -> (uz, ru) stem used in unit names
    "1735": ("Qoraqalpogʻiston", "Каракалпакстана"), "1703": ("Andijon", "Андижанской области"),
    "1706": ("Buxoro", "Бухарской области"), "1708": ("Jizzax", "Джизакской области"),
    "1710": ("Qashqadaryo", "Кашкадарьинской области"), "1712": ("Navoiy", "Навоийской области"),
    "1714": ("Namangan", "Наманганской области"), "1718": ("Samarqand", "Самаркандской области"),
    "1722": ("Surxondaryo", "Сурхандарьинской области"), "1724": ("Sirdaryo", "Сырдарьинской области"),
    "1727": ("Toshkent viloyati", "Ташкентской области"), "1726": ("Toshkent shahri", "города Ташкента"),
    "1730": ("Fargʻona", "Ферганской области"), "1733": ("Xorazm", "Хорезмской области"),
}
MIN_TIMED = 200
HR_MINISTRY = "SQ"  # the HR officer's subtree: the biggest body (~15 % of all employees)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=100_000)
    parser.add_argument("--database", default=BENCH_DB, help=f"database name (default {BENCH_DB})")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds over the request set (default 3)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--regenerate", action="store_true", help="generate even when the data is there")
    parser.add_argument("--explain", action="store_true", help="print EXPLAIN ANALYZE of each request's queries")
    return parser.parse_args()


def bench_database_url(base_url: str, name: str) -> str:
    parts = urlsplit(base_url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


def ensure_database(base_url: str, name: str) -> None:
    import psycopg

    admin_url = bench_database_url(base_url, "postgres").replace("postgres://", "postgresql://", 1)
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
            print(f"created database {name}", flush=True)


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    os.environ["ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"
    os.environ.pop("REDIS_URL", None)
    os.environ.pop("CELERY_BROKER_URL", None)
    import django

    django.setup()


# --- data generation ---------------------------------------------------------------------------

def generated_n(connection) -> int | None:
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS bench_employee_list_meta (employees bigint, version int)")
        cursor.execute("SELECT employees, version FROM bench_employee_list_meta")
        row = cursor.fetchone()
    if row and row[1] == GENERATOR_VERSION:
        return row[0]
    return None


def copy_rows(connection, model, rows) -> int:
    """COPY ``rows`` (dicts keyed by column) into ``model``'s table; missing columns get the field default."""
    fields = model._meta.concrete_fields
    columns = [f.column for f in fields]
    defaults = {}
    for f in fields:
        default = f.get_default() if f.has_default() else None
        if isinstance(default, list | dict):
            default = json.dumps(default)
        defaults[f.column] = default
    now = datetime.datetime.now(datetime.UTC)
    for name in ("created_at", "updated_at"):
        if name in defaults:
            defaults[name] = now
    count = 0
    sql = f"COPY {connection.ops.quote_name(model._meta.db_table)} ({', '.join(connection.ops.quote_name(c) for c in columns)}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row([row[c] if c in row else defaults[c] for c in columns])
            count += 1
    return count


def secondary_indexes(connection, table: str) -> list[tuple[str, str]]:
    """(name, definition) of the table's indexes that no constraint owns."""
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i
               WHERE i.indrelid = %s::regclass AND NOT i.indisprimary
                 AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)""",
            [table],
        )
        return cursor.fetchall()


def generate(connection, n: int, seed: int) -> None:
    from django.db import transaction

    from workforce.demo.people import PinflAllocator, make_person, staffing_plan, vacant_units
    from workforce.models import (
        Assignment,
        Employee,
        EmployeeStatus,
        Organization,
        PositionCategory,
        QualificationRank,
        StaffPosition,
    )
    from workforce.search import employee_search_text

    rng = random.Random(seed)
    started = time.monotonic()
    as_of = datetime.date.today()
    tables = [Employee, Assignment, StaffPosition, Organization]
    with connection.cursor() as cursor:
        names = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in tables)
        cursor.execute(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
        cursor.execute("TRUNCATE bench_employee_list_meta")
    # Loading is much faster without the secondary indexes; their definitions are kept in a table
    # until rebuilt, so an interrupted run still gets them back on the next one.
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS bench_dropped_indexes (name text PRIMARY KEY, definition text)")
        for model in (Employee, Assignment):
            for name, definition in secondary_indexes(connection, model._meta.db_table):
                cursor.execute("INSERT INTO bench_dropped_indexes VALUES (%s, %s) ON CONFLICT DO NOTHING",
                               [name, definition])
                cursor.execute(f"DROP INDEX {name}")
        cursor.execute("SELECT name, definition FROM bench_dropped_indexes ORDER BY name")
        dropped: list[tuple[str, str]] = cursor.fetchall()

    # Organisation tree: the Cabinet, 16 bodies, a department in most regions, districts below.
    soatos = list(REGION_NAMES)
    orgs: list[dict] = []
    weights: dict[int, float] = {}
    next_id = iter(range(1, 10**6))

    def add_org(code, parent, level, soato, uz, ru, en, weight):
        org_id = next(next_id)
        path = f"{parent['path'] if parent else '/'}{org_id}/"
        org = {"id": org_id, "code": code, "parent_id": parent["id"] if parent else None, "level": level,
               "region_id": soato, "path": path, "depth": path.count("/") - 2, "name_uz": uz, "name_ru": ru,
               "name_en": en, "is_active": True, "search_text": code.lower()}
        orgs.append(org)
        if weight:
            weights[org_id] = weight
        return org

    root = add_org("VM", None, "national", "1726", "Vazirlar Mahkamasi", "Кабинет Министров", "Cabinet of Ministers", 0)
    for code, uz, ru, en, size in MINISTRIES:
        ministry = add_org(code, root, "republican", "1726", uz, ru, en, 22 * size)
        for soato in rng.sample(soatos, rng.randint(10, 14)):
            region_uz, region_ru = REGION_NAMES[soato]
            dept = add_org(f"{code}-{soato}", ministry, "territorial", soato, f"{region_uz} {uz.split()[0]} boshqarmasi",
                           f"Управление {ru.split()[0].lower()} {region_ru}", f"{en} — {region_uz} department", 4 * size)
            for k in range(rng.randint(1, 3)):
                add_org(f"{code}-{soato}-{k + 1}", dept, "district", soato, f"{region_uz} {k + 1}-tuman boʻlimi",
                        f"Районный отдел {k + 1} ({region_ru})", f"{region_uz} district office {k + 1}", 1.5 * size)
    copy_rows(connection, Organization, orgs)
    total_weight = sum(weights.values())
    headcounts = {org_id: int(n * w / total_weight) for org_id, w in weights.items()}
    shortfall = n - sum(headcounts.values())
    for org_id in sorted(weights, key=weights.get, reverse=True)[:shortfall]:
        headcounts[org_id] += 1

    categories = {c.code: c.pk for c in PositionCategory.objects.all()}
    ranks = {r.ordering: r.pk for r in QualificationRank.objects.all()}
    allocator = PinflAllocator()
    assignments_rows: list[dict] = []
    position_id = iter(range(1, 10**9))
    employee_id = iter(range(1, 10**9))
    org_by_id = {o["id"]: o for o in orgs}
    search_cache: dict[tuple, str] = {}

    # Every post of every staffing table first, then people in a shuffled order: rows end up in
    # the table in no particular order of organisation or name, as after years of hires.
    slots: list[tuple[int, int, str]] = []  # (organisation, staff position, category)
    specs = {}
    for org_id, headcount in headcounts.items():
        for spec in staffing_plan(rng, headcount=headcount, political_head=org_by_id[org_id]["level"] == "republican"):
            sp_id = next(position_id)
            specs[sp_id] = (org_id, spec)
            slots.extend([(org_id, sp_id, spec.category)] * spec.holders)
    rng.shuffle(slots)
    filled: dict[int, int] = defaultdict(int)

    def employee_rows():
        for org_id, sp_id, category in slots:
            person = make_person(rng, category=category, as_of=as_of)
            emp_id = next(employee_id)
            names = person.names
            key = tuple(names.values())
            search_text = search_cache.get(key)
            if search_text is None:
                search_text = search_cache[key] = employee_search_text(**names)
            tenure_days = max(0, (as_of - person.civil_service_start).days)
            hired_on = as_of - datetime.timedelta(days=int(tenure_days * rng.random() ** 1.5))
            roll = rng.random()
            status = (EmployeeStatus.DISMISSED if roll < 0.02 else
                      EmployeeStatus.ON_LEAVE if roll < 0.05 else EmployeeStatus.ACTIVE)
            end_date = None
            if status == EmployeeStatus.DISMISSED:
                end_date = min(as_of, hired_on + datetime.timedelta(days=rng.randint(30, 900)))
            else:
                filled[sp_id] += 1
            yield {
                "id": emp_id, "pinfl": allocator.allocate(person.birth_date, person.sex, 100 + org_id % 800),
                **names, "birth_date": person.birth_date, "sex": person.sex,
                "passport": f"A{'ABCDEFGHK'[emp_id % 9]}{emp_id % 10_000_000:07d}",
                "phone": f"+99890{emp_id % 10_000_000:07d}", "languages": json.dumps(person.languages),
                "qualification_rank_id": ranks.get(person.rank_order) if person.rank_order else None,
                "civil_service_start": person.civil_service_start, "status": status,
                "organization_id": org_id, "staff_position_id": None if end_date else sp_id,
                "hired_on": hired_on, "education_level": person.education_level, "search_text": search_text,
            }
            assignments_rows.append({
                "id": emp_id, "employee_id": emp_id, "staff_position_id": sp_id, "organization_id": org_id,
                "rate": Decimal("1.00"), "is_primary": True, "start_date": hired_on, "end_date": end_date,
                "start_kind": "hire", "end_kind": "dismissal" if end_date else "",
                "contract_type": "indefinite", "end_reason": "own_request" if end_date else "",
            })

    def position_rows():
        for sp_id, (org_id, spec) in specs.items():
            yield {
                "id": sp_id, "organization_id": org_id, "code": spec.code, "group": spec.group,
                "category_id": categories[spec.category], "name_uz": spec.name_uz,
                "name_uz_cyrl": spec.name_uz_cyrl, "name_ru": spec.name_ru, "name_en": spec.name_en,
                "rate_units": Decimal(filled[sp_id] + vacant_units(rng, filled[sp_id])),
                "salary_grade": spec.salary_grade, "is_active": True,
            }

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")  # no FK triggers while loading
        count = copy_rows(connection, Employee, employee_rows())
        print(f"  employees copied: {count} ({time.monotonic() - started:.0f} s)", flush=True)
        positions = copy_rows(connection, StaffPosition, position_rows())
        copy_rows(connection, Assignment, assignments_rows)
        print(f"  staff positions {positions}, assignments {len(assignments_rows)} "
              f"({time.monotonic() - started:.0f} s)", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '512MB'")
        for name, definition in dropped:
            cursor.execute(definition)
            cursor.execute("DELETE FROM bench_dropped_indexes WHERE name = %s", [name])
            print(f"  index {name} rebuilt ({time.monotonic() - started:.0f} s)", flush=True)
        from django.core.management.color import no_style

        for sql in connection.ops.sequence_reset_sql(no_style(), tables):
            cursor.execute(sql)
        cursor.execute("INSERT INTO bench_employee_list_meta VALUES (%s, %s)", [n, GENERATOR_VERSION])
    print(f"generated {n} employees in {time.monotonic() - started:.0f} s", flush=True)


def bench_users():
    from django.contrib.auth import get_user_model

    from workforce.models import Organization, Role, RoleGrant

    User = get_user_model()
    hr, _ = User.objects.get_or_create(username="bench.hr", defaults={"first_name": "Bench", "last_name": "HR"})
    admin, _ = User.objects.get_or_create(username="bench.admin", defaults={"first_name": "Bench", "last_name": "Admin"})
    RoleGrant.objects.filter(user__in=[hr, admin]).delete()
    RoleGrant.objects.create(user=hr, role=Role.HR_OFFICER, organization=Organization.objects.get(code=HR_MINISTRY))
    RoleGrant.objects.create(user=admin, role=Role.ADMIN, organization=None)
    return {"hr": hr, "admin": admin}


# --- requests ----------------------------------------------------------------------------------

def request_set(users) -> list[tuple[str, str, dict[str, str]]]:
    """(user key, label, query) — the same filters for both users."""
    from workforce.models import Employee, Organization, PositionCategory

    ministry = Organization.objects.get(code=HR_MINISTRY)
    in_scope = Employee.objects.filter(organization__path__startswith=ministry.path)
    sample = in_scope.filter(status="active").order_by("id")[1234:1235].get()
    russian = in_scope.exclude(last_name_cyrl="").filter(last_name_cyrl__startswith="Дж").order_by("id").first()
    m4 = PositionCategory.objects.get(code="M-4").pk
    queries: list[tuple[str, dict[str, str]]] = [
        ("all p1", {}),
        ("all p20", {"page": "20"}),
        ("surname latin", {"q": "Karimov"}),
        ("surname latin p20", {"q": "Karimova", "page": "20"}),
        ("surname cyrillic", {"q": "Тошматов"}),
        ("surname russian", {"q": russian.last_name_cyrl if russian else "Джураев"}),
        ("apostrophe ascii", {"q": "G'ulomov"}),
        ("apostrophe u2018", {"q": "G‘ulomova"}),
        ("apostrophe okina", {"q": "Yoʻldoshev"}),
        ("two words", {"q": f"{sample.last_name} {sample.first_name}"}),
        ("short prefix", {"q": "Yu"}),
        ("pinfl", {"q": sample.pinfl}),
        ("sex F p20", {"sex": "F", "page": "20"}),
        ("age 55-59", {"age_band": "55-59"}),
        ("education phd", {"education_level": "phd"}),
        ("region samarqand", {"region": "1718"}),
        ("category M-4", {"category": str(m4)}),
        ("status on_leave", {"status": "on_leave"}),
        ("hired 2015-2018 p20", {"hired_from": "2015-01-01", "hired_to": "2018-12-31", "page": "20"}),
        ("sort -birth_date", {"ordering": "-birth_date"}),
        ("sort hired_on p20", {"ordering": "hired_on", "page": "20"}),
        ("combo F 25-34 master", {"sex": "F", "age_band": "25-34", "education_level": "master"}),
        ("combo search+region+sex", {"q": "Rahimova", "region": "1726", "sex": "F"}),
        ("combo short+age p2", {"q": "Ka", "age_band": "35-44", "page": "2"}),
    ]
    return [(user, label, dict(query)) for user in users for label, query in queries]


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


def main() -> None:
    args = parse_args()
    base_url = os.environ.get("DATABASE_URL", "")
    if not base_url.startswith(("postgres://", "postgresql://")):
        sys.exit("DATABASE_URL must point to PostgreSQL (the bench creates its own database there).")
    ensure_database(base_url, args.database)
    setup_django(bench_database_url(base_url, args.database))

    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    call_command("migrate", verbosity=0)
    if args.regenerate or generated_n(connection) != args.employees:
        print(f"generating {args.employees} employees…", flush=True)
        generate(connection, args.employees, args.seed)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    else:
        print(f"{args.employees} employees already generated; skipping generation", flush=True)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    users = bench_users()
    clients = {}
    for key, user in users.items():
        client = Client(HTTP_ACCEPT_LANGUAGE="uz")
        client.force_login(user)
        clients[key] = client
    requests = request_set(list(users))
    endpoints = {"api": "/api/v1/employees/", "page": "/workforce/employees/"}
    probe = clients["hr"].get(endpoints["page"])
    if probe.status_code != 200:
        print(f"page {endpoints['page']} answers {probe.status_code}: timing the API only", flush=True)
        del endpoints["page"]

    def run(endpoint: str, user: str, query: dict[str, str]):
        url = f"{endpoints[endpoint]}?{urlencode(query)}" if query else endpoints[endpoint]
        started = time.perf_counter()
        response = clients[user].get(url)
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            raise SystemExit(f"{url} as {user}: HTTP {response.status_code}")
        return elapsed, response

    # Warm-up: every request once; print what each returns (the count) for the record. A deep page
    # that does not exist for this N becomes the last page.
    for user, label, query in requests:
        if "page" in query:
            first = clients[user].get(endpoints["api"], {k: v for k, v in query.items() if k != "page"}).json()
            if first["count_is_exact"]:
                query["page"] = str(min(int(query["page"]), max(1, -(-first["count"] // 50))))
        for endpoint in endpoints:
            _, response = run(endpoint, user, query)
            if endpoint == "api":
                body = response.json()
                shown = body["count"] if body["count_is_exact"] else f"{body['count']}+"
                print(f"  {user:5} {label:26} count={shown} page={query.get('page', '1')} "
                      f"rows={len(body['results'])}", flush=True)
    if args.explain:
        explain(requests, endpoints, clients, connection, CaptureQueriesContext)

    # Like a pre-forked server (gunicorn --preload, then gc.freeze()): the long-lived objects of the
    # process are moved out of the collector's sight, so a full collection does not scan the whole
    # Django process (here 150,000 objects, ~100 ms) in the middle of a timed request.
    gc.collect()
    gc.freeze()
    timings: dict[tuple[str, str], list[float]] = defaultdict(list)
    by_label: dict[str, list[float]] = defaultdict(list)
    rng = random.Random(args.seed)
    rounds = max(args.rounds, -(-MIN_TIMED // (len(requests) * len(endpoints))))  # at least MIN_TIMED requests
    for _ in range(rounds):
        order = [(endpoint, user, label, query) for user, label, query in requests for endpoint in endpoints]
        rng.shuffle(order)
        for endpoint, user, label, query in order:
            elapsed, _ = run(endpoint, user, query)
            timings[(endpoint, user)].append(elapsed)
            by_label[f"{endpoint} {user} {label}"].append(elapsed)

    print("per request (ms): median / max over the rounds", flush=True)
    for label, values in sorted(by_label.items()):
        print(f"  {label:40} {statistics.median(values):6.1f} {max(values):6.1f}", flush=True)
    everything = [t for values in timings.values() for t in values]
    result: dict[str, object] = {
        "employees": args.employees,
        "p95_ms": round(percentile(everything, 95), 1),
        "p50_ms": round(statistics.median(everything), 1),
        "max_ms": round(max(everything), 1),
        "requests": len(everything),
        "page_timed": "page" in endpoints,
    }
    for endpoint in endpoints:
        values = [t for (e, _), ts in timings.items() if e == endpoint for t in ts]
        result[f"{endpoint}_p50_ms"] = round(statistics.median(values), 1)
        result[f"{endpoint}_p95_ms"] = round(percentile(values, 95), 1)
        for user in users:
            result[f"{endpoint}_{user}_p95_ms"] = round(percentile(timings[(endpoint, user)], 95), 1)
    print(json.dumps(result))


def explain(requests, endpoints, clients, connection, capture) -> None:
    for user, label, query in requests:
        with capture(connection) as queries:
            clients[user].get(f"{endpoints['api']}?{urlencode(query)}")
        print(f"\n=== {user} {label} {query}", flush=True)
        for captured in queries.captured_queries:
            sql = captured["sql"]
            if "workforce_employee" not in sql or sql.startswith(("INSERT", "UPDATE", "EXPLAIN")):
                continue
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
                plan = "\n".join(row[0] for row in cursor.fetchall())
            print(f"--- {captured['time']}s {sql[:300]}\n{plan}", flush=True)


if __name__ == "__main__":
    main()
