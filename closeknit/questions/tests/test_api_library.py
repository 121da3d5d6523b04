"""GET /questions/library, asking a question now, and the couple's own questions."""

from __future__ import annotations

import pytest

from closeknit.questions import services
from closeknit.questions.models import DailyQuestion, Question
from closeknit.questions.selectors import LIBRARY_PAGE_SIZE
from closeknit.questions.tests._api import answer, at_noon, call, couple_today, fields_of

pytestmark = pytest.mark.django_db

WRITE = {"text": "What song should we dance to next?", "practice": "rituals", "depth": "light"}


@pytest.fixture(autouse=True)
def _noon():
    with at_noon():
        yield


def _library_question(**filters) -> Question:
    question = Question.objects.filter(couple__isnull=True, **filters).order_by("key").first()
    assert question is not None
    return question


# The library


def test_the_library_pages_through_every_library_question(partner_a, partner_b):
    total = Question.objects.filter(couple__isnull=True, retired=False).count()
    call(partner_a, "POST", "/custom", WRITE, status=201)
    first = call(partner_b, "GET", "/library", status=200)
    assert first["count"] == total
    assert first["pages"] == -(-total // LIBRARY_PAGE_SIZE)
    assert len(first["results"]) == LIBRARY_PAGE_SIZE
    second = call(partner_b, "GET", "/library?page=2", status=200)
    assert second["page"] == 2
    assert {q["id"] for q in first["results"]}.isdisjoint({q["id"] for q in second["results"]})
    every_text = {q["text"] for q in first["results"] + second["results"]}
    assert WRITE["text"] not in every_text


def test_the_library_filters_by_practice_and_depth(partner_a):
    body = call(partner_a, "GET", "/library?practice=conflict&depth=deepest", status=200)
    expected = Question.objects.filter(
        couple__isnull=True, retired=False, practice="conflict", depth="deepest"
    ).count()
    assert body["count"] == expected > 0
    assert {(q["practice"], q["depth"]) for q in body["results"]} == {("conflict", "deepest")}
    only_light = call(partner_a, "GET", "/library?depth=light", status=200)
    assert {q["depth"] for q in only_light["results"]} == {"light"}


@pytest.mark.parametrize(
    ("query", "field"),
    [("practice=romance", "practice"), ("depth=bottomless", "depth"), ("page=0", "page")],
)
def test_bad_library_filters_are_refused_by_name(partner_a, query, field):
    body = call(partner_a, "GET", f"/library?{query}", status=422)
    assert fields_of(body) == {field}


def test_the_outsider_browses_the_same_library(outsider):
    body = call(outsider, "GET", "/library", status=200)
    assert body["count"] == Question.objects.filter(couple__isnull=True, retired=False).count()


# Ask now


def test_asking_a_library_question_now_makes_a_bonus_day_for_both(partner_a, partner_b):
    question = _library_question(practice="goals")
    asked = call(partner_a, "POST", f"/library/{question.id}/ask", status=201)
    assert asked["is_bonus"] is True
    assert asked["question"]["id"] == str(question.id)
    assert asked["date"] == couple_today(partner_a.user).isoformat()
    answer(partner_a, asked["id"], "Bonus answer")
    seen = call(partner_b, "GET", f"/{asked['id']}", status=200)
    assert seen["partner_answered"] is True
    assert seen["partner_answer"] is None
    again = call(partner_b, "POST", f"/library/{question.id}/ask", status=201)
    assert again["id"] == asked["id"]
    assert DailyQuestion.objects.filter(is_bonus=True).count() == 1


def test_the_couples_own_question_can_be_asked_but_not_by_the_outsider(partner_a, outsider):
    own = call(partner_a, "POST", "/custom", WRITE, status=201)
    call(outsider, "POST", f"/library/{own['id']}/ask", status=404)
    assert not DailyQuestion.objects.exists()
    asked = call(partner_a, "POST", f"/library/{own['id']}/ask", status=201)
    assert asked["question"]["text"] == WRITE["text"]


def test_a_removed_question_cannot_be_asked_again(partner_a):
    own = call(partner_a, "POST", "/custom", WRITE, status=201)
    call(partner_a, "POST", f"/library/{own['id']}/ask", status=201)
    # Asked once, so deleting keeps it (retired) for that day's history.
    call(partner_a, "DELETE", f"/custom/{own['id']}", status=204)
    body = call(partner_a, "POST", f"/library/{own['id']}/ask", status=410)
    assert body["code"] == "retired"
    assert DailyQuestion.objects.count() == 1


# The couple's own questions


def test_a_question_written_by_one_partner_is_listed_for_both(partner_a, partner_b, outsider):
    created = call(partner_a, "POST", "/custom", WRITE, status=201)
    assert created["text"] == WRITE["text"]
    assert (created["practice"], created["depth"]) == ("rituals", "light")
    question = Question.objects.get(id=created["id"])
    assert question.deck.is_own
    assert created["deck_id"] == str(question.deck_id)
    assert created["deck_name"] == "Our own questions"
    for who in (partner_a, partner_b):
        assert [q["id"] for q in call(who, "GET", "/custom", status=200)] == [created["id"]]
    assert call(outsider, "GET", "/custom", status=200) == []


@pytest.mark.parametrize(
    ("change", "status", "field"),
    [
        ({"text": " "}, 400, "text"),
        ({"text": "q" * (services.QUESTION_MAX + 1)}, 400, "text"),
        ({"practice": "romance"}, 422, "practice"),
        ({"depth": "shallow"}, 422, "depth"),
    ],
)
def test_a_bad_custom_question_is_refused_by_name(partner_a, change, status, field):
    body = call(partner_a, "POST", "/custom", {**WRITE, **change}, status=status)
    assert fields_of(body) == {field}
    assert not Question.objects.filter(couple__isnull=False).exists()


def test_deleting_a_question_removes_it_for_both(partner_a, partner_b):
    created = call(partner_a, "POST", "/custom", WRITE, status=201)
    call(partner_b, "DELETE", f"/custom/{created['id']}", status=204)
    assert call(partner_a, "GET", "/custom", status=200) == []
    assert not Question.objects.filter(id=created["id"]).exists()


def test_a_deleted_question_that_was_asked_stays_in_that_days_history(partner_a, partner_b):
    created = call(partner_a, "POST", "/custom", WRITE, status=201)
    asked = call(partner_a, "POST", f"/library/{created['id']}/ask", status=201)
    answer(partner_a, asked["id"], "One")
    answer(partner_b, asked["id"], "Two")
    call(partner_a, "DELETE", f"/custom/{created['id']}", status=204)
    assert call(partner_a, "GET", "/custom", status=200) == []
    [day] = call(partner_b, "GET", "/history", status=200)["results"]
    assert day["question"]["text"] == WRITE["text"]


def test_library_questions_cannot_be_deleted(partner_a):
    question = _library_question()
    body = call(partner_a, "DELETE", f"/custom/{question.id}", status=400)
    assert body["code"] == "library"
    assert Question.objects.filter(id=question.id, retired=False).exists()


def test_the_outsider_cannot_delete_the_couples_question(partner_a, outsider):
    created = call(partner_a, "POST", "/custom", WRITE, status=201)
    call(outsider, "DELETE", f"/custom/{created['id']}", status=404)
    assert Question.objects.filter(id=created["id"], retired=False).exists()
