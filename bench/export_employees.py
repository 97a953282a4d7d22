"""Benchmark: exporting N employees as an export job (xlsx, openpyxl write-only) on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/anything \\
        .venv/bin/python bench/export_employees.py --employees 100000 [--format xlsx|csv]

Uses its own database (``hr_bench_export``, or ``--database``) and the data generator of
``bench/employee_list.py`` (COPY: valid PINFLs, Uzbek names, ~600 organisations, one assignment
each); generation is skipped when the database already holds this N. Then a national
administrator starts ``workforce.employees`` through ``core.exporters.export_start`` and the job
runs in this process exactly as a Celery worker runs it (``export_run``): every row rendered,
the file stored through ``core.documents``. Peak memory is the process's maximum resident set
(``ru_maxrss``) measured after Django and the data are loaded and then again after the export;
``peak_rss_mb`` is the peak of the export run.

The last line printed is one JSON object: ``{"rows", "seconds", "peak_rss_mb", "file_mb", ...}``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from employee_list import bench_database_url, ensure_database, generate, generated_n, setup_django  # noqa: E402

BENCH_DB = "hr_bench_export"


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=100_000)
    parser.add_argument("--database", default=BENCH_DB)
    parser.add_argument("--format", default="xlsx", choices=["xlsx", "csv"])
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    base_url = os.environ.get("DATABASE_URL", "")
    if not base_url.startswith(("postgres://", "postgresql://")):
        sys.exit("DATABASE_URL must point to PostgreSQL (the bench creates its own database there).")
    ensure_database(base_url, args.database)
    os.environ.setdefault("PRIVATE_STORAGE_ROOT", tempfile.mkdtemp(prefix="bench-export-"))
    setup_django(bench_database_url(base_url, args.database))

    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection

    from core.documents import document_delete
    from core.exporters import export_start
    from core.models import ExportJob
    from workforce.models import Role, RoleGrant

    call_command("migrate", verbosity=0)
    if generated_n(connection) != args.employees:
        print(f"generating {args.employees} employees…", flush=True)
        generate(connection, args.employees, args.seed)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    user, _ = get_user_model().objects.get_or_create(username="bench_export_admin")
    RoleGrant.objects.get_or_create(user=user, role=Role.ADMIN, organization=None)

    # In this process Celery is eager: the task runs when export_start's transaction commits, in
    # this process, exactly the code a worker runs (export_run with the job id).
    before = rss_mb()
    started = time.perf_counter()
    timed = export_start(actor=user, identifier="workforce.employees", params={"format": args.format})
    seconds = time.perf_counter() - started
    after = rss_mb()
    status = ExportJob.objects.get(pk=timed.pk).status
    timed.refresh_from_db()
    size_mb = timed.result.size / (1024 * 1024) if timed.result else 0
    if timed.result:
        document_delete(document=timed.result, actor=None)
    print(f"status {status}, {timed.rows_done} rows in {seconds:.1f} s, file {size_mb:.1f} MB, "
          f"RSS before {before:.0f} MB, peak {after:.0f} MB", flush=True)
    print(json.dumps({"rows": timed.rows_done, "seconds": round(seconds, 1), "peak_rss_mb": round(after, 1),
                      "rss_before_mb": round(before, 1), "file_mb": round(size_mb, 1), "format": args.format,
                      "status": status}))


if __name__ == "__main__":
    main()
