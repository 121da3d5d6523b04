"""Every way the partner's answer could leak through the API before both have answered.

Partner A answers with a canary text; partner B has not answered. No response B
(or the outsider) can get may contain the canary, and nothing B can do may attach
to A's answer. At the end B answers, and the canary does appear: the control that
shows these searches would have found it.
"""

from __future__ import annotations

import json

import pytest

from closeknit.questions import services
from closeknit.questions.models import Answer, Comment, DailyQuestion, Deck, Question, Reaction
from closeknit.questions.tests._api import API, answer, at_noon, call, make_history, today_id
from closeknit.testing.openapi import validate_response

pytestmark = pytest.mark.django_db

CANARY = "Canary-7f3e: the thing I have never told anyone"
SEARCH_WORD = "canary-7f3e"


@pytest.fixture(autouse=True)
def _noon():
    with at_noon():
        yield


@pytest.fixture
def a_answered(partner_a, partner_b) -> dict[str, str]:
    """Today's question, answered by A only, plus a deck of the couple's own."""
    day = today_id(partner_a)
    body = answer(partner_a, day, CANARY)
    call(
        partner_a,
        "POST",
        "/custom",
        {"text": "What do you hope we keep doing?", "practice": "rituals", "depth": "light"},
        status=201,
    )
    return {"day": day, "answer": body["my_answer"]["id"]}


def _get_everything(who, day: str) -> list[bytes]:
    """The raw bytes of every GET this person can make about the couple."""
    paths = [
        "/today",
        f"/{day}",
        "/history",
        f"/history?q={SEARCH_WORD}",
        "/history?q=never",
        "/streak",
        "/library",
        "/custom",
        "/decks",
        "/settings",
    ]
    paths += [f"/decks/{deck.id}/export" for deck in Deck.objects.all()]
    bodies = []
    for path in paths:
        response = who.api("GET", API + path)
        validate_response(response)
        bodies.append(response.content)
    return bodies


def test_no_read_gives_the_partner_the_answer_before_they_answer(partner_b, a_answered):
    for body in _get_everything(partner_b, a_answered["day"]):
        assert CANARY.encode() not in body
        assert b"Canary-7f3e" not in body


def test_no_read_gives_the_outsider_the_answer_ever(partner_b, outsider, a_answered):
    answer(partner_b, a_answered["day"], "Now both of us have")
    for body in _get_everything(outsider, a_answered["day"]):
        assert b"Canary-7f3e" not in body


def test_today_and_the_day_by_id_hold_nothing_of_the_partners_answer(partner_b, a_answered):
    for path in ("/today", f"/{a_answered['day']}"):
        body = call(partner_b, "GET", path, status=200)
        assert body["partner_answered"] is True
        assert body["partner_answer"] is None
        assert body["my_answer"] is None
        assert body["reactions"] == []
        assert body["comments"] == []


def test_an_unrevealed_day_is_absent_from_history_and_search(partner_a, partner_b, a_answered):
    make_history(partner_a.user, partner_b.user, days=2)
    listed = call(partner_b, "GET", "/history", status=200)
    assert listed["count"] == 2
    assert a_answered["day"] not in {day["id"] for day in listed["results"]}
    found = call(partner_b, "GET", f"/history?q={SEARCH_WORD}", status=200)
    assert found == {
        "count": 0,
        "page": 1,
        "pages": 1,
        "results": [],
        "searched_back_to": None,
        "older_until": None,
    }
    # A's own history doesn't list it either: it is not a shared day yet.
    assert call(partner_a, "GET", f"/history?q={SEARCH_WORD}", status=200)["count"] == 0


def test_the_partner_cannot_react_to_or_comment_on_an_unseen_answer(partner_b, a_answered):
    target = a_answered["answer"]
    reaction = call(
        partner_b, "POST", f"/answers/{target}/reactions", {"kind": "heart"}, status=409
    )
    comment = call(partner_b, "POST", f"/answers/{target}/comments", {"text": "Aw"}, status=409)
    for body in (reaction, comment):
        assert body["code"] == "not_revealed"
        assert "Canary" not in json.dumps(body)
    assert not Reaction.objects.exists()
    assert not Comment.objects.exists()


def test_the_author_cannot_start_a_thread_before_the_reveal_either(partner_a, a_answered):
    call(
        partner_a,
        "POST",
        f"/answers/{a_answered['answer']}/comments",
        {"text": "Adding a thought"},
        status=409,
    )
    assert not Comment.objects.exists()


def test_answering_a_bonus_question_does_not_reveal_the_days_answer(
    partner_a, partner_b, a_answered
):
    question = Question.objects.filter(couple__isnull=True).order_by("key").first()
    assert question is not None
    bonus = call(partner_b, "POST", f"/library/{question.id}/ask", status=201)
    answer(partner_b, bonus["id"], "Bonus from B")
    answer(partner_a, bonus["id"], "Bonus from A")
    day = call(partner_b, "GET", f"/{a_answered['day']}", status=200)
    assert day["partner_answer"] is None
    assert "Canary" not in json.dumps(day)


def test_exports_hold_questions_only_never_answers(partner_a, partner_b, a_answered):
    answer(partner_b, a_answered["day"], "B's words")
    for deck in Deck.objects.all():
        for who in (partner_a, partner_b):
            body = call(who, "GET", f"/decks/{deck.id}/export", status=200)
            text = json.dumps(body)
            assert "Canary" not in text
            assert "B's words" not in text
            assert set(body) == {"format", "version", "name", "questions"}


def test_refusals_never_echo_answer_text(partner_a, partner_b, a_answered):
    day = a_answered["day"]
    too_long = "Secret-b1 " + "x" * services.ANSWER_MAX
    refusals = [
        call(partner_b, "POST", f"/{day}/answer", {"text": too_long}, status=400),
        call(partner_b, "POST", f"/{day}/answer", {"text": ["Secret-b1"]}, status=422),
        call(partner_b, "POST", f"/{day}/answer", {"text": "Secret-b1\x00"}, status=422),
        call(partner_b, "POST", f"/{day}/skip", status=409),
    ]
    answer(partner_b, day, "Secret-b2 answered at last")
    refusals += [
        call(partner_a, "POST", f"/{day}/answer", {"text": "Secret-a2 edit"}, status=409),
        call(partner_b, "POST", f"/{day}/answer", {"text": "Secret-b3 edit"}, status=409),
        call(
            partner_b,
            "POST",
            f"/answers/{a_answered['answer']}/comments",
            {"text": "Secret-c1 " + "y" * services.COMMENT_MAX},
            status=400,
        ),
    ]
    for body in refusals:
        text = json.dumps(body)
        assert "Secret-" not in text, body
        assert "Canary" not in text, body
    assert Answer.objects.get(author=partner_a.user).text == CANARY


def test_once_both_have_answered_the_partner_sees_it_everywhere(partner_a, partner_b, a_answered):
    answer(partner_b, a_answered["day"], "My turn now")
    today = call(partner_b, "GET", "/today", status=200)
    assert today["partner_answer"]["text"] == CANARY
    found = call(partner_b, "GET", f"/history?q={SEARCH_WORD}", status=200)
    assert [day["id"] for day in found["results"]] == [a_answered["day"]]
    call(
        partner_b,
        "POST",
        f"/answers/{a_answered['answer']}/reactions",
        {"kind": "hear_you"},
        status=200,
    )
    assert Reaction.objects.filter(answer_id=a_answered["answer"]).count() == 1


def test_a_day_answered_by_one_partner_stays_sealed_on_later_days_too(partner_a, partner_b):
    [past] = make_history(partner_a.user, partner_b.user, days=1, revealed=False)
    body = call(partner_b, "GET", f"/{past.id}", status=200)
    assert body["partner_answered"] is True
    assert body["partner_answer"] is None
    assert f"a wrote on {past.date}" not in json.dumps(body)
    assert DailyQuestion.objects.get(id=past.id).answers.count() == 1
