"""Shared helpers for the /api/v1/questions tests: calls checked against OpenAPI, and data.

Every call goes through ``call``, which validates the response against the OpenAPI
document before a test looks at it, so each test also checks the contract.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import time_machine
from django.test import Client

from closeknit.accounts.models import User
from closeknit.couples.selectors import get_couple_for
from closeknit.questions.models import Answer, Comment, DailyQuestion, Question, Reaction
from closeknit.questions.selectors import day_of
from closeknit.questions.services import mark_revealed_days
from closeknit.testing.openapi import validate_response
from conftest import Persona

API = "/api/v1/questions"

# Midday in London (the test couple's home zone), far from the 04:00 rollover.
NOON = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC)


@contextmanager
def at_noon() -> Iterator[None]:
    with time_machine.travel(NOON, tick=False):
        yield


def call(who: Persona | None, method: str, path: str, data: Any = None, *, status: int) -> Any:
    """Call the questions API as ``who`` (None: nobody signed in) and check the answer."""
    url = API + path
    if who is None:
        send = getattr(Client(), method.lower())
        response = (
            send(url)
            if data is None
            else send(url, data=json.dumps(data), content_type="application/json")
        )
    else:
        response = who.api(method, url, data)
    body = validate_response(response)
    assert response.status_code == status, (response.status_code, body)
    return body


def call_raw(who: Persona, method: str, path: str, body: bytes | str, *, status: int) -> Any:
    """Send a body exactly as given (for deck files that are not even JSON)."""
    send = getattr(who.client, method.lower())
    response = send(API + path, data=body, content_type="application/json", **who.auth)
    parsed = validate_response(response)
    assert response.status_code == status, (response.status_code, parsed)
    return parsed


def fields_of(body: dict[str, Any]) -> set[str]:
    return {error["field"] for error in body["errors"]}


def today_id(who: Persona) -> str:
    day_id: str = call(who, "GET", "/today", status=200)["id"]
    return day_id


def answer(who: Persona, daily_id: str, text: str) -> dict[str, Any]:
    body: dict[str, Any] = call(who, "POST", f"/{daily_id}/answer", {"text": text}, status=200)
    return body


def couple_today(user: User) -> dt.date:
    couple = get_couple_for(user)
    assert couple is not None
    return day_of(couple)


def make_history(
    a: User,
    b: User,
    *,
    days: int,
    start: int = 1,
    revealed: bool = True,
    with_responses: bool = True,
) -> list[DailyQuestion]:
    """``days`` past days for a's couple, each answered by a (and by b when revealed).

    Rows are made with bulk_create, which still seals the encrypted text, since the
    field encrypts in pre_save; ``update()`` would not. It sends no signals, so the days
    are marked revealed afterwards.
    """
    couple = get_couple_for(a)
    assert couple is not None
    today = day_of(couple)
    questions = list(Question.objects.filter(couple__isnull=True).order_by("key")[:days])
    assert len(questions) == days
    dailies = [
        DailyQuestion(couple=couple, date=today - dt.timedelta(days=start + n), question=q)
        for n, q in enumerate(questions)
    ]
    DailyQuestion.objects.bulk_create(dailies)
    answers: list[Answer] = []
    for daily in dailies:
        answers.append(Answer(daily=daily, author=a, text=f"a wrote on {daily.date}"))
        if revealed:
            answers.append(Answer(daily=daily, author=b, text=f"b wrote on {daily.date}"))
    Answer.objects.bulk_create(answers)
    # bulk_create sends no signals: mark the days both answered, as answering does.
    mark_revealed_days(couple_ids=[couple.id])
    if revealed and with_responses:
        Reaction.objects.bulk_create(
            Reaction(answer=ans, author=b if ans.author_id == a.pk else a, kind="heart")
            for ans in answers
        )
        Comment.objects.bulk_create(
            Comment(answer=ans, author=a, text=f"reply to {ans.id}") for ans in answers
        )
    return dailies
