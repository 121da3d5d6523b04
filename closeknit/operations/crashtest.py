"""The crash test: writes over HTTP while the production server is killed, again and again.

Two linked partners are signed up through the JSON API. Writer threads then add
rows as fast as the server takes them (replies under answers, answers to bonus
questions, replies to check-ins, repairs), each with a distinctive text, and note
every write that got a 2xx response. Meanwhile the driver SIGKILLs the whole
gunicorn process group at a random moment and starts it again, as many times as
asked. At the end every acknowledged write must be in the database with its text
(read back, decrypted, through the app's own models) and SQLite's
``PRAGMA integrity_check`` must say ``ok``.

A SIGKILL ends the processes, not the machine: what they handed to the kernel
survives. This proves that a write is committed before it is acknowledged and
that the database recovers from a crash at any moment; it cannot say anything
about a power cut (see the README on ``PRAGMA synchronous``).

Run it with ``make crashtest`` (``CRASH_KILLS=5`` for the short version).
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import random
import secrets
import shutil
import sqlite3
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from closeknit.testing.prodserver import ProductionServer

PASSWORD = "crash test passphrase, long enough"
REQUEST_TIMEOUT = 15.0

# Reads every row the writers can create back through the models, decrypted,
# as {kind: {id: text}}. Run with `manage.py shell -c` against the server's data.
DUMP_CODE = """
import json
from closeknit.checkins.models import CheckInReply
from closeknit.conflict.models import Repair
from closeknit.questions.models import Answer, Comment
rows = {
    "comment": {str(r.pk): r.text for r in Comment.objects.all()},
    "answer": {str(r.pk): r.text for r in Answer.objects.all()},
    "reply": {str(r.pk): r.text for r in CheckInReply.objects.all()},
    "repair": {str(r.pk): r.title for r in Repair.objects.all()},
}
print(json.dumps(rows))
"""


PREPARE_CODE = (
    "from django.core.management import call_command; "
    "call_command('migrate', interactive=False, verbosity=0); "
    "call_command('createcachetable')"
)


class SetupError(RuntimeError):
    """The couple could not be set up over the API."""


@dataclass(frozen=True)
class Write:
    kind: str
    text: str
    id: str | None = None


@dataclass
class Tally:
    """What the writers saw; shared between threads under ``lock``."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    attempted: int = 0
    refused: int = 0
    cut: list[Write] = field(default_factory=list)
    rejected: Counter[str] = field(default_factory=Counter)
    acknowledged: list[Write] = field(default_factory=list)


@dataclass(frozen=True)
class Response:
    status: int
    body: Any


class Cut(Exception):
    """The request was sent but no complete response came back."""


class Refused(Exception):
    """Nothing is listening: the server is down between a kill and its restart."""


def request(
    base: str, method: str, path: str, token: str | None = None, data: Any = None
) -> Response:
    host, _, port = base.removeprefix("http://").partition(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=REQUEST_TIMEOUT)
    headers = {"Accept": "application/json"}
    body = None
    if data is not None:
        body = json.dumps(data).encode()
        headers["Content-Type"] = "application/json"
    if token:
        headers["Authorization"] = f"Bearer {token}"
    try:
        try:
            connection.connect()
        except (ConnectionRefusedError, ConnectionResetError) as exc:
            raise Refused from exc
        try:
            connection.request(method, path, body=body, headers=headers)
            answer = connection.getresponse()
        except (OSError, http.client.HTTPException) as exc:
            raise Cut from exc
        try:
            raw = answer.read()
        except (OSError, http.client.HTTPException):
            # The status line arrived, so the write was acknowledged; the body did not.
            return Response(answer.status, None)
        try:
            parsed = json.loads(raw) if raw else None
        except ValueError:
            parsed = None
        return Response(answer.status, parsed)
    finally:
        connection.close()


def _api(base: str, method: str, path: str, token: str | None = None, data: Any = None) -> Any:
    """A set-up call, which must succeed."""
    answer = request(base, method, "/api/v1" + path, token, data)
    if not 200 <= answer.status < 300:
        raise SetupError(f"{method} {path} answered {answer.status}: {answer.body}")
    return answer.body


@dataclass
class Partner:
    name: str
    token: str
    partner_answer: str = ""
    partner_checkin: str = ""
    library: list[str] = field(default_factory=list)


def set_up_couple(base: str, run: str) -> tuple[Partner, Partner]:
    """Sign up two people, link them, and open things to respond to, all over HTTP."""
    people = []
    for name in ("Ada", "Ben"):
        email = f"{name.lower()}-{run}@crash.example"
        _api(
            base, "POST", "/auth/signup", data={"email": email, "password": PASSWORD, "name": name}
        )
        token = _api(base, "POST", "/auth/token", data={"email": email, "password": PASSWORD})[
            "token"
        ]
        people.append(Partner(name=name, token=token))
    ada, ben = people
    code = _api(base, "POST", "/couple/invitations", ada.token)["code"]
    _api(base, "POST", "/couple/join", ben.token, {"code": code})

    # Today's question, answered by both, so each can reply under the other's answer.
    day = _api(base, "GET", "/questions/today", ada.token)
    answers = {}
    for person in people:
        answered = _api(
            base,
            "POST",
            f"/questions/{day['id']}/answer",
            person.token,
            {"text": f"{person.name} answers today's question ({run})"},
        )
        answers[person.name] = answered["my_answer"]["id"]
    ada.partner_answer, ben.partner_answer = answers["Ben"], answers["Ada"]

    # A shared check-in each, seen by the other, so each can reply to the other's.
    vocabulary = _api(base, "GET", "/checkins/vocabulary", ada.token)
    feeling = vocabulary["families"][0]["feelings"][0]["key"]
    checkins = {}
    for person in people:
        saved = _api(
            base,
            "PUT",
            "/checkins/today",
            person.token,
            {"feelings": [feeling], "intensity": 3, "note": f"{person.name} checks in ({run})"},
        )
        checkins[person.name] = saved["mine"]["id"]
    for person in people:
        _api(base, "POST", "/checkins/today/skip", person.token)
    ada.partner_checkin, ben.partner_checkin = checkins["Ben"], checkins["Ada"]

    # Library questions to ask as bonus questions, split so the two never ask the same.
    library: list[str] = []
    page = 1
    while len(library) < 400:
        found = _api(base, "GET", f"/questions/library?page={page}", ada.token)
        library += [q["id"] for q in found["results"] if q["id"] != day["question"]["id"]]
        if page >= found.get("pages", page):
            break
        page += 1
    ada.library, ben.library = library[0::2], library[1::2]
    return ada, ben


class Writer(threading.Thread):
    """Writes as one partner until told to stop, noting what was acknowledged."""

    def __init__(
        self, base: str, person: Partner, run: str, tally: Tally, seed: int, number: int
    ) -> None:
        super().__init__(name=f"writer-{person.name}-{number}", daemon=True)
        self.base = base
        self.person = person
        self.run_id = run
        self.tally = tally
        self.random = random.Random(seed)  # noqa: S311 - repeatable timing, not secrets
        self.number = number
        self.stopping = threading.Event()
        self.sequence = 0
        self.failure: BaseException | None = None

    def _text(self, kind: str) -> str:
        self.sequence += 1
        return f"crash {self.run_id} {kind} {self.person.name}-{self.number}-{self.sequence}"

    def _write(self, kind: str, method: str, path: str, data: dict[str, Any]) -> Any:
        text = str(next(iter(data.values())))
        try:
            answer = request(self.base, method, "/api/v1" + path, self.person.token, data)
        except Refused:
            with self.tally.lock:
                self.tally.refused += 1
            time.sleep(0.02)
            return None
        except Cut:
            with self.tally.lock:
                self.tally.attempted += 1
                self.tally.cut.append(Write(kind, text))
            return None
        with self.tally.lock:
            self.tally.attempted += 1
            if 200 <= answer.status < 300:
                self.tally.acknowledged.append(Write(kind, text, _id_of(kind, answer.body)))
            else:
                self.tally.rejected[f"{answer.status} on {kind}"] += 1
        return answer.body if 200 <= answer.status < 300 else None

    def _ask_and_answer(self) -> None:
        if not self.person.library:
            self._reply_under_answer()
            return
        question = self.person.library.pop()
        try:
            asked = request(
                self.base, "POST", f"/api/v1/questions/library/{question}/ask", self.person.token
            )
        except Refused:
            time.sleep(0.02)
            return
        except Cut:
            return
        if asked.status != 201 or not isinstance(asked.body, dict):
            return
        path = f"/questions/{asked.body['id']}/answer"
        self._write("answer", "POST", path, {"text": self._text("answer")})

    def _reply_under_answer(self) -> None:
        path = f"/questions/answers/{self.person.partner_answer}/comments"
        self._write("comment", "POST", path, {"text": self._text("comment")})

    def _reply_to_checkin(self) -> None:
        path = f"/checkins/{self.person.partner_checkin}/replies"
        self._write("reply", "POST", path, {"text": self._text("reply")})

    def _start_repair(self) -> None:
        self._write("repair", "POST", "/conflict/repairs", {"title": self._text("repair")})

    def run(self) -> None:
        actions = [
            (self._reply_under_answer, 4),
            (self._ask_and_answer, 3),
            (self._reply_to_checkin, 2),
            (self._start_repair, 1),
        ]
        try:
            while not self.stopping.is_set():
                action = self.random.choices(
                    [a for a, _ in actions], weights=[w for _, w in actions]
                )[0]
                action()
        except BaseException as exc:  # the driver reports it
            self.failure = exc


def _id_of(kind: str, body: Any) -> str | None:
    if not isinstance(body, dict):
        return None
    if kind == "answer":
        mine = body.get("my_answer")
        return str(mine["id"]) if isinstance(mine, dict) else None
    return str(body["id"]) if "id" in body else None


@dataclass
class Report:
    kills: int
    seconds: float
    attempted: int
    acknowledged: int
    cut: int
    cut_but_stored: int
    refused: int
    rejected: dict[str, int]
    lost: list[Write]
    integrity: str
    by_kind: dict[str, int]
    writes: list[Write] = field(default_factory=list, repr=False)

    @property
    def passed(self) -> bool:
        return not self.lost and self.integrity == "ok" and self.acknowledged > 0

    def lines(self) -> list[str]:
        kinds = ", ".join(f"{count} {kind}" for kind, count in sorted(self.by_kind.items()))
        rejected = ", ".join(f"{count} x {what}" for what, count in sorted(self.rejected.items()))
        lines = [
            f"kills:                {self.kills} (SIGKILL of gunicorn and its workers), "
            f"{self.seconds:.0f} s",
            f"writes attempted:     {self.attempted}",
            f"acknowledged (2xx):   {self.acknowledged} ({kinds})",
            f"cut off by a kill:    {self.cut} (no response; {self.cut_but_stored} of them "
            "were stored anyway, which is allowed)",
            f"rejected (4xx/5xx):   {rejected or 'none'}",
            f"refused while down:   {self.refused} (connection refused, not counted as attempts)",
            f"lost:                 {len(self.lost)}",
            f"integrity_check:      {self.integrity}",
        ]
        for write in self.lost[:10]:
            lines.append(f"  LOST {write.kind} {write.id or '(id unknown)'}: {write.text!r}")
        return lines


def stored_rows(server: ProductionServer) -> dict[str, dict[str, str]]:
    """Every row the writers can create, read through the models (so decrypted)."""
    result = server.manage("shell", "-c", DUMP_CODE)
    rows: dict[str, dict[str, str]] = json.loads(result.stdout.strip().splitlines()[-1])
    return rows


def _open_existing(database: Path) -> sqlite3.Connection:
    # mode=rw: a missing file is an error, never a new empty database that checks "ok".
    return sqlite3.connect(f"{database.resolve().as_uri()}?mode=rw", uri=True)


def integrity(database: Path) -> str:
    connection = _open_existing(database)
    try:
        rows = connection.execute("PRAGMA integrity_check").fetchall()
    finally:
        connection.close()
    return "; ".join(str(row[0]) for row in rows)


def raw_count(database: Path, table: str) -> int:
    connection = _open_existing(database)
    try:
        return int(connection.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0])  # noqa: S608
    finally:
        connection.close()


def find_lost(acknowledged: list[Write], stored: dict[str, dict[str, str]]) -> list[Write]:
    """Acknowledged writes that are missing, or whose stored text differs."""
    lost = []
    texts = {kind: set(rows.values()) for kind, rows in stored.items()}
    for write in acknowledged:
        rows = stored.get(write.kind, {})
        if write.id is not None:
            if rows.get(write.id) != write.text:
                lost.append(write)
        elif write.text not in texts.get(write.kind, set()):
            lost.append(write)
    return lost


def verify(server: ProductionServer, tally: Tally, *, kills: int, seconds: float) -> Report:
    stored = stored_rows(server)
    database = server.var_dir / "closeknit.sqlite3"
    if raw_count(database, "questions_comment") != len(stored["comment"]):
        # The file checked here must be the one the server wrote, or "ok" means nothing.
        raise RuntimeError(f"{database} is not the database the server used")
    texts = {text for rows in stored.values() for text in rows.values()}
    return Report(
        kills=kills,
        seconds=seconds,
        attempted=tally.attempted,
        acknowledged=len(tally.acknowledged),
        cut=len(tally.cut),
        cut_but_stored=sum(1 for write in tally.cut if write.text in texts),
        refused=tally.refused,
        rejected=dict(tally.rejected),
        lost=find_lost(tally.acknowledged, stored),
        integrity=integrity(database),
        by_kind=dict(Counter(write.kind for write in tally.acknowledged)),
        writes=list(tally.acknowledged),
    )


def crash_test(
    var_dir: Path,
    *,
    kills: int,
    seed: int,
    writers: int = 3,
    workers: int = 2,
    max_delay: float = 1.5,
    log: Any = None,
) -> Report:
    """Run the whole test in ``var_dir`` (which should be empty) and report."""

    def say(text: str) -> None:
        if log is not None:
            print(text, file=log, flush=True)

    chance = random.Random(seed)  # noqa: S311 - repeatable timing, not secrets
    run = secrets.token_hex(3)
    server = ProductionServer(var_dir, workers=workers)
    say("crashtest: migrating a fresh database...")
    # One Django start-up instead of two, and no collectstatic: the writers only use
    # the JSON API, and on a busy machine every start-up costs seconds.
    server.manage("shell", "-c", PREPARE_CODE)
    server.start()
    tally = Tally()
    threads: list[Writer] = []
    started = time.monotonic()
    try:
        ada, ben = set_up_couple(server.url, run)
        threads = [
            Writer(server.url, (ada, ben)[n % 2], run, tally, seed + n, n) for n in range(writers)
        ]
        for thread in threads:
            thread.start()
        for number in range(1, kills + 1):
            # Anywhere from just after start-up to well into a stream of writes.
            time.sleep(chance.uniform(0.05, max_delay))
            server.kill()
            server.start()
            with tally.lock:
                acknowledged = len(tally.acknowledged)
            say(f"  kill {number}/{kills}: {acknowledged} writes acknowledged so far")
        time.sleep(chance.uniform(0.05, max_delay))
    finally:
        for thread in threads:
            thread.stopping.set()
        for thread in threads:
            thread.join(REQUEST_TIMEOUT * 2)
        server.stop()
    for thread in threads:
        if thread.failure is not None:
            raise RuntimeError(f"{thread.name} failed") from thread.failure
    return verify(server, tally, kills=kills, seconds=time.monotonic() - started)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--kills", type=int, default=30, help="How many SIGKILLs (default 30).")
    parser.add_argument("--seed", type=int, default=None, help="Repeat a run's random choices.")
    parser.add_argument("--writers", type=int, default=3, help="Writer threads (default 3).")
    parser.add_argument(
        "--workers", type=int, default=2, help="gunicorn worker processes (default 2)."
    )
    parser.add_argument(
        "--max-delay",
        type=float,
        default=1.5,
        help="Longest wait, in seconds, between a (re)start and the next kill (default 1.5).",
    )
    parser.add_argument(
        "--keep", action="store_true", help="Keep the temporary data folder for a look."
    )
    options = parser.parse_args(argv)
    if options.kills < 1:
        parser.error("--kills must be at least 1")
    seed = options.seed if options.seed is not None else secrets.randbelow(1_000_000)
    folder = Path(tempfile.mkdtemp(prefix="closeknit-crashtest-"))
    print(f"crashtest: {options.kills} kills, seed {seed}, data in {folder}", flush=True)
    try:
        report = crash_test(
            folder,
            kills=options.kills,
            seed=seed,
            writers=options.writers,
            workers=options.workers,
            max_delay=options.max_delay,
            log=sys.stdout,
        )
    finally:
        if not options.keep:
            with contextlib.suppress(OSError):
                shutil.rmtree(folder)
    print("\n".join(report.lines()))
    if report.passed:
        print("crashtest: PASSED, every acknowledged write survived and the database is intact.")
        return 0
    if report.acknowledged == 0:
        print("crashtest: FAILED, no write was acknowledged, so nothing was tested.")
    else:
        print("crashtest: FAILED")
    return 1
