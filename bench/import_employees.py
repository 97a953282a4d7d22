"""Benchmark: importing an N-row employee spreadsheet end to end on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/anything \\
        .venv/bin/python bench/import_employees.py --rows 100000 [--peer-rows 10000] [--database hr_bench_import]

Uses its own database (``hr_bench_import`` on the server of DATABASE_URL, or ``--database``),
migrates it and seeds organisations with enough staff positions. It writes an N-row xlsx (openpyxl
write-only) with every column of the employee template: valid PINFLs matching birth date and sex,
Latin and Cyrillic names, passport, phone, e-mail, education, languages, rank, the current
assignment. Then, each time into emptied employee tables:

1. ours: ``workforce.services.imports.import_path`` (upload checks, parse with calamine, clean,
   validate against the database, write employees + education + assignments + their history in
   one transaction) — ``rows_per_s``; peak RSS is read right after it (``peak_rss_mb``);
2. re-import of the same file (must change nothing) — ``reimport_rows_per_s``;
3. the peer: django-import-export with default settings (``EmployeePeerResource``, matched by
   PINFL) on the first min(N, --peer-rows) rows of the same data, read from an xlsx by tablib —
   ``peer_rows_per_s`` (employee rows only; it writes no assignments or education);
4. the floor: one raw psycopg ``COPY`` of the same N employee rows (values prepared beforehand)
   — ``copy_rows_per_s``.

The last line printed is one JSON object with ``rows``, ``rows_per_s``, ``peer_rows_per_s``,
``copy_rows_per_s``, ``peak_rss_mb`` and a breakdown.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BENCH_DB = "hr_bench_import"
POSITIONS_PER_ORG = 50
BIRTH_DAYS = (datetime.date(1999, 1, 1) - datetime.date(1965, 1, 1)).days
LAST_NAMES = [("Karimov", "Каримов"), ("Toshmatov", "Тошматов"), ("Gʻulomov", "Ғуломов"), ("Rahimov", "Раҳимов"),
              ("Yusupov", "Юсупов"), ("Abdullayev", "Абдуллаев"), ("Qodirov", "Қодиров"), ("Ergashev", "Эргашев"),
              ("Saidov", "Саидов"), ("Oʻrinboyev", "Ўринбоев"), ("Nazarov", "Назаров"), ("Xolmatov", "Холматов")]
MALE_FIRST = [("Aziz", "Азиз"), ("Jasur", "Жасур"), ("Sherzod", "Шерзод"), ("Bekzod", "Бекзод"),
              ("Otabek", "Отабек"), ("Sardor", "Сардор"), ("Gʻayrat", "Ғайрат"), ("Anvar", "Анвар")]
FEMALE_FIRST = [("Dilnoza", "Дилноза"), ("Malika", "Малика"), ("Gulnora", "Гулнора"), ("Nodira", "Нодира"),
                ("Shahlo", "Шаҳло"), ("Zuhra", "Зуҳра"), ("Madina", "Мадина"), ("Oʻgʻiloy", "Ўғилой")]
FATHERS = [("Anvar", "Анвар"), ("Rustam", "Рустам"), ("Bahodir", "Баҳодир"), ("Ulugʻbek", "Улуғбек"),
           ("Farhod", "Фарҳод"), ("Shavkat", "Шавкат")]
EDUCATION = ["Oliy (bakalavr)", "Oliy (magistr)", "Oʻrta maxsus", "PhD"]
INSTITUTIONS = ["Toshkent davlat iqtisodiyot universiteti", "Oʻzbekiston Milliy universiteti",
                "Toshkent davlat yuridik universiteti", "Samarqand davlat universiteti"]
LANGUAGES = ["uz, ru", "uz", "uz, ru, en", "ru, uz"]


def _database_url(name: str) -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit("DATABASE_URL must point to a PostgreSQL server (the benchmark creates its own database there).")
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _ensure_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def person(i: int):
    from workforce.validators import make_pinfl

    # Born 1965-1998: everyone is of age (18+, the hire rule) on their 2021-2024 start date.
    birth = datetime.date(1965, 1, 1) + datetime.timedelta(days=i % BIRTH_DAYS)
    sex = "M" if (i // 7) % 2 == 0 else "F"
    pinfl = make_pinfl(birth, sex, (i // BIRTH_DAYS) % 1000, (i // BIRTH_DAYS // 1000) % 1000)
    last, last_c = LAST_NAMES[i % len(LAST_NAMES)]
    if sex == "F":
        last, last_c = last + "a", last_c + "а"
        first, first_c = FEMALE_FIRST[(i // 3) % len(FEMALE_FIRST)]
        father, father_c = FATHERS[(i // 5) % len(FATHERS)]
        middle, middle_c = father + "ovna", father_c + "овна"
    else:
        first, first_c = MALE_FIRST[(i // 3) % len(MALE_FIRST)]
        father, father_c = FATHERS[(i // 5) % len(FATHERS)]
        middle, middle_c = father + "ovich", father_c + "ович"
    return {
        "pinfl": pinfl, "last_name": last, "first_name": first, "middle_name": middle,
        "last_name_cyrl": last_c, "first_name_cyrl": first_c, "middle_name_cyrl": middle_c,
        "birth_date": birth, "sex": "Erkak" if sex == "M" else "Ayol", "sex_code": sex, "citizenship": "UZ",
        "passport": f"A{chr(65 + i % 26)}{i % 10_000_000:07d}", "phone": f"+99890{i % 10_000_000:07d}",
        "email": f"user{i}@example.uz", "address": f"Toshkent sh., {i % 300}-uy",
        "education_level": EDUCATION[i % len(EDUCATION)], "education_institution": INSTITUTIONS[i % len(INSTITUTIONS)],
        "education_specialty": "Iqtisodiyot", "education_year": 1990 + i % 30, "languages": LANGUAGES[i % 4],
        "qualification_rank": f"R-{1 + i % 10:02d}", "civil_service_start": datetime.date(2005 + i % 15, 9, 1),
        "assignment_start": datetime.date(2021 + i % 4, 1 + i % 12, 1), "rate": 1,
    }


def seed(rows: int) -> list[tuple[str, str]]:
    """Organisations and staff positions with room for ``rows`` people; returns (org, position) codes."""
    from decimal import Decimal

    from workforce.models import Organization, PositionCategory, StaffPosition
    from workforce.services import organization_create

    organizations = max(10, rows // 1000)
    units = -(-rows // (organizations * POSITIONS_PER_ORG)) + 1
    root = Organization.objects.filter(code="BENCH").first() or organization_create(
        code="BENCH", name_uz="Bench vazirligi", level="national")
    category = PositionCategory.objects.get(code="S-2")
    slots = []
    for n in range(organizations):
        code = f"BORG{n:04d}"
        org = Organization.objects.filter(code=code).first() or organization_create(
            code=code, name_uz=f"Boshqarma {n}", level="territorial", parent=root)
        existing = set(StaffPosition.objects.filter(organization=org).values_list("code", flat=True))
        StaffPosition.objects.bulk_create([
            StaffPosition(organization=org, code=f"P{p:03d}", name_uz=f"Mutaxassis {p}", group=category.group,
                          category=category, rate_units=Decimal(units))
            for p in range(POSITIONS_PER_ORG) if f"P{p:03d}" not in existing
        ])
        StaffPosition.objects.filter(organization=org).update(rate_units=Decimal(units))
        slots.extend((code, f"P{p:03d}") for p in range(POSITIONS_PER_ORG))
    return slots


def truncate() -> None:
    from django.db import connection

    tables = ["workforce_historicalassignment", "workforce_historicaleducation", "workforce_historicalemployee",
              "workforce_assignment", "workforce_education", "workforce_employee"]
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(tables)} CASCADE")


def write_xlsx(path: Path, rows: int, slots: list[tuple[str, str]]) -> None:
    from openpyxl import Workbook

    from workforce.resources import EmployeeResource

    columns = [c for c in EmployeeResource.column_list("uz") if not c.readonly]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Xodimlar")
    sheet.append([c.column_name for c in columns])
    for i in range(rows):
        values = person(i)
        values["organization_code"], values["staff_position_code"] = slots[i % len(slots)]
        sheet.append([values.get(c.key) for c in columns])
    workbook.save(path)


def write_peer_xlsx(path: Path, rows: int) -> None:
    from openpyxl import Workbook

    from workforce.resources import EmployeePeerResource

    fields = list(EmployeePeerResource._meta.fields)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("peer")
    sheet.append(fields)
    for i in range(rows):
        values = person(i)
        values["sex"] = values["sex_code"]
        sheet.append([values[f] for f in fields])
    workbook.save(path)


def time_ours(path: Path) -> tuple[float, dict]:
    from workforce.services.imports import import_path

    start = time.perf_counter()
    result = import_path(path, kind="employees", dry_run=False)
    elapsed = time.perf_counter() - start
    if result.errors or not result.written:
        sys.exit(f"our import failed: {result.errors[:5]}")
    return elapsed, result


def time_peer(path: Path, rows: int) -> float:
    import tablib

    from workforce.resources import EmployeePeerResource

    start = time.perf_counter()
    with open(path, "rb") as handle:
        dataset = tablib.Dataset().load(handle.read(), format="xlsx")
    result = EmployeePeerResource().import_data(dataset, dry_run=False, raise_errors=True)
    elapsed = time.perf_counter() - start
    if result.has_errors() or result.has_validation_errors():
        sys.exit("peer import failed")
    return elapsed


def time_copy(rows: int) -> float:
    from django.db import connection
    from django.utils import timezone

    from workforce.search import employee_search_text

    now = timezone.now()
    columns = ["created_at", "updated_at", "pinfl", "last_name", "first_name", "middle_name", "last_name_cyrl",
               "first_name_cyrl", "middle_name_cyrl", "birth_date", "sex", "citizenship", "passport", "phone",
               "email", "address", "languages", "status", "education_level", "search_text"]
    prepared = []
    for i in range(rows):
        p = person(i)
        prepared.append((now, now, p["pinfl"], p["last_name"], p["first_name"], p["middle_name"], p["last_name_cyrl"],
                         p["first_name_cyrl"], p["middle_name_cyrl"], p["birth_date"], p["sex_code"], "UZ",
                         p["passport"], p["phone"], p["email"], p["address"], json.dumps(p["languages"].split(", ")),
                         "active", "bachelor",
                         employee_search_text(last_name=p["last_name"], first_name=p["first_name"],
                                              middle_name=p["middle_name"])))
    start = time.perf_counter()
    with connection.cursor() as cursor, cursor.copy(
            f"COPY workforce_employee ({', '.join(columns)}) FROM STDIN") as copy:
        for row in prepared:
            copy.write_row(row)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--peer-rows", type=int, default=10_000)
    parser.add_argument("--database", default=BENCH_DB)
    parser.add_argument("--profile", metavar="FILE", help="write a cProfile of our import to FILE")
    args = parser.parse_args()

    url = _database_url(args.database)
    _ensure_database(url)
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.base"
    os.environ.pop("CELERY_BROKER_URL", None)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    slots = seed(args.rows)
    peer_rows = min(args.rows, args.peer_rows)
    with tempfile.TemporaryDirectory() as tmp:
        ours_path, peer_path = Path(tmp) / "employees.xlsx", Path(tmp) / "peer.xlsx"
        clock = time.perf_counter()
        write_xlsx(ours_path, args.rows, slots)
        write_peer_xlsx(peer_path, peer_rows)
        generate_s = time.perf_counter() - clock
        print(f"generated {args.rows} rows ({ours_path.stat().st_size / 1e6:.1f} MB xlsx) in {generate_s:.1f}s",
              flush=True)
        rss_before = rss_mb()

        truncate()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE workforce_staffposition")
        if args.profile:
            import cProfile

            profiler = cProfile.Profile()
            profiler.enable()
        ours_s, result = time_ours(ours_path)
        if args.profile:
            profiler.disable()
            profiler.dump_stats(args.profile)
        peak_rss = rss_mb()
        print(f"ours: {ours_s:.2f}s {result.summary} {result.seconds}", flush=True)
        from workforce.models import Assignment, Education, Employee

        counts = {"employees": Employee.objects.count(), "employee_history": Employee.history.count(),
                  "assignments": Assignment.objects.count(), "assignment_history": Assignment.history.count(),
                  "educations": Education.objects.count()}
        if counts["employees"] != args.rows or counts["assignments"] != args.rows:
            sys.exit(f"row counts do not match: {counts}")

        reimport_s, again = time_ours(ours_path)
        if again.summary.get("unchanged") != args.rows or Employee.history.count() != counts["employee_history"]:
            sys.exit(f"re-import changed something: {again.summary}")
        print(f"re-import: {reimport_s:.2f}s {again.summary}", flush=True)

        truncate()
        peer_s = time_peer(peer_path, peer_rows)
        print(f"peer: {peer_rows} rows in {peer_s:.2f}s", flush=True)

        truncate()
        copy_s = time_copy(args.rows)
        print(f"copy: {args.rows} rows in {copy_s:.2f}s", flush=True)
        truncate()

    rows_per_s = args.rows / ours_s
    peer_per_s = peer_rows / peer_s
    print(json.dumps({
        "rows": args.rows,
        "rows_per_s": round(rows_per_s),
        "peer_rows_per_s": round(peer_per_s),
        "copy_rows_per_s": round(args.rows / copy_s),
        "peak_rss_mb": peak_rss,
        "speedup_vs_peer": round(rows_per_s / peer_per_s, 1),
        "seconds": round(ours_s, 2),
        "breakdown_s": {k: round(v, 2) for k, v in result.seconds.items()},
        "reimport_rows_per_s": round(args.rows / reimport_s),
        "peer_rows": peer_rows,
        "rss_before_import_mb": rss_before,
        "peak_rss_total_mb": rss_mb(),
        "written": counts,
    }))


if __name__ == "__main__":
    main()
