"""Listening sessions: POST /questions/listening, GET and complete."""

from __future__ import annotations

import pytest

from closeknit.questions.models import DailyQuestion, ListeningSession, Question
from closeknit.questions.tests._api import at_noon, call, fields_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _noon():
    with at_noon():
        yield


def test_a_session_on_a_topic_of_our_own(partner_a, partner_b):
    body = call(
        partner_a, "POST", "/listening", {"topic": " Moving cities ", "minutes": 3}, status=201
    )
    assert body["topic"] == "Moving cities"
    assert body["speaker_seconds"] == 180
    assert body["question_id"] is None
    assert body["completed_at"] is None
    session = ListeningSession.objects.get(id=body["id"])
    assert session.topic == "Moving cities"
    assert session.started_by == partner_a.user
    assert call(partner_b, "GET", f"/listening/{body['id']}", status=200) == body


def test_without_a_topic_the_session_is_about_todays_question(partner_a):
    body = call(partner_a, "POST", "/listening", {}, status=201)
    today = DailyQuestion.objects.get()
    assert body["question_id"] == str(today.question_id)
    assert body["topic"] == today.question.text
    assert body["speaker_seconds"] == 120


def test_a_session_about_a_chosen_question(partner_a, outsider):
    question = Question.objects.filter(couple__isnull=True).order_by("key").last()
    assert question is not None
    body = call(
        partner_a, "POST", "/listening", {"question_id": str(question.id), "minutes": 1}, status=201
    )
    assert (body["question_id"], body["topic"]) == (str(question.id), question.text)
    own = call(
        partner_a,
        "POST",
        "/custom",
        {"text": "What do you wish I asked more?", "practice": "communication", "depth": "deeper"},
        status=201,
    )
    call(outsider, "POST", "/listening", {"question_id": own["id"], "minutes": 1}, status=404)
    assert ListeningSession.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "status", "field"),
    [
        ({"minutes": 4}, 400, "minutes"),
        ({"minutes": "long"}, 422, "minutes"),
        ({"minutes": "2"}, 422, "minutes"),
        ({"minutes": True}, 422, "minutes"),
        ({"topic": "t" * 301}, 400, "topic"),
        ({"question_id": "nope"}, 422, "question_id"),
    ],
)
def test_a_bad_session_is_refused_by_name(partner_a, data, status, field):
    body = call(partner_a, "POST", "/listening", data, status=status)
    assert fields_of(body) == {field}
    assert not ListeningSession.objects.exists()


def test_either_partner_completes_it_once(partner_a, partner_b):
    started = call(partner_a, "POST", "/listening", {"topic": "Holidays"}, status=201)
    done = call(partner_b, "POST", f"/listening/{started['id']}/complete", status=200)
    assert done["completed_at"] is not None
    again = call(partner_a, "POST", f"/listening/{started['id']}/complete", status=200)
    assert again["completed_at"] == done["completed_at"]
    assert ListeningSession.objects.get().completed_at is not None


def test_the_outsider_can_neither_read_nor_complete_it(partner_a, outsider):
    started = call(partner_a, "POST", "/listening", {"topic": "Our money talk"}, status=201)
    for method, path in (
        ("GET", f"/listening/{started['id']}"),
        ("POST", f"/listening/{started['id']}/complete"),
    ):
        body = call(outsider, method, path, status=404)
        assert "money" not in str(body)
    assert ListeningSession.objects.get().completed_at is None
