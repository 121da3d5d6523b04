"""Searching the history a batch of days at a time: each search opens at most
SEARCH_DAYS days, says how far back it looked, and can go on from there."""

from __future__ import annotations

import html

import pytest

from closeknit.questions.models import DailyQuestion, Question
from closeknit.questions.selectors import HISTORY_PAGE_SIZE, SEARCH_DAYS
from closeknit.questions.services import mark_revealed_days
from closeknit.questions.tests._api import at_noon, call, fields_of, make_history

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _noon():
    with at_noon():
        yield


def _search_all(who, q: str) -> list[str]:
    """Every day found, batch after batch and page after page, as the API gives them."""
    found: list[str] = []
    until = ""
    while True:
        page, pages = 1, 1
        while page <= pages:
            body = call(who, "GET", f"/history?q={q}{until}&page={page}", status=200)
            found += [day["id"] for day in body["results"]]
            page, pages = page + 1, body["pages"]
        if body["older_until"] is None:
            return found
        assert body["searched_back_to"] > body["older_until"]
        until = f"&until={body['older_until']}"


def test_a_search_reads_one_batch_and_goes_on_from_where_it_stopped(partner_a, partner_b):
    days = make_history(partner_a.user, partner_b.user, days=SEARCH_DAYS + 12)
    first = call(partner_a, "GET", "/history?q=wrote", status=200)
    assert first["count"] == SEARCH_DAYS
    assert first["older_until"] == days[SEARCH_DAYS].date.isoformat()
    assert first["searched_back_to"] == days[SEARCH_DAYS - 1].date.isoformat()
    rest = call(partner_a, "GET", f"/history?q=wrote&until={first['older_until']}", status=200)
    assert rest["count"] == 12
    assert (rest["older_until"], rest["searched_back_to"]) == (None, None)
    assert sorted(_search_all(partner_a, "wrote")) == sorted(str(d.id) for d in days)


def test_a_day_with_a_bonus_question_is_never_split_between_batches(partner_a, partner_b):
    days = make_history(partner_a.user, partner_b.user, days=SEARCH_DAYS + 3)
    # A bonus question on the day the first batch ends, so that day's rows straddle it.
    boundary = days[SEARCH_DAYS - 1].date
    question = Question.objects.filter(couple__isnull=True).order_by("-key").first()
    assert question is not None
    bonus = DailyQuestion.objects.create(
        couple_id=days[0].couple_id, date=boundary, question=question, is_bonus=True
    )
    bonus.answers.create(author=partner_a.user, text="a wrote a bonus")
    bonus.answers.create(author=partner_b.user, text="b wrote a bonus")
    every = [str(d.id) for d in days] + [str(bonus.id)]
    found = _search_all(partner_a, "wrote")
    assert sorted(found) == sorted(every)
    assert len(found) == len(set(found))


def test_the_page_says_how_far_back_it_searched_and_offers_to_go_further(partner_a, partner_b):
    days = make_history(partner_a.user, partner_b.user, days=SEARCH_DAYS + 2)
    first = html.unescape(
        partner_a.client.post("/questions/history/", {"q": "wrote"}).content.decode()
    )
    back_to = days[SEARCH_DAYS - 1].date
    assert f"Searched back to {back_to.day} {back_to:%B %Y}." in first
    assert "Search further back" in first
    assert f'name="until" value="{days[SEARCH_DAYS].date.isoformat()}"' in first
    # The pages of this batch carry where it started, so page 2 is the same batch.
    assert first.count('data-testid="history-item"') == HISTORY_PAGE_SIZE
    further = html.unescape(
        partner_a.client.post(
            "/questions/history/", {"q": "wrote", "until": days[SEARCH_DAYS].date.isoformat()}
        ).content.decode()
    )
    assert further.count('data-testid="history-item"') == 2
    assert "the search has reached your first day" in further
    assert "Search further back" not in further


def test_a_short_history_is_searched_whole_without_mention_of_batches(partner_a, partner_b):
    make_history(partner_a.user, partner_b.user, days=5)
    page = partner_a.client.post("/questions/history/", {"q": "wrote"}).content.decode()
    assert page.count('data-testid="history-item"') == 5
    assert 'data-testid="search-further"' not in page


@pytest.mark.parametrize("until", ["yesterday", "2026-02-30", ""])
def test_an_until_that_is_not_a_date_searches_from_today(partner_a, partner_b, until):
    make_history(partner_a.user, partner_b.user, days=3)
    response = partner_a.client.post("/questions/history/", {"q": "wrote", "until": until})
    assert response.status_code == 200
    assert response.content.decode().count('data-testid="history-item"') == 3


def test_the_api_refuses_an_until_that_is_not_a_date_by_name(partner_a):
    body = call(partner_a, "GET", "/history?q=wrote&until=someday", status=422)
    assert fields_of(body) == {"until"}


def test_bulk_made_days_need_marking_to_be_found(partner_a, partner_b):
    """The history lists days marked revealed; rows made in bulk are marked afterwards."""
    make_history(partner_a.user, partner_b.user, days=3)
    DailyQuestion.objects.update(revealed_at=None)
    assert call(partner_a, "GET", "/history", status=200)["count"] == 0
    mark_revealed_days()
    assert call(partner_a, "GET", "/history", status=200)["count"] == 3
