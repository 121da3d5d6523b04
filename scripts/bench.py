"""`make bench`: how fast Closeknit serves a couple with years of history.

1. Seeds the data set (manage.py seed_bench: a couple with two years of daily use of
   every feature, one with a week, one with five years, and a thousand others), or
   reuses the copy kept in var/bench/cache/ for the same migrations, seed code, keys
   and day.
2. Starts the production configuration (gunicorn, 2 workers) on 127.0.0.1 and signs
   partner A of each measured couple in on the server's side (a session cookie for
   the pages, a bearer token for the API).
3. Counts the SQL queries of each request (scripts/bench_queries.py).
4. Measures with wrk, in interleaved rounds so that noise from the rest of the machine
   falls on every endpoint alike: /healthz (the ceiling: same server and middleware,
   no database), then each page at 1 connection (latency) and at 16 (throughput).
   In each round the growth check asks for each page as the one-week and as the
   five-year couple, one request at a time and in turn, and compares the CPU time a
   worker spends per request.
5. Prints the table, writes JSON to artifacts/bench/, and exits 1 when a page makes
   more than 8 queries or the growth check differs by 20% or more (2 when the run
   itself went wrong). Latency and throughput targets are reported, not enforced.

    .venv/bin/python scripts/bench.py            # full: 1000 other couples, 3 rounds
    .venv/bin/python scripts/bench.py --quick    # CI: fewer other couples, 2 rounds
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from datetime import time as clock
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_report as report  # noqa: E402
import bench_wrk as wrk  # noqa: E402

from closeknit.lib.timezones import couple_date  # noqa: E402
from closeknit.testing.prodserver import ProductionServer  # noqa: E402

BENCH_DIR = ROOT / "var" / "bench"
RUN_DIR = BENCH_DIR / "run"
CACHE_DIR = BENCH_DIR / "cache"
RESULTS_DIR = ROOT / "artifacts" / "bench"
SEED_CODE = sorted(
    (ROOT / "closeknit" / "today" / "management" / "commands").glob("seed_bench*.py")
)
# What else decides the seeded rows: the schema, the library, and the rules the seed
# follows (question choice, focus, streaks, the vocabulary, sealing).
SEED_INPUTS = (
    "closeknit/*/migrations/*.py",
    "closeknit/*/models.py",
    "closeknit/questions/library/*",
    "closeknit/questions/selection.py",
    "closeknit/questions/selectors.py",
    "closeknit/closeness/focus.py",
    "closeknit/closeness/scoring.py",
    "closeknit/closeness/items.py",
    "closeknit/checkins/vocabulary.py",
    "closeknit/lib/*.py",
)
WORKERS = 2
MANY = 16
MEASURED, WEEK, YEARS = "twoyears", "oneweek", "fiveyears"
# The measured couples' home and the hour their day turns over (seed_bench_story's
# defaults): a cached data set is only reused on the same day of theirs.
HOME, DAY_STARTS = "Europe/London", clock(4, 0)


@dataclass(frozen=True)
class Endpoint:
    name: str
    path: str  # {daily} is today's daily question of the couple
    api: bool = False


ENDPOINTS = (
    Endpoint("Today", "/today/"),
    Endpoint("Question of the day", "/questions/{daily}/"),
    Endpoint("Question history", "/questions/history/"),
    Endpoint("Insights", "/insights/"),
    Endpoint("API questions/today", "/api/v1/questions/today", api=True),
    Endpoint("API questions/history", "/api/v1/questions/history", api=True),
    Endpoint("API checkins/today", "/api/v1/checkins/today", api=True),
    Endpoint("API checkins/history", "/api/v1/checkins/history", api=True),
    Endpoint("API insights", "/api/v1/insights", api=True),
    # Not a page: the least a signed-in request can cost (the token, the person and
    # their couple, a few fields back), to show how much of each page is sign-in.
    Endpoint("API me (sign-in alone)", "/api/v1/me", api=True),
)
NAMES = [endpoint.name for endpoint in ENDPOINTS]


@dataclass(frozen=True)
class Mode:
    name: str
    others: int  # other couples in the database
    rounds: int
    seconds: int  # per wrk run
    pairs: int  # growth check: requests per couple, page and round


FULL = Mode("full", others=1000, rounds=3, seconds=1, pairs=12)
QUICK = Mode("quick", others=100, rounds=2, seconds=1, pairs=10)


def say(message: str) -> None:
    print(message, flush=True)


# The data set ------------------------------------------------------------------------


def seed_key(server: ProductionServer, mode: Mode) -> str:
    """What the seeded database depends on: schema, seed code and the rules it follows,
    the keys, the size, and the measured couples' day."""
    digest = hashlib.sha256()
    inputs = {path for pattern in SEED_INPUTS for path in ROOT.glob(pattern)}
    for path in sorted(inputs | set(SEED_CODE)):
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    for package in ("django", "django-allauth"):
        digest.update(f"{package}={metadata.version(package)}".encode())
    # The rows are sealed with these keys: another key file cannot open them.
    digest.update(server.env()["CLOSEKNIT_KEYS"].encode())
    today = couple_date(datetime.now(UTC), HOME, DAY_STARTS)
    digest.update(f"{mode.others}|{today.isoformat()}".encode())
    return f"seed-{mode.others}-{digest.hexdigest()[:20]}"


def _remove_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            Path(f"{path}{suffix}").unlink()


def seed_or_reuse(server: ProductionServer, mode: Mode, *, reseed: bool) -> dict[str, Any]:
    database = RUN_DIR / "closeknit.sqlite3"
    key = seed_key(server, mode)
    cached = CACHE_DIR / f"{key}.sqlite3"
    started = time.monotonic()
    _remove_database(database)
    if cached.exists() and not reseed:
        shutil.copyfile(cached, database)
        say(f"Reusing the seeded data set {cached.relative_to(ROOT)}")
        return {"reused": True, "seconds": round(time.monotonic() - started, 1), "key": key}
    say(f"Seeding the data set ({mode.others} other couples)...")
    server.manage("migrate", "--noinput")
    server.manage("createcachetable")
    migrated = time.monotonic()
    output = server.manage("seed_bench", "--others", str(mode.others)).stdout
    seeded = time.monotonic()
    say("  " + output.strip().splitlines()[0])
    # One file, no write-ahead log beside it, so it can be copied as it is.
    with contextlib.closing(sqlite3.connect(database)) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    for old in CACHE_DIR.glob(f"seed-{mode.others}-*.sqlite3"):
        old.unlink()
    partial = cached.with_suffix(".partial")
    shutil.copyfile(database, partial)
    partial.replace(cached)
    return {
        "reused": False,
        "key": key,
        "migrate_seconds": round(migrated - started, 1),
        "seed_seconds": round(seeded - migrated, 1),
        "seconds": round(time.monotonic() - started, 1),
        "summary": output.strip().splitlines(),
    }


# Requests ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    endpoint: Endpoint
    couple: str
    path: str
    headers: dict[str, str]


def targets_for(login: dict[str, Any]) -> dict[tuple[str, str], Target]:
    cookie_name = login["cookie"]
    found = {}
    for couple, person in login["couples"].items():
        for endpoint in ENDPOINTS:
            headers = (
                {"Authorization": f"Bearer {person['token']}"}
                if endpoint.api
                else {"Cookie": f"{cookie_name}={person['session']}"}
            )
            path = endpoint.path.format(daily=person["daily_id"])
            found[(endpoint.name, couple)] = Target(endpoint, couple, path, headers)
    return found


def start_sign_in(server: ProductionServer) -> subprocess.Popen[str]:
    """Sign in and count queries (scripts/bench_queries.py), beside the server starting."""
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and script
        [sys.executable, str(ROOT / "scripts" / "bench_queries.py")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=server.env(),
        cwd=ROOT,
    )
    assert process.stdin is not None
    endpoints = [{"name": e.name, "path": e.path, "api": e.api} for e in ENDPOINTS]
    process.stdin.write(json.dumps({"endpoints": endpoints, "labels": [MEASURED, WEEK, YEARS]}))
    process.stdin.close()
    return process


def finish_sign_in(process: subprocess.Popen[str]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The credentials, and the queries per request by couple and endpoint."""
    assert process.stdout is not None
    assert process.stderr is not None
    output, errors = process.stdout.read(), process.stderr.read()
    if process.wait() != 0:
        raise RuntimeError(f"signing in and counting queries failed:\n{errors[-3000:]}")
    found = json.loads(output)
    queries: dict[str, Any] = {}
    for couple, results in found["counted"].items():
        for name, result in results.items():
            if result["status"] != 200:
                raise RuntimeError(f"{name} for {couple} answered {result['status']}, not 200")
            queries.setdefault(couple, {})[name] = result["queries"]
    return found, queries


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def check_answers(server: ProductionServer, targets: dict[tuple[str, str], Target]) -> None:
    """Every endpoint must answer 200 to the signed-in person: a redirect to the sign-in
    page or an error would be measured as if it were the page. Asked a few times at
    once, so each worker has rendered each page before anything is timed."""
    opener = urllib.request.build_opener(_NoRedirects)

    def status_of(target: Target) -> tuple[Target, int]:
        request = urllib.request.Request(server.url + target.path, headers=target.headers)  # noqa: S310
        try:
            with opener.open(request, timeout=60) as answer:
                answer.read()
                return target, answer.status
        except urllib.error.HTTPError as error:
            return target, error.code

    warming = [t for t in targets.values() if t.couple == MEASURED] * (2 * WORKERS - 1)
    with ThreadPoolExecutor(max_workers=2 * WORKERS) as pool:
        for target, status in pool.map(status_of, [*targets.values(), *warming]):
            if status != 200:
                raise RuntimeError(f"{target.path} for {target.couple} answered {status}, not 200")


def collect_static(server: ProductionServer) -> None:
    """Hashed static files for whitenoise, in the server's own folder, unless every file
    is there already and none has changed since."""
    manifest = Path(server.env()["CLOSEKNIT_STATIC_ROOT"]) / "staticfiles.json"
    sources = [p for p in (ROOT / "closeknit" / "static").rglob("*") if p.is_file()]
    if manifest.exists():
        collected = json.loads(manifest.read_text()).get("paths", {})
        newest = max(p.stat().st_mtime for p in sources)
        names = {p.relative_to(ROOT / "closeknit" / "static").as_posix() for p in sources}
        if names <= collected.keys() and manifest.stat().st_mtime >= newest:
            return
    server.manage("collectstatic", "--noinput", "--clear")


# Measuring -----------------------------------------------------------------------------


def _task_cpu(pid: str) -> float:
    """CPU seconds a process has used, from the scheduler's nanosecond count over all
    its threads (the tick counts in /proc/<pid>/stat are too coarse for short runs)."""
    return sum(
        int(schedstat.read_text().split()[0]) / 1e9
        for schedstat in Path(f"/proc/{pid}/task").glob("*/schedstat")
    )


def worker_cpu(master: int) -> dict[int, float]:
    """CPU seconds used so far by each of gunicorn's workers."""
    found = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            # The name, in parentheses, may hold spaces: the fields after it are fixed.
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            if parent == master:
                found[int(stat.parent.name)] = _task_cpu(stat.parent.name)
    return found


class Runner:
    def __init__(self, server: ProductionServer, script: Path, seconds: int) -> None:
        self.server = server
        self.script = script
        self.seconds = seconds
        self.runs = 0

    def run(self, path: str, headers: dict[str, str], connections: int) -> wrk.WrkResult:
        assert self.server.process is not None
        master = self.server.process.pid
        before = worker_cpu(master)
        result = wrk.run(
            self.server.url + path,
            connections=connections,
            seconds=self.seconds,
            headers=headers,
            script=self.script,
        )
        # The requests wrk left in flight are served before the next run starts (it must
        # not queue behind them), and their CPU time is counted with them.
        self.settle()
        after = worker_cpu(master)
        if set(after) != set(before):
            raise RuntimeError(f"a gunicorn worker was replaced during {path}; see server.log")
        result = replace(
            result,
            worker_cpu_s=sum(after.values()) - sum(before.values()),
            worker_requests=result.requests + connections,
        )
        self.runs += 1
        if result.socket_errors or result.error_statuses or not result.requests:
            raise RuntimeError(
                f"{path}: {result.error_statuses} error responses and {result.socket_errors} "
                f"socket errors in {result.requests} requests"
            )
        return result

    def settle(self) -> None:
        """Wait for the requests wrk left queued to be served: the next run must not
        start behind them. /healthz answers once a worker is through the queue; the
        other may still be on its last request, so then wait until neither is using
        any CPU."""
        with urllib.request.urlopen(self.server.url + "/healthz", timeout=60) as answer:  # noqa: S310
            answer.read()
        assert self.server.process is not None
        master = self.server.process.pid
        deadline = time.monotonic() + 30
        used = worker_cpu(master)
        while time.monotonic() < deadline:
            time.sleep(0.05)
            now = worker_cpu(master)
            if now == used:
                return
            used = now
        raise RuntimeError("the gunicorn workers stayed busy for 30 s after a run")

    def trivial(self) -> tuple[wrk.WrkResult, wrk.WrkResult]:
        return self.run("/healthz", {}, 1), self.run("/healthz", {}, MANY)


class Sampler:
    """The growth check's requests: one at a time, alternating between the two couples,
    each with the CPU time the server's workers spent on it."""

    def __init__(self, server: ProductionServer) -> None:
        assert server.process is not None
        self.server = server
        self.workers = sorted(worker_cpu(server.process.pid))
        self.opener = urllib.request.build_opener(_NoRedirects)

    def cpu(self) -> float:
        return sum(_task_cpu(str(pid)) for pid in self.workers)

    def sample(self, target: Target) -> report.Sample:
        request = urllib.request.Request(self.server.url + target.path, headers=target.headers)  # noqa: S310
        before, started = self.cpu(), time.perf_counter()
        with self.opener.open(request, timeout=60) as answer:
            answer.read()
            status = answer.status
        waited, used = time.perf_counter() - started, self.cpu() - before
        if status != 200 or used < 0:
            raise RuntimeError(f"{target.path} for {target.couple}: status {status}, CPU {used}")
        return report.Sample(cpu_s=used, wall_s=waited)


def measure(
    runner: Runner, targets: dict[tuple[str, str], Target], mode: Mode
) -> tuple[
    list[report.Round],
    tuple[wrk.WrkResult, wrk.WrkResult],
    dict[tuple[str, str], list[report.Sample]],
]:
    done: list[report.Round] = []
    sampler = Sampler(runner.server)
    samples: dict[tuple[str, str], list[report.Sample]] = {
        (name, couple): [] for name in NAMES for couple in (WEEK, YEARS)
    }
    for number in range(mode.rounds):
        one, many = runner.trivial()
        pages: dict[tuple[str, str, int], wrk.WrkResult] = {}
        # A different page first each round, so drift during a round does not always
        # fall on the same page.
        order = NAMES[number % len(NAMES) :] + NAMES[: number % len(NAMES)]
        for name in order:
            target = targets[(name, MEASURED)]
            pages[(name, MEASURED, 1)] = runner.run(target.path, target.headers, 1)
            pages[(name, MEASURED, MANY)] = runner.run(target.path, target.headers, MANY)
            for pair in range(mode.pairs):
                couples = (WEEK, YEARS) if (pair + number) % 2 == 0 else (YEARS, WEEK)
                for couple in couples:
                    samples[(name, couple)].append(sampler.sample(targets[(name, couple)]))
        done.append(report.Round(trivial_one=one, trivial_many=many, pages=pages))
        say(f"  round {number + 1}/{mode.rounds} done ({runner.runs} wrk runs)")
    assert runner.server.process is not None
    if sorted(worker_cpu(runner.server.process.pid)) != sampler.workers:
        raise RuntimeError("a gunicorn worker was replaced during the growth check")
    return done, runner.trivial(), samples


# The whole run -------------------------------------------------------------------------


def _git_commit() -> str:
    found = subprocess.run(
        ["git", "describe", "--always", "--dirty"],  # noqa: S607 - git from PATH
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    return found.stdout.strip() or "unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="the short run CI makes")
    parser.add_argument("--rounds", type=int, help="rounds of measurement")
    parser.add_argument("--others", type=int, help="other couples to seed")
    parser.add_argument("--reseed", action="store_true", help="seed even if a copy is cached")
    args = parser.parse_args(argv)
    base = QUICK if args.quick else FULL
    mode = Mode(
        base.name,
        others=base.others if args.others is None else args.others,
        rounds=args.rounds or base.rounds,
        seconds=base.seconds,
        pairs=base.pairs,
    )
    started = time.monotonic()
    load_before = os.getloadavg()
    RUN_DIR.mkdir(parents=True, exist_ok=True)
    script = wrk.write_script(RUN_DIR)
    server = ProductionServer(RUN_DIR, workers=WORKERS)
    try:
        wrk.wrk_path()
        seeding = seed_or_reuse(server, mode, reseed=args.reseed)
        collect_static(server)
        signing_in = start_sign_in(server)
        try:
            try:
                server.start(timeout=180)
            finally:
                login, queries = finish_sign_in(signing_in)
            prepared = time.monotonic()
            targets = targets_for(login)
            check_answers(server, targets)
            runner = Runner(server, script, mode.seconds)
            runner.run("/healthz", {}, MANY)
            say(f"Measuring: {mode.rounds} rounds of {len(NAMES)} endpoints, {mode.seconds} s each")
            rounds, closing, samples = measure(runner, targets, mode)
        finally:
            server.stop()
    except (RuntimeError, wrk.WrkError, subprocess.CalledProcessError) as error:
        detail = getattr(error, "stderr", "") or ""
        say(f"\nThe benchmark could not run: {error}\n{detail[-3000:]}")
        return 2
    measured_seconds = time.monotonic() - prepared
    # The seeded copy stays in the cache; this one only gained sessions and tokens.
    _remove_database(RUN_DIR / "closeknit.sqlite3")

    pages = report.summarize_pages(
        rounds, NAMES, MEASURED, many=MANY, queries=queries[MEASURED], closing=closing
    )
    growth = report.summarize_growth(
        samples,
        NAMES,
        week=WEEK,
        years=YEARS,
        queries_week=queries[WEEK],
        queries_years=queries[YEARS],
    )
    trivial_runs = [(r.trivial_one, r.trivial_many) for r in rounds] + [closing]
    trivial = {
        "p50_ms": report.median([one.p50_ms for one, _many in trivial_runs]),
        "p99_ms": report.median([one.p99_ms for one, _many in trivial_runs]),
        "rps": report.median([many.rps for _one, many in trivial_runs]),
        "cpu_ms": report.median_cpu([one for one, _many in trivial_runs]),
    }
    problems = report.failures(pages, growth)
    total = time.monotonic() - started

    say("")
    say(
        f"Closeknit bench ({mode.name}): gunicorn with {WORKERS} workers on 127.0.0.1, "
        f"{mode.rounds} interleaved rounds, {mode.seconds} s per run; latency at 1 "
        f"connection, throughput at {MANY}; CPU ms is the workers' CPU time per request; "
        "medians over the rounds."
    )
    say(f"Measured couple: two years of daily use; {mode.others} other couples in the database.")
    say("")
    say(report.pages_table(trivial, pages, MANY))
    say("")
    say(
        f"Growth: the same endpoints for a couple with 1 week and one with 5 years of "
        f"data, one request at a time, the two couples in turn ({mode.pairs} each per "
        "round); medians. The change is in throughput per CPU-second of the workers "
        "(beside it, from the wall-clock time)."
    )
    say(report.growth_table(growth))
    say("")
    say(
        f"Targets: throughput >= {report.MIN_THROUGHPUT_RATIO} x trivial and p99 < "
        f"{report.MAX_P99_MS:.0f} ms are reported (PASS/MISS); <= {report.MAX_QUERIES} "
        f"queries and growth < {report.MAX_GROWTH:.0%} fail the run."
    )
    say(
        f"Took {total:.0f} s (data set {seeding['seconds']:.0f} s"
        f"{', reused' if seeding['reused'] else ''}; measuring {measured_seconds:.0f} s)."
    )

    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    out = RESULTS_DIR / f"results-{stamp}.json"
    out.write_text(
        json.dumps(
            {
                "when": stamp,
                "commit": _git_commit(),
                "mode": vars(mode),
                "workers": WORKERS,
                "connections": {"latency": 1, "throughput": MANY},
                "machine": {
                    "cpus": os.cpu_count(),
                    "load_before": load_before,
                    "load_after": os.getloadavg(),
                },
                "wrk": shutil.which("wrk"),
                "seconds": round(total, 1),
                "data_set": seeding,
                "trivial": trivial,
                "pages": [report.as_json(page) for page in pages],
                "growth": [report.as_json(row) for row in growth],
                "growth_samples": {
                    f"{couple}|{name}": [vars(sample) for sample in taken]
                    for (name, couple), taken in samples.items()
                },
                "queries": queries,
                "rounds": [
                    {
                        "trivial_one": r.trivial_one.as_dict(),
                        "trivial_many": r.trivial_many.as_dict(),
                        "pages": [
                            {"endpoint": name, "couple": couple, "connections": n, **run.as_dict()}
                            for (name, couple, n), run in r.pages.items()
                        ],
                    }
                    for r in rounds
                ],
                "failures": problems,
            },
            indent=2,
        )
    )
    say(f"Results: {out.relative_to(ROOT)}")
    if problems:
        say("\nFAILED:")
        for problem in problems:
            say(f"  - {problem}")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
