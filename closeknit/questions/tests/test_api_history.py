"""GET /questions/history (revealed days, newest first, search, pages) and /questions/streak."""

from __future__ import annotations

import pytest

from closeknit.questions.models import Answer, DailyQuestion
from closeknit.questions.selectors import HISTORY_PAGE_SIZE
from closeknit.questions.tests._api import (
    answer,
    at_noon,
    call,
    couple_today,
    fields_of,
    make_history,
    today_id,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _noon():
    with at_noon():
        yield


def test_history_lists_revealed_days_newest_first_in_pages(partner_a, partner_b):
    days = make_history(partner_a.user, partner_b.user, days=HISTORY_PAGE_SIZE + 3)
    first = call(partner_a, "GET", "/history", status=200)
    assert (first["count"], first["page"], first["pages"]) == (HISTORY_PAGE_SIZE + 3, 1, 2)
    assert [d["id"] for d in first["results"]] == [str(d.id) for d in days[:HISTORY_PAGE_SIZE]]
    second = call(partner_a, "GET", "/history?page=2", status=200)
    assert [d["id"] for d in second["results"]] == [str(d.id) for d in days[HISTORY_PAGE_SIZE:]]
    newest = first["results"][0]
    assert newest["state"] == "revealed"
    assert newest["my_answer"]["text"] == f"a wrote on {days[0].date}"
    assert newest["partner_answer"]["text"] == f"b wrote on {days[0].date}"
    assert {r["kind"] for r in newest["reactions"]} == {"heart"}
    assert len(newest["comments"]) == 2


def test_history_is_the_same_for_both_partners_from_their_own_side(partner_a, partner_b):
    [day] = make_history(partner_a.user, partner_b.user, days=1)
    mine = call(partner_a, "GET", "/history", status=200)["results"][0]
    theirs = call(partner_b, "GET", "/history", status=200)["results"][0]
    assert mine["id"] == theirs["id"] == str(day.id)
    assert mine["my_answer"] == theirs["partner_answer"]
    assert mine["partner_answer"] == theirs["my_answer"]


def test_a_page_past_the_end_gives_the_last_page(partner_a, partner_b):
    make_history(partner_a.user, partner_b.user, days=3)
    body = call(partner_a, "GET", "/history?page=9", status=200)
    assert (body["page"], body["pages"], len(body["results"])) == (1, 1, 3)


@pytest.mark.parametrize(
    ("query", "field"), [("page=0", "page"), ("page=two", "page"), ("q=" + "w" * 101, "q")]
)
def test_bad_history_parameters_are_refused_by_name(partner_a, query, field):
    body = call(partner_a, "GET", f"/history?{query}", status=422)
    assert fields_of(body) == {field}


def test_search_finds_question_text_and_either_answer_ignoring_case(partner_a, partner_b):
    days = make_history(partner_a.user, partner_b.user, days=4)
    Answer.objects.filter(daily=days[1], author=partner_b.user).delete()
    Answer.objects.create(daily=days[1], author=partner_b.user, text="The LIGHTHOUSE trip")
    question_word = days[2].question.text.split()[-1].strip("?.,!").lower()

    def found(q: str) -> list[str]:
        return [d["id"] for d in call(partner_a, "GET", f"/history?q={q}", status=200)["results"]]

    assert found("lighthouse") == [str(days[1].id)]
    assert found(f"A WROTE ON {days[3].date}") == [str(days[3].id)]
    assert str(days[2].id) in found(question_word)
    assert found("nothing-like-this") == []


def test_the_outsider_sees_none_of_the_couples_history(partner_a, partner_b, outsider):
    make_history(partner_a.user, partner_b.user, days=3)
    body = call(outsider, "GET", "/history?q=wrote", status=200)
    assert body["count"] == 0
    assert call(outsider, "GET", "/history", status=200)["results"] == []


def test_the_streak_counts_days_both_answered_with_a_grace_day(partner_a, partner_b, outsider):
    days = make_history(partner_a.user, partner_b.user, days=6, with_responses=False)
    assert call(partner_a, "GET", "/streak", status=200) == {"days": 6}
    # One missed day in the week is forgiven...
    Answer.objects.filter(daily=days[2], author=partner_b.user).delete()
    assert call(partner_b, "GET", "/streak", status=200) == {"days": 5}
    # ...a second one ends the streak there.
    Answer.objects.filter(daily=days[4], author=partner_b.user).delete()
    assert call(partner_b, "GET", "/streak", status=200) == {"days": 3}
    assert call(outsider, "GET", "/streak", status=200) == {"days": 0}


def test_answering_today_adds_to_the_streak(partner_a, partner_b):
    make_history(partner_a.user, partner_b.user, days=2, with_responses=False)
    day = today_id(partner_a)
    answer(partner_a, day, "Today, me")
    assert call(partner_a, "GET", "/streak", status=200) == {"days": 2}
    answer(partner_b, day, "Today, me too")
    assert call(partner_a, "GET", "/streak", status=200) == {"days": 3}
    assert DailyQuestion.objects.filter(date=couple_today(partner_a.user)).count() == 1
