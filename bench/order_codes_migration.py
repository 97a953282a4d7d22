"""Benchmark: the data migration that moves HR orders onto ``core.VerifiableDocument``
(``workforce`` 0018, keeping every order's code) on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/anything \\
        .venv/bin/python bench/order_codes_migration.py [--orders 200000] [--database hr_vd_bench]

Uses its own database (``hr_vd_bench`` on the server of DATABASE_URL): migrates it, makes one
organisation and one employee, goes back to ``workforce`` 0017 (codes on the orders), inserts
``--orders`` orders with one SQL statement (a snapshot like the services write, a distinct code
each), then runs ``manage.py migrate workforce 0018`` in a child process and times it. The child's
peak memory shows that the migration holds one batch, not the table.

The last line printed is one JSON object with ``orders``, ``seconds``, ``orders_per_s``,
``peak_rss_mb`` and ``documents`` (how many the migration created; must equal ``orders``).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent

SNAPSHOT = {"version": 1, "organization": {"code": "BENCH", "name": {"uz": "Bench vazirligi"}},
            "employee": {"last_name": "Karimov", "first_name": "Aziz", "middle_name": "Anvarovich"}}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--orders", type=int, default=200_000)
    parser.add_argument("--database", default="hr_vd_bench")
    args = parser.parse_args()

    parts = urlsplit(os.environ["DATABASE_URL"])
    url = urlunsplit(parts._replace(path=f"/{args.database}"))
    subprocess.run(["psql", urlunsplit(parts._replace(path="/postgres")), "-qc",
                    f"DROP DATABASE IF EXISTS {args.database}"], check=True)
    subprocess.run(["psql", urlunsplit(parts._replace(path="/postgres")), "-qc",
                    f"CREATE DATABASE {args.database}"], check=True)
    env = {**os.environ, "DATABASE_URL": url}
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], check=True, env=env, cwd=ROOT)

    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection

    from tests.factories import make_employee, make_organization

    organization = make_organization(code="BENCH", name="Bench vazirligi")
    employee = make_employee(organization=organization)
    subprocess.run([*manage, "migrate", "workforce", "0017", "-v0"], check=True, env=env, cwd=ROOT)
    with connection.cursor() as cursor:
        cursor.execute(
            """INSERT INTO workforce_hrorder (created_at, updated_at, number, kind, organization_id, employee_id,
                   order_date, effective_date, reason, details, snapshot, pending, verification_code,
                   basis_app, basis_object_id, basis_label)
               SELECT now(), now(), 'BENCH/2026/' || g, 'hire', %s, %s, date '2026-01-05', date '2026-01-12',
                   '', '{}'::jsonb, %s::jsonb, false, md5(g::text), '', '', ''
               FROM generate_series(1, %s) AS g""",
            [organization.pk, employee.pk, json.dumps(SNAPSHOT), args.orders])
    connection.close()

    # The child reports its own peak memory (RUSAGE_CHILDREN would include the first migrate).
    child = ("import os, resource, sys, django; sys.path.insert(0, os.getcwd()); "
             "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings.local'); django.setup(); "
             "from django.core.management import call_command; "
             "call_command('migrate', 'workforce', '0018', verbosity=0); "
             "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", child], check=True, env=env, cwd=ROOT, capture_output=True,
                          text=True)
    seconds = time.perf_counter() - started
    peak_mb = int(done.stdout.strip().splitlines()[-1]) / 1024
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM core_verifiabledocument WHERE kind = 'workforce.hr_order'")
        documents = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM workforce_hrorder o JOIN core_verifiabledocument d "
                       "ON d.id = o.verifiable_id AND d.code = o.verification_code")
        linked = cursor.fetchone()[0]
    print(json.dumps({"orders": args.orders, "seconds": round(seconds, 1),
                      "orders_per_s": round(args.orders / seconds), "peak_rss_mb": round(peak_mb),
                      "documents": documents, "linked_with_same_code": linked}))


if __name__ == "__main__":
    main()
