"""The check-in page, history and every API read run a fixed number of SQL queries,
whether the couple has one month of check-ins or two years of them.

Past days are created directly (backdated), each with both check-ins, guesses
both ways, a reaction, an offer of help and a reply, so every part of a day shows.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from closeknit.checkins.models import CheckIn
from closeknit.checkins.selectors import HISTORY_PAGE_SIZE
from closeknit.checkins.tests.support import API, check_in, checkin_of, guess, make_history
from closeknit.testing.api import bearer_client
from closeknit.testing.openapi import validate_response

pytestmark = pytest.mark.django_db

ONE_MONTH, TWO_YEARS = 30, 730


@pytest.fixture
def today(partner_a, partner_b) -> None:
    """Today in full: both checked in, Sam guessed, reacted, offered help and replied."""
    check_in(partner_a, ["tired", "worried"], intensity=4, note="long day", need="rest")
    check_in(partner_b, ["happy"], intensity=2)
    guess(partner_b, "tired", 3)
    alex = checkin_of(partner_a)
    partner_b.client.post(f"/checkins/{alex.id}/react/", {"kind": "hug"})
    partner_b.client.post(f"/checkins/{alex.id}/help/", {"offered": "1"})
    partner_b.client.post(f"/checkins/{alex.id}/reply/", {"text": "I'll cook"})


def _grow(partner_a, partner_b) -> None:
    """From one month of past days to two years of them."""
    make_history(partner_a.user, partner_b.user, days=TWO_YEARS - ONE_MONTH, start=ONE_MONTH + 1)


PAGES = {
    "checkin-page": "/checkins/",
    "history": "/checkins/history/",
    "history-page-2": "/checkins/history/?page=2",
}

# The exact counts: a change here means a page's queries changed, on purpose or not.
EXPECTED_PAGES = {
    "checkin-page-partner_a": 7,
    "checkin-page-partner_b": 7,
    "history-partner_a": 8,
    "history-partner_b": 8,
    "history-page-2-partner_a": 8,
    "history-page-2-partner_b": 8,
}


def _page_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context)


@pytest.mark.parametrize("who", ["partner_a", "partner_b"])
@pytest.mark.parametrize("name", PAGES)
def test_each_page_runs_the_same_queries_with_a_month_or_two_years_of_check_ins(
    request, name, who, today, partner_a, partner_b, django_assert_num_queries
):
    make_history(partner_a.user, partner_b.user, days=ONE_MONTH)
    client = request.getfixturevalue(who).client
    url = PAGES[name]
    client.get(url)  # the first visit may store the session
    one_month = _page_queries(client, url)
    _grow(partner_a, partner_b)
    assert CheckIn.objects.count() == 2 * TWO_YEARS + 2
    with django_assert_num_queries(one_month):
        client.get(url)
    assert EXPECTED_PAGES[f"{name}-{who}"] == one_month


READS = {
    "/today": 6,
    "/history": 8,
    "/history?page=3": 8,
    "/accuracy": 3,
    "/feelings?since=2024-03-01&until=2026-03-31": 3,
}


def _api(client, path: str) -> Any:
    response = client.get(API + path)
    body = validate_response(response)
    assert response.status_code == 200, body
    return body


@pytest.mark.parametrize("path", READS)
def test_each_api_read_runs_the_same_queries_with_a_month_or_two_years(
    path, today, partner_a, partner_b, django_assert_num_queries
):
    make_history(partner_a.user, partner_b.user, days=ONE_MONTH)
    client = bearer_client(partner_b.token)
    _api(client, path)  # a token's once-a-minute "last used" write is not counted
    with django_assert_num_queries(READS[path]):
        small = _api(client, path)
    _grow(partner_a, partner_b)
    with django_assert_num_queries(READS[path]):
        large = _api(client, path)
    if path.startswith("/history"):
        assert large["count"] == TWO_YEARS + 1
        assert small["count"] == ONE_MONTH + 1
        assert len(large["results"]) == HISTORY_PAGE_SIZE


WRITES: list[tuple[str, str, dict[str, Any] | None]] = [
    ("PUT", "/today", {"feelings": ["peaceful"], "intensity": 2, "note": "better now"}),
    ("POST", "/today/skip", None),
]


@pytest.mark.parametrize(("method", "path", "payload"), WRITES, ids=["check-in", "skip"])
def test_writes_run_the_same_queries_with_a_month_or_two_years(
    method, path, payload, today, partner_a, partner_b
):
    make_history(partner_a.user, partner_b.user, days=ONE_MONTH)
    client = bearer_client(partner_a.token)

    def send() -> int:
        call = getattr(client, method.lower())
        with CaptureQueriesContext(connection) as context:
            response = call(API + path, data=payload or {}, content_type="application/json")
        assert response.status_code == 200, response.content
        return len(context)

    send()
    one_month = send()
    _grow(partner_a, partner_b)
    assert send() == one_month
