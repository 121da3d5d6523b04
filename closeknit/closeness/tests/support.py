"""Helpers the closeness tests share: answers, calls checked against OpenAPI, and data."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import time_machine
from django.test import Client

from closeknit.accounts.models import User
from closeknit.closeness.items import ITEMS
from closeknit.closeness.models import ClosenessCheck, Focus
from closeknit.closeness.selectors import months_back
from closeknit.couples.models import Couple
from closeknit.couples.selectors import get_couple_for
from closeknit.insights.models import Activity
from closeknit.questions.practices import Practice
from closeknit.testing.openapi import validate_response
from conftest import Persona

API = "/api/v1/closeness"

# Midday on the 10th in London (the test couple's home zone): far from a month's edge.
NOON = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC)
THIS_MONTH = dt.date(2026, 3, 1)


@contextmanager
def at_noon() -> Iterator[None]:
    with time_machine.travel(NOON, tick=False):
        yield


def answers(default: int = 4, **overrides: int) -> dict[str, int]:
    """Every item answered ``default``, with some items answered otherwise."""
    values = {item.key: default for item in ITEMS}
    values.update(overrides)
    return values


def form_data(values: dict[str, int]) -> dict[str, str]:
    return {key: str(value) for key, value in values.items()}


def call(who: Persona | None, method: str, path: str, data: Any = None, *, status: int) -> Any:
    """Call an API path as ``who`` (None: nobody signed in), checked against the contract."""
    if who is None:
        send = getattr(Client(), method.lower())
        response = (
            send(path)
            if data is None
            else send(path, data=json.dumps(data), content_type="application/json")
        )
    else:
        response = who.api(method, path, data)
    body = validate_response(response)
    assert response.status_code == status, (response.status_code, body)
    return body


def submit(who: Persona, values: dict[str, int], *, status: int = 200) -> Any:
    return call(who, "POST", f"{API}/check", {"answers": values}, status=status)


def couple_of(user: User) -> Couple:
    couple = get_couple_for(user)
    assert couple is not None
    return couple


def make_months(
    a: User,
    b: User | None,
    *,
    count: int,
    start: int = 1,
    a_values: dict[str, int] | None = None,
    b_values: dict[str, int] | None = None,
    current: dt.date = THIS_MONTH,
    activity: bool = True,
) -> None:
    """``count`` past months of checks before ``current``, made as rows (backdated),
    with a focus for each month and some activity, as a couple would have."""
    couple = couple_of(a)
    checks, focuses = [], []
    practices = list(Practice.values)
    for n in range(start, start + count):
        month = months_back(current, n)
        stamp = dt.datetime.combine(month, dt.time(12), tzinfo=dt.UTC)
        checks.append(
            ClosenessCheck(
                couple=couple,
                author=a,
                month=month,
                answers=a_values or answers(5),
                created_at=stamp,
                updated_at=stamp,
            )
        )
        if b is not None:
            checks.append(
                ClosenessCheck(
                    couple=couple,
                    author=b,
                    month=month,
                    answers=b_values or answers(3),
                    created_at=stamp,
                    updated_at=stamp,
                )
            )
        focuses.append(
            Focus(
                couple=couple,
                month=month,
                practice=practices[n % len(practices)],
                source=Focus.Source.CHECK,
            )
        )
    ClosenessCheck.objects.bulk_create(checks)
    Focus.objects.bulk_create(focuses)
    if not activity:
        return
    today = current + dt.timedelta(days=9)
    Activity.objects.bulk_create(
        Activity(
            couple=couple,
            user=a,
            practice=practices[n % len(practices)],
            kind="question_answer",
            day=today - dt.timedelta(days=n),
        )
        for n in range(min(count * 30, 400))
    )


def five_years_with_gaps(a: Persona, b: Persona) -> None:
    """This month (2026-03) by A; 30 months by both before it (back to 2023-09); five
    by A alone before those (2023-08 to 2023-04); two by B alone (2023-03 and 2023-02)."""
    submit(a, answers(5))
    make_months(a.user, b.user, count=30)
    make_months(a.user, None, count=5, start=31, activity=False)
    make_months(b.user, None, count=2, start=36, activity=False)
