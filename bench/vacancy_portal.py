"""Benchmark: the public vacancy portal under gunicorn (2 workers) with a load generator in another process.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/anything \\
        .venv/bin/python bench/vacancy_portal.py [--vacancies 10000] [--applications 200000] [--rate 100] [--seconds 20]

Uses its own database (``hr_v_bench`` on the server of DATABASE_URL, or ``--database``), migrates it and
generates, with COPY, ~300 organisations over the 14 regions, one staff position per vacancy, N published
vacancies (titles, Uzbek/Russian/English descriptions, requirements, salaries, the folded ``search_text``
the portal searches) and M applications of M/4 candidates. Generation is skipped when the database
already holds these numbers (same generator version). Then gunicorn serves ``config.wsgi`` with the
production settings (2 sync workers, port 8108), a warm-up round runs, and a separate process sends
requests **open-loop** at ``--rate`` per second for ``--seconds`` over a mix of portal URLs (every
filter, keyword searches in Latin and Cyrillic, later pages). Latency is measured from the moment each
request was due, so a server that falls behind is charged for the wait. In the same run a closed loop
measures the throughput of a trivial view (``/healthz``: one ``SELECT 1``).

The last line printed is one JSON object: ``{"vacancies", "applications", "rps", "p95_ms", "p50_ms",
"errors", "trivial_view_rps", ...}``.
"""

from __future__ import annotations

import argparse
import datetime
import http.client
import json
import multiprocessing
import os
import random
import secrets
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from employee_list import bench_database_url, copy_rows, ensure_database  # noqa: E402

GENERATOR_VERSION = 1
BENCH_DB = "hr_v_bench"
PORT = 8108
MINISTRIES = [
    ("IMV", "Iqtisodiyot va moliya vazirligi", "Министерство экономики и финансов", "Ministry of Economy and Finance"),
    ("AV", "Adliya vazirligi", "Министерство юстиции", "Ministry of Justice"),
    ("SQ", "Soliq qoʻmitasi", "Налоговый комитет", "Tax Committee"),
    ("BQ", "Bojxona qoʻmitasi", "Таможенный комитет", "Customs Committee"),
    ("SSV", "Sogʻliqni saqlash vazirligi", "Министерство здравоохранения", "Ministry of Health"),
    ("QXV", "Qishloq xoʻjaligi vazirligi", "Министерство сельского хозяйства", "Ministry of Agriculture"),
    ("RTV", "Raqamli texnologiyalar vazirligi", "Министерство цифровых технологий", "Ministry of Digital Technologies"),
    ("TRV", "Transport vazirligi", "Министерство транспорта", "Ministry of Transport"),
    ("EV", "Energetika vazirligi", "Министерство энергетики", "Ministry of Energy"),
    ("MMTV", "Maktabgacha va maktab taʼlimi vazirligi", "Министерство дошкольного и школьного образования",
     "Ministry of Preschool and School Education"),
    ("BKQV", "Bandlik va kambagʻallikni qisqartirish vazirligi", "Министерство занятости и сокращения бедности",
     "Ministry of Employment and Poverty Reduction"),
    ("QV", "Qurilish vazirligi", "Министерство строительства", "Ministry of Construction"),
    ("EKV", "Ekologiya vazirligi", "Министерство экологии", "Ministry of Ecology"),
    ("MV", "Madaniyat vazirligi", "Министерство культуры", "Ministry of Culture"),
    ("SV", "Sport vazirligi", "Министерство спорта", "Ministry of Sport"),
    ("TIV", "Tashqi ishlar vazirligi", "Министерство иностранных дел", "Ministry of Foreign Affairs"),
    ("OTFIV", "Oliy taʼlim, fan va innovatsiyalar vazirligi", "Министерство высшего образования, науки и инноваций",
     "Ministry of Higher Education, Science and Innovation"),
    ("IIV", "Ichki ishlar vazirligi", "Министерство внутренних дел", "Ministry of Internal Affairs"),
    ("FVV", "Favqulodda vaziyatlar vazirligi", "Министерство по чрезвычайным ситуациям", "Ministry of Emergency Situations"),
    ("STQ", "Statistika agentligi", "Агентство статистики", "Statistics Agency"),
]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--vacancies", type=int, default=10_000)
    parser.add_argument("--applications", type=int, default=200_000)
    parser.add_argument("--rate", type=int, default=100, help="requests per second sent to the portal")
    parser.add_argument("--seconds", type=int, default=20, help="how long the open-loop load runs")
    parser.add_argument("--database", default=BENCH_DB)
    parser.add_argument("--seed", type=int, default=2026)
    return parser.parse_args()


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.base"
    os.environ.pop("REDIS_URL", None)
    os.environ.pop("CELERY_BROKER_URL", None)
    import django

    django.setup()


# --- data ----------------------------------------------------------------------------------------------

def generated(connection) -> tuple[int, int] | None:
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS bench_vacancy_portal_meta (vacancies bigint, applications bigint, "
                       "version int)")
        cursor.execute("SELECT vacancies, applications, version FROM bench_vacancy_portal_meta")
        row = cursor.fetchone()
    return (row[0], row[1]) if row and row[2] == GENERATOR_VERSION else None


def generate(connection, n_vacancies: int, n_applications: int, seed: int) -> None:
    from django.db import transaction
    from django.utils import timezone

    from core.text import search_key
    from vacancies.demo.texts import DUTIES, description
    from vacancies.models import Application, Candidate, Vacancy
    from workforce.demo.names import random_person_names
    from workforce.demo.people import TITLES, PinflAllocator
    from workforce.models import Organization, PositionCategory, Region, StaffPosition
    from workforce.services import organization_create

    rng = random.Random(seed)
    started = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE vacancies_interviewscore, vacancies_conflictdeclaration, vacancies_commissionmember, "
                       "vacancies_interviewcriterion, vacancies_applicationevent, vacancies_historicalapplication, "
                       "vacancies_application, vacancies_historicalcandidateeducation, vacancies_candidateeducation, "
                       "vacancies_historicalcandidateexperience, vacancies_candidateexperience, "
                       "vacancies_historicalcandidate, vacancies_candidate, vacancies_historicalvacancy, "
                       "vacancies_vacancy CASCADE")
        cursor.execute("DELETE FROM core_user WHERE username LIKE 'bench.%%'")
        cursor.execute("TRUNCATE bench_vacancy_portal_meta")
    regions = list(Region.objects.order_by("soato"))
    organizations: list[Organization] = list(Organization.objects.filter(code__startswith="VB-"))
    if not organizations:
        with transaction.atomic():
            for code, uz, ru, en in MINISTRIES:
                root = organization_create(code=f"VB-{code}", name_uz=uz, name_ru=ru, name_en=en, level="republican",
                                           region=regions[0], actor=None)
                organizations.append(root)
                for region in regions:
                    organizations.append(organization_create(
                        code=f"VB-{code}-{region.soato}", name_uz=f"{region.name_uz} — {uz}",
                        name_ru=f"{region.name_ru} — {ru}", name_en=f"{region.name_en} — {en}", level="territorial",
                        region=region, parent=root, actor=None))
    print(f"{len(organizations)} organisations ({time.monotonic() - started:.0f} s)", flush=True)
    categories = {c.code: c for c in PositionCategory.objects.all()}
    codes = ["M-3", "M-4", "S-1", "S-2", "S-3", "S-4"]
    weights = [0.03, 0.12, 0.2, 0.25, 0.23, 0.17]
    first_position = (StaffPosition.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    plan = []
    for _i in range(n_vacancies):
        organization = rng.choice(organizations)
        code = rng.choices(codes, weights)[0]
        plan.append((organization, code, rng.choice(TITLES[code]), rng.choice(list(DUTIES))))
    copy_rows(connection, StaffPosition, (
        {"id": first_position + i, "organization_id": o.pk, "code": f"VB{i:06d}", "name_uz": t[0], "name_ru": t[1],
         "name_en": t[2], "name_uz_cyrl": "", "group": categories[c].group, "category_id": categories[c].pk,
         "rate_units": "1.00", "is_active": True, "salary_grade": None, "register_position_id": None}
        for i, (o, c, t, _s) in enumerate(plan)))
    now = timezone.now()
    today = timezone.localdate()
    texts = {}

    def vacancy_rows():
        for i, (organization, code, (uz, ru, en), specialty) in enumerate(plan):
            management = code.startswith("M")
            key = (organization.pk, specialty, management)
            if key not in texts:
                texts[key] = description(specialty, organization_uz=organization.name_uz,
                                         organization_ru=organization.name_ru, organization_en=organization.name_en,
                                         management=management)
            d_uz, d_ru, d_en = texts[key]
            region = organization.region
            words = search_key(" ".join((uz, ru, en, specialty, organization.name_uz, organization.name_ru,
                                         organization.name_en, organization.code, region.name_uz, region.name_ru)))
            opened = today - datetime.timedelta(days=rng.randint(0, 25))
            salary = rng.randrange(4_500_000, 24_000_000, 100_000)
            yield {"id": i + 1, "staff_position_id": first_position + i, "organization_id": organization.pk,
                   "region_id": region.pk, "group": categories[code].group, "category_id": categories[code].pk,
                   "competition_type": "internal" if management else "external", "status": "published",
                   "title_uz": uz, "title_ru": ru, "title_en": en, "description_uz": d_uz, "description_ru": d_ru,
                   "description_en": d_en, "min_education": "master" if management else "bachelor",
                   "min_experience_years": rng.choice((0, 1, 2, 3, 5)), "specialty": specialty,
                   "languages": json.dumps(["uz", "ru"] if rng.random() < 0.5 else ["uz"]), "salary_min": salary,
                   "salary_max": salary + rng.choice((0, 1_000_000, 2_500_000)) or None, "employment_type": "FULL_TIME",
                   "opens_on": opened, "closes_on": today + datetime.timedelta(days=rng.randint(3, 40)),
                   "test_weight": 50, "interview_weight": 50,
                   "published_at": now - datetime.timedelta(days=(today - opened).days, minutes=rng.randint(0, 900)),
                   "search_text": f"{words} | {search_key(d_uz)[:600]}"[:2048]}

    copy_rows(connection, Vacancy, vacancy_rows())
    print(f"{n_vacancies} vacancies ({time.monotonic() - started:.0f} s)", flush=True)
    n_candidates = max(n_applications // 4, 1)
    allocator = PinflAllocator()
    with connection.cursor() as cursor:
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM core_user")
        first_user = cursor.fetchone()[0] + 1
    people = []
    for _i in range(n_candidates):
        sex = "M" if rng.random() < 0.5 else "F"
        born = datetime.date(1970, 1, 1) + datetime.timedelta(days=rng.randint(0, 365 * 33))
        people.append((sex, born, random_person_names(rng, sex, cyrillic_share=0)))
    copy_rows(connection, __import__("core.models", fromlist=["User"]).User, (
        {"id": first_user + i, "password": "!", "username": f"bench.{i}", "first_name": p[2]["first_name"],
         "last_name": p[2]["last_name"], "email": f"bench.{i}@example.uz", "is_superuser": False, "is_staff": False,
         "is_active": True, "date_joined": now, "last_login": None, "preferred_language": ""}
        for i, p in enumerate(people)))
    copy_rows(connection, Candidate, (
        {"id": i + 1, "user_id": first_user + i, "employee_id": None,
         "pinfl": allocator.allocate(born, sex, 300 + i % 400), "passport": f"AB{i:07d}",
         "last_name": names["last_name"], "first_name": names["first_name"], "middle_name": names["middle_name"],
         "birth_date": born, "sex": sex, "phone": "", "languages": json.dumps(["uz", "ru"])}
        for i, (sex, born, names) in enumerate(people)))
    stages = [("submitted", True, 0.55), ("admitted", True, 0.1), ("rejected", False, 0.12), ("testing", True, 0.05),
              ("test_passed", True, 0.04), ("test_failed", False, 0.06), ("withdrawn", False, 0.08)]

    def application_rows():
        n = 0
        for candidate in range(1, n_candidates + 1):
            for vacancy in rng.sample(range(1, n_vacancies + 1), k=min(4, n_vacancies)):
                if n >= n_applications:
                    return
                stage, active, _w = rng.choices(stages, [w for *_x, w in stages])[0]
                n += 1
                yield {"id": n, "vacancy_id": vacancy, "candidate_id": candidate, "stage": stage, "is_active": active,
                       "submitted_at": now, "stage_changed_at": now, "snapshot": "{}", "check_passed": stage != "rejected",
                       "check_reasons": "[]"}

    copy_rows(connection, Application, application_rows())
    with connection.cursor() as cursor:
        for table in ("workforce_staffposition", "vacancies_vacancy", "core_user", "vacancies_candidate",
                      "vacancies_application"):
            cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))")
        cursor.execute("INSERT INTO bench_vacancy_portal_meta VALUES (%s, %s, %s)",
                       [n_vacancies, n_applications, GENERATOR_VERSION])
        cursor.execute("VACUUM ANALYZE")
    print(f"{n_applications} applications; generated in {time.monotonic() - started:.0f} s", flush=True)


# --- load -------------------------------------------------------------------------------------------------

def portal_urls(seed: int) -> list[str]:
    from vacancies.models import Vacancy
    from workforce.models import PositionCategory

    rng = random.Random(seed)
    orgs = list(Vacancy.objects.values_list("organization_id", flat=True).distinct()[:200])
    categories = list(PositionCategory.objects.filter(group__in=["management", "specialist"]).values_list("pk", flat=True))
    queries = [
        {}, {"page": "2"}, {"page": "5"}, {"region": "1718"}, {"region": "1726"}, {"group": "management"},
        {"competition_type": "external"}, {"salary_from": "12000000"}, {"q": "yuriskonsult"}, {"q": "Тошкент"},
        {"q": "boʻlim boshligʻi"}, {"q": "bo'lim boshligi"}, {"q": "iqtisodchi", "region": "1730"},
        {"q": "soliq"}, {"q": "инспектор"}, {"q": "moliya", "salary_from": "8000000"},
    ]
    urls = []
    for _ in range(300):
        query = dict(rng.choice(queries))
        if rng.random() < 0.25:
            query["category"] = str(rng.choice(categories))
        if rng.random() < 0.15:
            query["organization"] = str(rng.choice(orgs))
        urls.append("/vacancies/?" + urlencode(query, quote_via=quote) if query else "/vacancies/")
    return urls


def fetch(path: str, timeout: float = 30.0) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Host": "127.0.0.1"})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def open_loop(urls: list[str], rate: int, seconds: int, out) -> None:
    """Runs in its own process: one request every 1/rate s, whatever the server does."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    total = rate * seconds
    start = time.perf_counter() + 0.2

    def one(i: int) -> None:
        due = start + i / rate
        try:
            status = fetch(urls[i % len(urls)])
        except OSError:
            status = 0
        done = time.perf_counter()
        with lock:
            latencies.append((done - due) * 1000)
            if status != 200:
                errors[0] += 1

    with ThreadPoolExecutor(max_workers=min(256, rate * 2)) as pool:
        for i in range(total):
            delay = start + i / rate - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            pool.submit(one, i)
    elapsed = time.perf_counter() - start
    out.put({"latencies": latencies, "errors": errors[0], "elapsed": elapsed})


def closed_loop(path: str, threads: int, seconds: float) -> float:
    count = [0]
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def worker() -> None:
        while time.perf_counter() < stop:
            if fetch(path) == 200:
                with lock:
                    count[0] += 1

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    begin = time.perf_counter()
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return count[0] / (time.perf_counter() - begin)


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def main() -> None:
    args = parse_args()
    base = os.environ.get("DATABASE_URL")
    if not base or not base.startswith(("postgres://", "postgresql://")):
        sys.exit("DATABASE_URL must point to PostgreSQL (the benchmark creates its own database there)")
    ensure_database(base, args.database)
    database_url = bench_database_url(base, args.database)
    setup_django(database_url)
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from tests.conftest import restore_reference_data

    restore_reference_data()
    if generated(connection) != (args.vacancies, args.applications):
        generate(connection, args.vacancies, args.applications, args.seed)
    else:
        print("data already generated", flush=True)
    urls = portal_urls(args.seed)
    connection.close()

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.production", "DATABASE_URL": database_url,
           "SECRET_KEY": secrets.token_urlsafe(64), "ALLOWED_HOSTS": "127.0.0.1", "SECURE_SSL_REDIRECT": "false",
           "SECURE_HSTS_SECONDS": "0", "LOG_LEVEL": "WARNING"}
    env.pop("REDIS_URL", None)
    env.pop("CELERY_BROKER_URL", None)
    # Production serves hashed static files from a manifest: build it once (git-ignored staticfiles/).
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    server = subprocess.Popen([gunicorn, "config.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{PORT}",
                               "--access-logfile", "/dev/null", "--error-logfile", "-", "--log-level", "warning",
                               "--timeout", "60"], cwd=ROOT, env=env)
    try:
        for _ in range(100):
            try:
                if fetch("/healthz", timeout=2) == 200:
                    break
            except OSError:
                time.sleep(0.2)
        else:
            sys.exit("gunicorn did not start")
        for path in urls[:60]:  # warm-up: imports, caches, connections of both workers
            status = fetch(path)
            if status != 200:
                sys.exit(f"{path} answered {status}: fix the server before measuring")
        trivial = closed_loop("/healthz", threads=4, seconds=5)
        queue = multiprocessing.Queue()
        loader = multiprocessing.Process(target=open_loop, args=(urls, args.rate, args.seconds, queue))
        loader.start()
        outcome = queue.get(timeout=args.seconds + 300)
        loader.join()
    finally:
        server.terminate()
        server.wait(timeout=30)
    latencies = outcome["latencies"]
    result = {
        "vacancies": args.vacancies,
        "applications": args.applications,
        "target_rps": args.rate,
        "rps": round(len(latencies) / outcome["elapsed"], 1),
        "p50_ms": round(statistics.median(latencies), 1),
        "p95_ms": round(percentile(latencies, 95), 1),
        "p99_ms": round(percentile(latencies, 99), 1),
        "errors": outcome["errors"],
        "requests": len(latencies),
        "trivial_view_rps": round(trivial, 1),
        "workers": 2,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
