"""The questions endpoints run a fixed number of queries, with 1 or 365 days of history.

Requests go out the way a phone sends them: a bearer token and no session cookie.
Each endpoint is called once before counting, so that a token's once-a-minute
"last used" write is not part of the count.
"""

from __future__ import annotations

from typing import Any

import pytest

from closeknit.questions import services
from closeknit.questions.selectors import SEARCH_DAYS
from closeknit.questions.tests._api import API, at_noon, make_history
from closeknit.testing.api import bearer_client
from closeknit.testing.openapi import validate_response

pytestmark = pytest.mark.django_db

SIZES = [1, 365]


@pytest.fixture(autouse=True)
def _noon():
    with at_noon():
        yield


@pytest.fixture(params=SIZES, ids=lambda days: f"{days}-days")
def history(request, partner_a, partner_b) -> int:
    """``days`` revealed days with reactions and comments, today's included."""
    days: int = request.param
    a, b = partner_a.user, partner_b.user
    if days > 1:
        make_history(a, b, days=days - 1)
    today = services.todays_question(user=a)
    mine = services.answer_question(user=a, daily=today, text="Today, from A")
    theirs = services.answer_question(user=b, daily=today, text="Today, from B")
    services.toggle_reaction(user=a, answer=theirs, kind="heart")
    services.add_comment(user=b, answer=mine, text="Thank you")
    return days


def _count(client, path: str, django_assert_num_queries, expected: int) -> Any:
    client.get(API + path)
    with django_assert_num_queries(expected):
        response = client.get(API + path)
    body = validate_response(response)
    assert response.status_code == 200, body
    return body


def test_today_takes_a_fixed_number_of_queries(partner_a, history, django_assert_num_queries):
    body = _count(bearer_client(partner_a.token), "/today", django_assert_num_queries, 6)
    assert body["state"] == "revealed"
    assert body["reactions"]
    assert body["comments"]


@pytest.mark.parametrize("days", SIZES)
def test_choosing_todays_question_takes_a_fixed_number_of_queries(
    partner_a, partner_b, days, django_assert_num_queries
):
    make_history(partner_a.user, partner_b.user, days=days)
    client = bearer_client(partner_a.token)
    # The first call of the day chooses the question: the count includes the choice.
    client.get(API + "/streak")
    with django_assert_num_queries(14):
        response = client.get(API + "/today")
    body = validate_response(response)
    assert response.status_code == 200
    assert body["state"] == "your_turn"


def test_history_takes_a_fixed_number_of_queries(partner_b, history, django_assert_num_queries):
    client = bearer_client(partner_b.token)
    body = _count(client, "/history", django_assert_num_queries, 6)
    assert body["count"] == history
    assert body["results"][0]["partner_answer"]["text"] == "Today, from A"
    # A search reads one batch of days and counts what it found there.
    searched = _count(client, "/history?q=wrote&page=2", django_assert_num_queries, 5)
    # Every past day says "wrote"; today's answers do not.
    assert searched["count"] == min(history, SEARCH_DAYS) - 1
    assert (searched["older_until"] is not None) == (history > SEARCH_DAYS)
    if history > SEARCH_DAYS:
        further = f"/history?q=wrote&until={searched['older_until']}"
        older = _count(client, further, django_assert_num_queries, 5)
        assert older["count"] == min(history - SEARCH_DAYS, SEARCH_DAYS)


def test_the_library_takes_a_fixed_number_of_queries(partner_a, history, django_assert_num_queries):
    client = bearer_client(partner_a.token)
    body = _count(client, "/library", django_assert_num_queries, 3)
    assert body["results"]
    _count(client, "/library?practice=trust&depth=deeper&page=2", django_assert_num_queries, 3)
