"""Canaries: private words partner A writes never reach anyone else, anywhere.

Partner A writes distinctive strings, through the pages and the API as a person
would, into everything that is private at that moment: an answer partner B has not
matched yet, a check-in kept "just for me", repair sides not yet revealed. Other
strings go into what the couple shares (their own questions, a deck, a time-out
note, a revealed answer): partner B may see those, nobody else may.

Then every route of the matrix is requested, every method, with the ids of those
very objects, as partner B, the outsider, someone on their own and nobody signed
in. No answer (body, headers or cookies, as text or in base64) may hold a string
it must not. Nor may any e-mail sent meanwhile, the log output (every logger at
DEBUG, SQL included), or, on SQLite, the database file itself. A's own pages
must show every string: that proves they were written and that the search would
have found them.
"""

from __future__ import annotations

import json
import logging
import re
import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.http import QueryDict
from django.urls import reverse

from closeknit.closeness.items import ITEMS

# The lib test's helpers read the SQLite file and spell a string as base64 would.
from closeknit.lib.tests.test_canary import _database_bytes, _encodings_of
from closeknit.questions.models import Answer, DailyQuestion
from tests.security.conftest import (
    NOON,
    Seen,
    Visitor,
    World,
    add_passkey,
    common_values,
    deck_file,
    month_values,
    open_invitation_code,
    route_overrides,
)
from tests.security.logcapture import AllLogs
from tests.security.matrix import BODIES
from tests.security.routes import all_routes

pytestmark = pytest.mark.django_db(transaction=True)

OTHERS = ("partner_b", "outsider", "solo", "anonymous")
# B answering the day's question is what reveals A's answer to B, by design; sent
# with an empty body, these stop at 422 and the answer stays A's.
REVEALING = frozenset({("/questions/{daily_id}/answer", "POST"), ("questions:answer", "POST")})
# Who must never see what: private strings are A's alone, the couple's are A's and B's.
BLIND_TO_PRIVATE = OTHERS
BLIND_TO_COUPLE = ("outsider", "solo", "anonymous")


@pytest.fixture(autouse=True)
def _at_noon() -> Iterator[None]:
    # The clock stands still here: the same page read twice must read the same.
    with time_machine.travel(NOON, tick=False):
        yield


def canary(label: str) -> str:
    # Short enough for the 40-character pronouns field; never occurs by chance.
    return f"canary-{label}-{secrets.token_hex(6)}"


@dataclass
class Canaries:
    private: dict[str, str] = field(default_factory=dict)
    couple: dict[str, str] = field(default_factory=dict)
    # Each set of ids the URLs are filled with; the first is the main one.
    worlds: list[World] = field(default_factory=list)

    def every(self) -> dict[str, str]:
        return self.private | self.couple


def _ok(seen: Seen, what: str) -> Seen:
    assert seen.status < 400, (what, seen.status, seen.body[:600])
    return seen


def _write(
    who: Visitor, method: str, url: str, body: dict[str, object] | None, what: str
) -> dict[str, Any]:
    """A request through the API whose effects stay; returns the JSON answer.

    Reading today's question is one: the day's question is chosen on first sight.
    """
    seen = _ok(who.send(method, url, api=True, body=body, rollback=False), what)
    return json.loads(seen.body) if seen.body else {}


def _post_page(who: Visitor, url: str, form: dict[str, object], what: str) -> Seen:
    return _ok(who.send("POST", url, api=False, body=form, rollback=False), what)


def _answers(value: int) -> dict[str, int]:
    return {item.key: value for item in ITEMS}


def _revealed_day(a: Visitor, b: Visitor, found: Canaries, days_ago: int) -> dict[str, str]:
    """A past day both answered, with A's comment under B's answer: the couple's."""
    found.couple["revealed answer"] = canary("ans")
    found.couple["comment"] = canary("comment")
    with time_machine.travel(NOON - timedelta(days=days_ago), tick=False):
        daily = _write(a, "GET", "/api/v1/questions/today", None, "today's question")["id"]
        mine = _write(
            a,
            "POST",
            f"/api/v1/questions/{daily}/answer",
            {"text": f"Ours: {found.couple['revealed answer']}"},
            "A answers",
        )["my_answer"]["id"]
        theirs = _write(
            b, "POST", f"/api/v1/questions/{daily}/answer", {"text": "Mine too."}, "B answers"
        )["my_answer"]["id"]
        _write(
            a,
            "POST",
            f"/api/v1/questions/answers/{theirs}/comments",
            {"text": found.couple["comment"]},
            "A comments",
        )
    return {"daily_id": daily, "answer_id": mine}


def _unmatched_day(a: Visitor, found: Canaries, days_ago: int) -> dict[str, str]:
    """A past day only A answered: private for good."""
    found.private["unmatched answer"] = canary("alone")
    with time_machine.travel(NOON - timedelta(days=days_ago), tick=False):
        daily = _write(a, "GET", "/api/v1/questions/today", None, "today's question")["id"]
        mine = _write(
            a,
            "POST",
            f"/api/v1/questions/{daily}/answer",
            {"text": found.private["unmatched answer"]},
            "A answers alone",
        )["my_answer"]["id"]
    return {"daily_id": daily, "answer_id": mine}


@pytest.fixture
def canaries(visitors: dict[str, Visitor], partner_a, logs: AllLogs) -> Canaries:
    """Everything A writes, with the logs already listening."""
    a, b = visitors["partner_a"], visitors["partner_b"]
    found = Canaries()
    revealed = _revealed_day(a, b, found, days_ago=2)
    unmatched = _unmatched_day(a, found, days_ago=1)

    # Today's question, answered by A only, on the page.
    found.private["answer"] = canary("answer")
    daily = _write(a, "GET", "/api/v1/questions/today", None, "today's question")["id"]
    _post_page(a, f"/questions/{daily}/answer/", {"text": found.private["answer"]}, "answer")
    answer = Answer.objects.get(daily_id=daily, author=partner_a.user)

    # A check-in just for A, with a note and a need in A's words.
    found.private["check-in note"] = canary("note")
    found.private["check-in need"] = canary("need")
    checkin = _write(
        a,
        "PUT",
        "/api/v1/checkins/today",
        {
            "feelings": ["lonely"],
            "intensity": 4,
            "note": found.private["check-in note"],
            "need": "hug",
            "need_text": found.private["check-in need"],
            "shared": False,
        },
        "private check-in",
    )["mine"]["id"]

    # B's shared check-in, which A sees and answers: the reply is the couple's.
    found.couple["reply"] = canary("reply")
    theirs = _write(
        b, "PUT", "/api/v1/checkins/today", {"feelings": ["tired"], "intensity": 2}, "B checks in"
    )["mine"]["id"]
    _write(a, "POST", "/api/v1/checkins/today/skip", {}, "A sees it")
    _write(
        a, "POST", f"/api/v1/checkins/{theirs}/replies", {"text": found.couple["reply"]}, "reply"
    )

    # A repair whose side A is still writing, through the API.
    found.couple["repair title"] = canary("title")
    repair = _write(
        a, "POST", "/api/v1/conflict/repairs", {"title": found.couple["repair title"]}, "repair"
    )["id"]
    side = {name: canary(name.replace("_", "")) for name in ("trigger", "my_part", "need")}
    found.private |= {f"repair {name}": text for name, text in side.items()}
    _write(
        a,
        "PUT",
        f"/api/v1/conflict/repairs/{repair}/side",
        {"feelings": ["hurt"], **side},
        "repair side",
    )

    # Another, on the pages, with A's side done and B's not yet written.
    found.couple["second repair title"] = canary("title2")
    started = _post_page(
        a, "/conflict/repairs/start/", {"title": found.couple["second repair title"]}, "start"
    )
    done_repair = started.location.rstrip("/").rsplit("/", 1)[-1]
    found.private["done side"] = canary("done")
    _post_page(
        a,
        f"/conflict/repairs/{done_repair}/side/",
        {
            "feelings": ["sad"],
            "trigger": found.private["done side"],
            "my_part": "I was late.",
            "need": "A call.",
            "differently": "Call ahead.",
        },
        "second side",
    )
    _post_page(a, f"/conflict/repairs/{done_repair}/side/done/", {}, "side done")

    # The couple's own things.
    found.couple["own question"] = canary("own")
    _post_page(
        a,
        "/questions/own/",
        {"text": found.couple["own question"], "practice": "communication", "depth": "light"},
        "own question",
    )
    found.couple["deck name"] = canary("deck")
    found.couple["deck question"] = canary("deckq")
    deck = _ok(
        a.send(
            "POST",
            "/api/v1/questions/decks/import",
            api=True,
            rollback=False,
            body=json.loads(deck_file(found.couple["deck name"], found.couple["deck question"])),
        ),
        "deck",
    )
    found.couple["listening topic"] = canary("topic")
    session = _write(
        a,
        "POST",
        "/api/v1/questions/listening",
        {"topic": found.couple["listening topic"], "minutes": 2},
        "listening",
    )["id"]
    found.couple["time-out note"] = canary("break")
    _post_page(
        a,
        "/conflict/timeout/start/",
        {"minutes": 20, "note": found.couple["time-out note"]},
        "time-out",
    )
    found.couple["pronouns"] = canary("pron")
    _write(a, "PATCH", "/api/v1/me", {"pronouns": found.couple["pronouns"]}, "pronouns")

    # This month's closeness check, by A alone: numbers, checked by comparison below.
    _write(a, "POST", "/api/v1/closeness/check", {"answers": _answers(1)}, "closeness")

    own = DailyQuestion.objects.get(id=daily).couple.decks.get(is_own=True).questions.get()
    values = {
        **common_values(partner_a.user),
        **month_values(partner_a.user),
        "daily_id": daily,
        "answer_id": str(answer.id),
        "question_id": str(own.id),
        "deck_id": json.loads(deck.body)["id"],
        "session_id": session,
        "checkin_id": checkin,
        "repair_id": repair,
        "pk": str(add_passkey(partner_a.user)),
    }
    overrides = route_overrides(values, open_invitation_code())
    found.worlds = [
        World(values, overrides),
        World(values | unmatched | {"repair_id": done_repair}, overrides),
        World(values | revealed, overrides),
    ]
    return found


def _walk(
    found: Canaries,
    visitors: dict[str, Visitor],
    personas: tuple[str, ...],
    methods: frozenset[str] | None = None,
) -> dict[str, list[tuple[str, Seen]]]:
    """Every route (every method, or only ``methods``) as each persona, once with the
    main ids and again wherever another world fills the URL differently."""
    answers: dict[str, list[tuple[str, Seen]]] = {persona: [] for persona in personas}
    main = found.worlds[0]
    for index, world in enumerate(found.worlds):
        for (key, method), route in all_routes().items():
            if methods is not None and method not in methods:
                continue
            values = world.for_route(key)
            if index and all(values[p] == main.for_route(key)[p] for p in route.params):
                continue
            url = route.url(values)
            body = None if (key, method) in REVEALING else BODIES.get((key, method))
            for persona in personas:
                seen = visitors[persona].send(method, url, api=route.is_api, body=body)
                assert seen.status < 500, (method, url, persona, seen.error)
                answers[persona].append((f"{method} {url}", seen))
    return answers


def _holding(text: str, haystacks: list[tuple[str, bytes]]) -> list[str]:
    """Where ``text`` occurs, as UTF-8 or in any base64 alignment."""
    forms = _encodings_of(text)
    return [where for where, data in haystacks if any(form in data for form in forms)]


def _leaks(found: Canaries, answers: dict[str, list[tuple[str, Seen]]]) -> list[str]:
    leaks = []
    for persona, seen in answers.items():
        haystacks = [(where, s.everything) for where, s in seen]
        blind = dict(found.private) if persona in BLIND_TO_PRIVATE else {}
        if persona in BLIND_TO_COUPLE:
            blind |= found.couple
        for name, text in blind.items():
            for where in _holding(text, haystacks):
                leaks.append(f"{persona} read A's {name} in {where}")
    return leaks


def _mail_is_sent(visitors: dict[str, Visitor], partner_a, partner_b) -> None:
    """Things that send e-mail, by both partners, so the outbox has something to read."""
    a, b = visitors["partner_a"], visitors["partner_b"]
    for who, email in ((a, partner_a.user.email), (b, partner_b.user.email)):
        _post_page(who, "/accounts/password/reset/", {"email": email}, "password reset")
    # A has a passkey, and allauth adds no address to an account with two-step sign-in.
    _post_page(
        b, "/accounts/email/", {"action_add": "", "email": "sam.elsewhere@example.com"}, "address"
    )


def _mail_text(message: mail.EmailMessage) -> bytes:
    parts = [message.message().as_bytes(), message.subject.encode(), str(message.body).encode()]
    for content, _mimetype in getattr(message, "alternatives", []):
        parts.append(str(content).encode())
    return b"\n".join(parts)


def test_no_canary_reaches_anyone_else_any_mail_or_the_logs(
    canaries: Canaries, visitors: dict[str, Visitor], partner_a, partner_b, logs: AllLogs
) -> None:
    answers = _walk(canaries, visitors, OTHERS)
    own = _walk(canaries, visitors, ("partner_a",), frozenset({"GET"}))["partner_a"]

    # The control: A's own pages show every string, so each was written and is findable.
    mine = [(where, seen.everything) for where, seen in own]
    unseen = [name for name, text in canaries.every().items() if not _holding(text, mine)]
    assert not unseen, f"A's own pages never show: {unseen}"
    theirs = [(where, seen.everything) for where, seen in answers["partner_b"]]
    assert _holding(canaries.couple["revealed answer"], theirs), "B can't see a revealed answer"

    leaks = _leaks(canaries, answers)
    assert not leaks, "\n".join(leaks)

    _mail_is_sent(visitors, partner_a, partner_b)
    assert len(mail.outbox) >= 3, "the e-mail check needs e-mail to read"
    letters = [(f"mail to {m.to}: {m.subject}", _mail_text(m)) for m in mail.outbox]
    for name, text in canaries.every().items():
        assert not _holding(text, letters), f"A's {name} is in an e-mail"

    control = canary("log-control")
    logging.getLogger("closeknit.security").debug("control %s", control)
    text = logs.text()
    assert text.count(control) >= 2, "the log capture misses the app's own logger"
    assert "django.request" in text, "no request log captured: is everything at DEBUG?"
    assert "SELECT" in text, "no SQL captured: is the database logger at DEBUG?"
    logged = [
        (name, t) for name, t in canaries.every().items() if _holding(t, [("", text.encode())])
    ]
    assert not logged, f"in the log output: {[name for name, _t in logged]}"


# A fresh token in every form and every htmx header: the only part of a page that
# changes from one read to the next.
_CSRF = re.compile(rb'(csrfmiddlewaretoken" value="|"X-CSRFToken": ")[^"]+')


def _same_for_any_token(answers: list[tuple[str, Seen]]) -> dict[str, bytes]:
    return {where: _CSRF.sub(rb"\1-", seen.body) for where, seen in answers}


def test_a_half_done_closeness_check_shows_nothing_of_its_answers(
    canaries: Canaries, visitors: dict[str, Visitor]
) -> None:
    """Numbers can't hold a canary, so: A changes every answer from 1 to 7, and every
    page and API answer B and the others get must read exactly as before."""
    get = frozenset({"GET"})
    a = visitors["partner_a"]
    for persona in ("outsider", "solo"):
        # Their day's question is chosen on first sight; let that sight be now.
        visitors[persona].send("GET", "/api/v1/questions/today", api=True, rollback=False)
    before = _walk(canaries, visitors, OTHERS, get)
    mine_before = a.send("GET", "/api/v1/closeness/check", api=True).body

    _write(a, "POST", "/api/v1/closeness/check", {"answers": _answers(7)}, "new answers")

    # The control: A's own view of the check did change.
    assert a.send("GET", "/api/v1/closeness/check", api=True).body != mine_before
    after = _walk(canaries, visitors, OTHERS, get)
    # Setting up an authenticator shows a fresh secret or challenge on every read.
    fresh_each_time = {f"GET {reverse(name)}" for name in ("mfa_activate_totp", "mfa_add_webauthn")}
    changed = [
        f"{persona}: {where}"
        for persona in OTHERS
        for where, body in _same_for_any_token(after[persona]).items()
        if _same_for_any_token(before[persona])[where] != body and where not in fresh_each_time
    ]
    assert not changed, "These show something of A's answers:\n" + "\n".join(changed)


def _history_hits(who: Visitor, words: str) -> int:
    query = QueryDict(mutable=True)
    query["q"] = words
    seen = who.send("GET", f"/api/v1/questions/history?{query.urlencode()}", api=True)
    assert seen.status == 200, seen.body
    return int(json.loads(seen.body)["count"])


def test_searching_the_history_finds_nothing_private(
    canaries: Canaries, visitors: dict[str, Visitor]
) -> None:
    """A search answers with a count, so even "found, but not shown" would tell."""
    revealed = canaries.couple["revealed answer"]
    assert _history_hits(visitors["partner_a"], revealed) == 1, "the search works"
    assert _history_hits(visitors["partner_b"], revealed) == 1
    assert _history_hits(visitors["outsider"], revealed) == 0
    for name in ("answer", "unmatched answer"):
        assert _history_hits(visitors["partner_b"], canaries.private[name]) == 0, name
        assert _history_hits(visitors["outsider"], canaries.private[name]) == 0, name


@pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason=(
        "PostgreSQL keeps its data in the server's own files, out of this test's reach; "
        "there the SQL the app sends is read instead, parameters and all, in the log check"
    ),
)
def test_no_canary_reaches_the_sqlite_file(canaries: Canaries, partner_a) -> None:
    on_disk = _database_bytes()
    # The control: plain data from the same writes is in the file to be found.
    assert partner_a.user.email.encode() in on_disk, "the file read is not the database"
    found = [name for name, text in canaries.every().items() if _holding(text, [("", on_disk)])]
    assert not found, f"readable in the database file: {found}"
