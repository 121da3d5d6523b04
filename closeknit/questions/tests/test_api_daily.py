"""GET /questions/today, GET /questions/{id}, POST .../answer and POST .../skip."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from closeknit.questions import services
from closeknit.questions.models import Answer, DailyQuestion, Question
from closeknit.questions.tests._api import (
    NOON,
    answer,
    at_noon,
    call,
    call_raw,
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


def test_both_partners_get_the_same_question_today_and_it_is_each_ones_turn(partner_a, partner_b):
    mine = call(partner_a, "GET", "/today", status=200)
    theirs = call(partner_b, "GET", "/today", status=200)
    assert mine["id"] == theirs["id"]
    assert mine["question"] == theirs["question"]
    assert mine["date"] == couple_today(partner_a.user).isoformat()
    assert mine["state"] == theirs["state"] == "your_turn"
    assert mine["my_answer"] is None
    assert mine["partner_answered"] is False
    assert DailyQuestion.objects.count() == 1


def test_the_outsider_gets_a_question_of_their_own_couple(partner_a, outsider):
    ours = call(partner_a, "GET", "/today", status=200)
    theirs = call(outsider, "GET", "/today", status=200)
    assert ours["id"] != theirs["id"]
    assert DailyQuestion.objects.get(id=theirs["id"]).couple_id != (
        DailyQuestion.objects.get(id=ours["id"]).couple_id
    )


def test_an_answer_is_saved_and_the_partner_only_learns_that_it_exists(partner_a, partner_b):
    day = today_id(partner_a)
    body = answer(partner_a, day, "  The walk by the river.  ")
    assert body["state"] == "waiting"
    assert body["my_answer"]["text"] == "The walk by the river."
    assert body["partner_answer"] is None
    saved = Answer.objects.get(daily__id=day, author=partner_a.user)
    assert saved.text == "The walk by the river."
    assert body["my_answer"]["id"] == str(saved.id)

    seen = call(partner_b, "GET", f"/{day}", status=200)
    assert seen["state"] == "your_turn"
    assert seen["partner_answered"] is True
    assert seen["partner_answer"] is None
    assert seen["my_answer"] is None


def test_an_answer_can_be_changed_until_the_partner_answers(partner_a, partner_b):
    day = today_id(partner_a)
    first = answer(partner_a, day, "First thought")
    with time_machine.travel(NOON + dt.timedelta(minutes=5), tick=False):
        second = answer(partner_a, day, "Second thought")
    assert second["my_answer"]["id"] == first["my_answer"]["id"]
    assert second["my_answer"]["text"] == "Second thought"
    assert second["my_answer"]["updated_at"] > first["my_answer"]["updated_at"]
    assert Answer.objects.get(author=partner_a.user).text == "Second thought"

    answer(partner_b, day, "Mine")
    refused = call(partner_a, "POST", f"/{day}/answer", {"text": "Third"}, status=409)
    assert refused["code"] == "locked"
    assert fields_of(refused) == {"text"}
    assert Answer.objects.get(author=partner_a.user).text == "Second thought"


def test_once_both_answered_each_sees_both_answers(partner_a, partner_b):
    day = today_id(partner_a)
    answer(partner_a, day, "Alex's answer")
    body = answer(partner_b, day, "Sam's answer")
    assert body["state"] == "revealed"
    assert body["my_answer"]["text"] == "Sam's answer"
    assert body["partner_answer"]["text"] == "Alex's answer"
    again = call(partner_a, "GET", "/today", status=200)
    assert again["state"] == "revealed"
    assert again["my_answer"]["text"] == "Alex's answer"
    assert again["partner_answer"]["text"] == "Sam's answer"


@pytest.mark.parametrize(
    ("data", "status", "code"),
    [
        ({"text": ""}, 400, "required"),
        ({"text": "   \n\t "}, 400, "required"),
        ({"text": "x" * (services.ANSWER_MAX + 1)}, 400, "too_long"),
        ({}, 422, "invalid"),
        ({"text": None}, 422, "invalid"),
        ({"text": 42}, 422, "invalid"),
        ({"text": "a\x00b"}, 422, "invalid"),
    ],
)
def test_a_bad_answer_is_refused_naming_the_text_field(partner_a, data, status, code):
    day = today_id(partner_a)
    body = call(partner_a, "POST", f"/{day}/answer", data, status=status)
    assert body["code"] == code
    assert fields_of(body) == {"text"}
    assert not Answer.objects.exists()


def test_an_answer_of_exactly_the_limit_is_saved(partner_a):
    day = today_id(partner_a)
    body = answer(partner_a, day, "y" * services.ANSWER_MAX)
    assert len(body["my_answer"]["text"]) == services.ANSWER_MAX


def test_a_body_that_is_not_json_is_refused_in_the_error_shape(partner_a):
    day = today_id(partner_a)
    body = call_raw(partner_a, "POST", f"/{day}/answer", "text=hello", status=400)
    assert body["code"] == "malformed"
    assert not Answer.objects.exists()


def test_any_past_or_bonus_day_can_be_read_by_id(partner_a, partner_b):
    [past] = make_history(partner_a.user, partner_b.user, days=1, start=3)
    body = call(partner_b, "GET", f"/{past.id}", status=200)
    assert body["date"] == past.date.isoformat()
    assert body["is_bonus"] is False
    assert body["my_answer"]["text"] == f"b wrote on {past.date}"
    assert body["partner_answer"]["text"] == f"a wrote on {past.date}"

    question = Question.objects.filter(couple__isnull=True).order_by("-key").first()
    assert question is not None
    bonus = call(partner_a, "POST", f"/library/{question.id}/ask", status=201)
    read = call(partner_b, "GET", f"/{bonus['id']}", status=200)
    assert read["is_bonus"] is True
    assert read["question"]["id"] == str(question.id)


def test_an_id_that_is_not_a_day_of_anyone_is_not_found(partner_a):
    body = call(partner_a, "GET", "/6f1d3a55-0a6e-4d59-9a57-0f2c1f8a3c11", status=404)
    assert body["code"] == "not_found"
    call(partner_a, "GET", "/not-a-uuid", status=404)


# Skip


def test_skipping_swaps_the_question_for_both_partners_once_a_day(partner_a, partner_b):
    before = call(partner_a, "GET", "/today", status=200)
    swapped = call(partner_b, "POST", f"/{before['id']}/skip", status=200)
    assert swapped["id"] == before["id"]
    assert swapped["question"]["id"] != before["question"]["id"]
    assert call(partner_a, "GET", "/today", status=200)["question"] == swapped["question"]
    daily = DailyQuestion.objects.get(id=before["id"])
    assert str(daily.swapped_from_id) == before["question"]["id"]

    again = call(partner_a, "POST", f"/{before['id']}/skip", status=409)
    assert again["code"] == "already_swapped"
    assert "tomorrow" in again["detail"]
    daily.refresh_from_db()
    assert str(daily.question_id) == swapped["question"]["id"]


def test_a_question_someone_answered_cannot_be_skipped(partner_a, partner_b):
    day = today_id(partner_a)
    answer(partner_a, day, "Already said my piece")
    before = DailyQuestion.objects.get(id=day).question_id
    refused = call(partner_b, "POST", f"/{day}/skip", status=409)
    assert refused["code"] == "answered"
    assert "already answered" in refused["detail"]
    assert DailyQuestion.objects.get(id=day).question_id == before


def test_only_todays_question_can_be_skipped(partner_a, partner_b):
    [past] = make_history(partner_a.user, partner_b.user, days=1, revealed=False)
    Answer.objects.filter(daily=past).delete()
    refused = call(partner_a, "POST", f"/{past.id}/skip", status=409)
    assert refused["code"] == "not_today"
    past.refresh_from_db()
    assert past.swapped_from_id is None


def test_a_bonus_question_cannot_be_skipped(partner_a):
    question = Question.objects.filter(couple__isnull=True).order_by("key").first()
    assert question is not None
    bonus = call(partner_a, "POST", f"/library/{question.id}/ask", status=201)
    refused = call(partner_a, "POST", f"/{bonus['id']}/skip", status=400)
    assert refused["code"] == "bonus"
    assert str(DailyQuestion.objects.get(id=bonus["id"]).question_id) == str(question.id)
