"""Benchmark: saving answers (the attempt engine's hot path) through gunicorn on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/anything \\
        .venv/bin/python bench/answer_save.py [--takers 1000] [--seconds 15] [--clients 16] [--port 8107]

Uses its own database (``hr_as_bench`` on the server of DATABASE_URL, or ``--database``): migrates it,
builds a bank and a published 25-question test, 1,000 takers with an open attempt each (started through
``attempt_start``) and 1,000 more with an assignment only, and API tokens for all of them. Then it runs
gunicorn (``config.wsgi``, production settings, 2 sync workers) and, from another process, a load
generator (standard-library HTTP clients in threads, a new connection per request as a sync worker
closes them):

1. the framework's ceiling: a trivial Django view (all middleware, no database), closed loop;
2. answer saves paced at ``--rate`` (200/s) for ``--seconds``: latency from the scheduled send time
   (so a server falling behind shows up in the numbers);
3. answer saves at full load (closed loop, ``--clients`` concurrent);
4. a burst of 1,000 attempt starts (``POST /api/v1/assessment/attempts/``, ``--clients`` concurrent).

Every taker saves its own questions with growing sequence numbers, and 5 % of saves are sent twice (a
retry). Afterwards every save the server acknowledged (``saved``/``duplicate``) is checked against the
database: the stored sequence must be at least the acknowledged one, and equal means the same answer;
``lost_answers`` counts the violations.

The last line printed is one JSON object with ``saves_per_s``, ``p50_ms``, ``p95_ms``, ``p99_ms`` (paced
phase), ``trivial_view_rps``, ``start_p95_ms``, ``lost_answers`` and details.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BENCH_DB = "hr_as_bench"
QUESTIONS = 25
SETTINGS = "bench.answer_save_settings"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--takers", type=int, default=1000)
    parser.add_argument("--starts", type=int, default=1000, help="attempt starts in the burst (default 1000)")
    parser.add_argument("--seconds", type=float, default=15.0, help="length of each save phase")
    parser.add_argument("--rate", type=float, default=200.0, help="saves per second of the paced phase")
    parser.add_argument("--clients", type=int, default=16, help="concurrent clients of the closed-loop phases")
    parser.add_argument("--port", type=int, default=8107)
    parser.add_argument("--threads", type=int, default=1,
                        help="threads per gunicorn worker (1: sync workers; more: gthread, which lets a worker "
                             "serve another request while one waits on PostgreSQL's commit)")
    parser.add_argument("--database", default=BENCH_DB)
    parser.add_argument("--generate", help=argparse.SUPPRESS)  # internal: run as the load generator
    parser.add_argument("--out", help=argparse.SUPPRESS)
    return parser.parse_args()


# --- the server's side: data --------------------------------------------------------------------------

def bench_database_url(base_url: str, name: str) -> str:
    parts = urlsplit(base_url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


def recreate_database(base_url: str, name: str) -> None:
    import psycopg

    admin_url = bench_database_url(base_url, "postgres").replace("postgres://", "postgresql://", 1)
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def server_env(database_url: str) -> dict[str, str]:
    return {
        **os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": SETTINGS,
        "SECRET_KEY": secrets.token_urlsafe(64), "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false", "LOG_LEVEL": "WARNING", "PYTHONPATH": str(ROOT),
    }


def prepare(args: argparse.Namespace, database_url: str) -> dict:
    os.environ.update(server_env(database_url))
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from rest_framework.authtoken.models import Token

    from assessment.models import Section, TestAssignment
    from assessment.models.campaigns import CAMPAIGN_SOURCE  # noqa: F401 (documents the source used below)
    from assessment.services import (
        ChoiceData,
        QuestionData,
        SectionLine,
        attempt_start,
        questions_create_bulk,
        test_create,
        test_publish,
        test_sections_set,
    )

    print("migrating…", flush=True)
    call_command("migrate", verbosity=0)
    rng = random.Random(7)
    sections = {s.code: s for s in Section.objects.all()}
    items = []
    for code in ("legislation", "logic", "computer"):
        for n in range(20):
            right = rng.randrange(4)
            items.append(QuestionData(
                section=sections[code], kind="single", texts={"uz": f"{code} savol {n}", "ru": f"{code} вопрос {n}"},
                choices=[ChoiceData({"uz": f"V{i}", "ru": f"В{i}"}, 1 if i == right else 0) for i in range(4)]))
    questions_create_bulk(items=items, owner_organization=None, actor=None)
    test = test_create(code="bench", owner_organization=None, actor=None, name_uz="Bench", name_ru="Bench",
                       time_limit_minutes=240, attempts_allowed=1)
    test_sections_set(test=test, lines=[SectionLine(sections["legislation"], 9), SectionLine(sections["logic"], 8),
                                        SectionLine(sections["computer"], 8)], actor=None)
    test = test_publish(test=test, actor=None)

    print(f"creating {args.takers + args.starts} takers…", flush=True)
    User = get_user_model()
    users = User.objects.bulk_create([User(username=f"taker{n:05d}", password="!") for n in
                                      range(args.takers + args.starts)])
    tokens = Token.objects.bulk_create([Token(user=user, key=Token.generate_key()) for user in users])
    assignments = TestAssignment.objects.bulk_create([
        TestAssignment(test=test, user=user, source_app="bench", source_id=str(user.pk), source_label="bench")
        for user in users])
    print(f"starting {args.takers} attempts…", flush=True)
    takers = []
    for user, token, assignment in zip(users[: args.takers], tokens, assignments, strict=False):
        attempt = attempt_start(assignment=assignment, user=user, rng=rng)
        takers.append({"token": token.key, "attempt": attempt.pk,
                       "questions": [[slot.question_id, slot.option_ids] for slot in attempt.slots.all()]})
    starters = [{"token": token.key, "assignment": assignment.pk}
                for token, assignment in zip(tokens[args.takers:], assignments[args.takers:], strict=True)]
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    connection.close()
    return {"takers": takers, "starters": starters}


# --- the load generator (another process) ---------------------------------------------------------------

class Client:
    def __init__(self, port: int) -> None:
        self.port = port

    def request(self, method: str, path: str, token: str | None = None, body: dict | None = None) -> tuple[int, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Connection": "close", "Accept": "application/json"}
        payload = None
        if token:
            headers["Authorization"] = f"Token {token}"
        if body is not None:
            payload = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        try:
            connection.request(method, path, body=payload, headers=headers)
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()


class Saver:
    """Answers of one taker: each question's sequence grows; some saves are sent twice (a retry)."""

    def __init__(self, taker: dict, rng: random.Random) -> None:
        self.taker, self.rng = taker, rng
        self.sequences: dict[int, int] = {}
        self.last: tuple | None = None

    def next_save(self) -> tuple[str, dict, int, int]:
        if self.last is not None and self.rng.random() < 0.05:
            return self.last  # a retry of the previous save, same sequence and payload
        question, options = self.rng.choice(self.taker["questions"])
        sequence = self.sequences[question] = self.sequences.get(question, 0) + 1
        path = f"/api/v1/assessment/attempts/{self.taker['attempt']}/answers/{question}/"
        self.last = (path, {"choices": [self.rng.choice(options)], "sequence": sequence}, question, sequence)
        return self.last


def run_generator(job_path: str, out_path: str, args: argparse.Namespace) -> None:
    job = json.loads(Path(job_path).read_text())
    client = Client(args.port)
    results: dict = {"acks": [], "errors": {}}
    lock = threading.Lock()
    rng = random.Random(11)
    savers = [Saver(taker, random.Random(rng.random())) for taker in job["takers"]]

    def record_error(phase: str, status: int) -> None:
        with lock:
            key = f"{phase}:{status}"
            results["errors"][key] = results["errors"].get(key, 0) + 1

    def save_once(saver: Saver, phase: str) -> tuple[int, float]:
        path, body, question, sequence = saver.next_save()
        started = time.perf_counter()
        status, raw = client.request("PUT", path, saver.taker["token"], body)
        elapsed = time.perf_counter() - started
        if status == 200:
            reply = json.loads(raw)
            if reply["status"] in ("saved", "duplicate"):
                with lock:
                    results["acks"].append([saver.taker["attempt"], question, sequence, body["choices"]])
        else:
            record_error(phase, status)
        return status, elapsed

    def closed_loop(work, seconds: float, clients: int) -> tuple[int, float, list[float]]:
        stop = time.perf_counter() + seconds
        latencies: list[float] = []
        count = [0]

        def worker(i: int) -> None:
            local = []
            while time.perf_counter() < stop:
                local.append(work(i))
            with lock:
                latencies.extend(local)
                count[0] += len(local)

        began = time.perf_counter()
        threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return count[0], time.perf_counter() - began, latencies

    # 1. the framework's ceiling
    def trivial(_i: int) -> float:
        started = time.perf_counter()
        status, _body = client.request("GET", "/bench/ping/")
        if status != 200:
            record_error("trivial", status)
        return time.perf_counter() - started

    closed_loop(trivial, 2, args.clients)  # warm-up: workers import everything, connections open
    count, elapsed, _lat = closed_loop(trivial, args.seconds, args.clients)
    results["trivial_view_rps"] = count / elapsed

    # 2. saves paced at --rate (latency from the scheduled time: queueing counts)
    per_thread = [savers[i::args.clients * 2] for i in range(args.clients * 2)]
    paced: list[float] = []
    interval = 1.0 / args.rate
    total = int(args.rate * args.seconds)
    origin = time.perf_counter() + 0.5
    tickets = iter(range(total))
    ticket_lock = threading.Lock()

    def paced_worker(i: int) -> None:
        mine = per_thread[i]
        local = []
        while True:
            with ticket_lock:
                n = next(tickets, None)
            if n is None:
                break
            scheduled = origin + n * interval
            delay = scheduled - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            saver = mine[n % len(mine)]
            _status, _elapsed = save_once(saver, "paced")
            local.append(time.perf_counter() - scheduled)
        with lock:
            paced.extend(local)

    began = time.perf_counter()
    threads = [threading.Thread(target=paced_worker, args=(i,)) for i in range(len(per_thread))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    results["paced"] = {"latencies": paced, "seconds": time.perf_counter() - began, "count": len(paced)}

    # 3. saves at full load
    groups = [savers[i::args.clients] for i in range(args.clients)]
    counters = [0] * args.clients

    def full(i: int) -> float:
        counters[i] += 1
        return save_once(groups[i][counters[i] % len(groups[i])], "full")[1]

    count, elapsed, latencies = closed_loop(full, args.seconds, args.clients)
    results["full"] = {"count": count, "seconds": elapsed, "latencies": latencies}

    # 4. a burst of attempt starts
    starters = iter(job["starters"])
    start_latencies: list[float] = []

    def starter(_i: int) -> None:
        local = []
        while True:
            with ticket_lock:
                item = next(starters, None)
            if item is None:
                break
            started = time.perf_counter()
            status, _body = client.request("POST", "/api/v1/assessment/attempts/", item["token"],
                                           {"assignment": item["assignment"]})
            local.append(time.perf_counter() - started)
            if status != 201:
                record_error("start", status)
        with lock:
            start_latencies.extend(local)

    began = time.perf_counter()
    threads = [threading.Thread(target=starter, args=(i,)) for i in range(args.clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    results["starts"] = {"latencies": start_latencies, "seconds": time.perf_counter() - began}
    Path(out_path).write_text(json.dumps(results))


# --- orchestration ---------------------------------------------------------------------------------------

def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))] * 1000


def wait_ready(port: int, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit("gunicorn exited before it was ready")
        try:
            if Client(port).request("GET", "/bench/ping/")[0] == 200:
                return
        except OSError:
            time.sleep(0.3)
    sys.exit("gunicorn did not answer in time")


def count_lost(acks: list[list]) -> tuple[int, int]:
    from django.db import connection

    best: dict[tuple[int, int], tuple[int, list[int]]] = {}
    for attempt, question, sequence, choices in acks:
        key = (attempt, question)
        if key not in best or sequence > best[key][0]:
            best[key] = (sequence, choices)
    lost = 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT attempt_id, question_id, sequence, selected FROM assessment_attemptslot "
                       "WHERE attempt_id = ANY(%s)", [sorted({a for a, _q in best})])
        stored = {(a, q): (s, sel if isinstance(sel, list) else json.loads(sel)) for a, q, s, sel in cursor.fetchall()}
    for key, (sequence, choices) in best.items():
        have = stored.get(key)
        if have is None or have[0] < sequence or (have[0] == sequence and have[1] != choices):
            lost += 1
    return lost, len(best)


def main() -> None:
    args = parse_args()
    if args.generate:
        run_generator(args.generate, args.out, args)
        return
    base_url = os.environ.get("DATABASE_URL", "")
    if not base_url.startswith(("postgres://", "postgresql://")):
        sys.exit("DATABASE_URL must point to PostgreSQL (the bench creates its own database there).")
    database_url = bench_database_url(base_url, args.database)
    recreate_database(base_url, args.database)
    job = prepare(args, database_url)
    work = Path(tempfile.mkdtemp(prefix="answer-save-"))
    (work / "job.json").write_text(json.dumps(job))

    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    server = subprocess.Popen(
        [gunicorn, "config.wsgi", "--workers", "2", "--threads", str(args.threads), "--bind", f"127.0.0.1:{args.port}",
         "--log-level", "warning", "--backlog", "2048"], cwd=ROOT, env=server_env(database_url))
    try:
        wait_ready(args.port, server)
        print("load: trivial view, paced saves, saves at full load, starts…", flush=True)
        generator = subprocess.run(
            [sys.executable, __file__, "--generate", str(work / "job.json"), "--out", str(work / "out.json"),
             "--port", str(args.port), "--seconds", str(args.seconds), "--rate", str(args.rate),
             "--clients", str(args.clients)], cwd=ROOT, check=False)
        if generator.returncode != 0:
            sys.exit("the load generator failed")
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
    out = json.loads((work / "out.json").read_text())
    lost, checked = count_lost(out["acks"])
    paced, full, starts = out["paced"], out["full"], out["starts"]
    result = {
        "saves_per_s": round(full["count"] / full["seconds"], 1),
        "p50_ms": round(percentile(paced["latencies"], 50), 2),
        "p95_ms": round(percentile(paced["latencies"], 95), 2),
        "p99_ms": round(percentile(paced["latencies"], 99), 2),
        "trivial_view_rps": round(out["trivial_view_rps"], 1),
        "start_p95_ms": round(percentile(starts["latencies"], 95), 2),
        "lost_answers": lost,
        "paced_rate_per_s": round(paced["count"] / paced["seconds"], 1),
        "full_load_p50_ms": round(percentile(full["latencies"], 50), 2),
        "full_load_p95_ms": round(percentile(full["latencies"], 95), 2),
        "start_p50_ms": round(percentile(starts["latencies"], 50), 2),
        "starts": len(starts["latencies"]),
        "acknowledged_answers_checked": checked,
        "saves_total": paced["count"] + full["count"],
        "saves_vs_trivial": round(full["count"] / full["seconds"] / out["trivial_view_rps"], 2),
        "errors": out["errors"],
        "takers": args.takers, "clients": args.clients, "workers": 2, "threads": args.threads, "cpus": os.cpu_count(),
        "load_average": round(os.getloadavg()[0], 2),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
