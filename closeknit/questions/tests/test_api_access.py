"""Who may call what: every questions endpoint, for nobody, the outsider and both partners.

ENDPOINTS lists every operation; a test checks it against the OpenAPI document, so
a new endpoint cannot be added without being checked here too.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from closeknit.questions.models import (
    Answer,
    Comment,
    DailyQuestion,
    Deck,
    ListeningSession,
    Question,
    QuestionPreferences,
    Reaction,
)
from closeknit.questions.tests._api import API, answer, at_noon, call, today_id
from closeknit.testing.openapi import openapi_document, validate_response

pytestmark = pytest.mark.django_db

SECRET = "Secret-9d2: only for us two"

# (method, path, body). Ids in braces are the couple's real ones, from the fixture.
ENDPOINTS: list[tuple[str, str, Any]] = [
    ("GET", "/today", None),
    ("GET", "/history", None),
    ("GET", "/streak", None),
    ("GET", "/{day}", None),
    ("POST", "/{day}/answer", {"text": "Let me in"}),
    ("POST", "/{day}/skip", None),
    ("POST", "/answers/{answer}/reactions", {"kind": "heart"}),
    ("POST", "/answers/{answer}/comments", {"text": "Hello"}),
    ("GET", "/library", None),
    ("POST", "/library/{question}/ask", None),
    ("GET", "/custom", None),
    ("POST", "/custom", {"text": "Why not?", "practice": "trust", "depth": "light"}),
    ("DELETE", "/custom/{question}", None),
    ("GET", "/decks", None),
    ("GET", "/settings", None),
    ("PATCH", "/settings", {"max_depth": "light"}),
    ("GET", "/decks/{deck}/export", None),
    (
        "POST",
        "/decks/import",
        {
            "format": "closeknit-deck",
            "version": 1,
            "name": "Sneaky",
            "questions": [{"text": "Who?", "practice": "trust", "depth": "light"}],
        },
    ),
    ("DELETE", "/decks/{deck}", None),
    ("POST", "/listening", {"topic": "Anything"}),
    ("GET", "/listening/{session}", None),
    ("POST", "/listening/{session}/complete", None),
]

# The endpoints that name one of the couple's things, which the outsider must not reach.
ADDRESSED = [endpoint for endpoint in ENDPOINTS if "{" in endpoint[1]]


@pytest.fixture(autouse=True)
def _noon():
    with at_noon():
        yield


@pytest.fixture
def ids(partner_a, partner_b) -> dict[str, str]:
    """One of each of the couple's things, the day revealed so every action is open."""
    day = today_id(partner_a)
    mine = answer(partner_a, day, SECRET)["my_answer"]["id"]
    answer(partner_b, day, "Sam's side")
    question = call(
        partner_a,
        "POST",
        "/custom",
        {"text": "What keeps us close?", "practice": "trust", "depth": "light"},
        status=201,
    )["id"]
    deck = call(
        partner_a,
        "POST",
        "/decks/import",
        {
            "format": "closeknit-deck",
            "version": 1,
            "name": "Ours",
            "questions": [{"text": "Where next?", "practice": "goals", "depth": "light"}],
        },
        status=201,
    )["id"]
    session = call(partner_a, "POST", "/listening", {"topic": "Us"}, status=201)["id"]
    return {"day": day, "answer": mine, "question": question, "deck": deck, "session": session}


def _snapshot() -> dict[str, Any]:
    """Everything a refused call might have changed."""
    return {
        "days": sorted(DailyQuestion.objects.values_list("id", "question_id", "swapped_from_id")),
        "answers": sorted((a.id, a.text, a.updated_at) for a in Answer.objects.all()),
        "reactions": Reaction.objects.count(),
        "comments": Comment.objects.count(),
        "questions": sorted(Question.objects.values_list("id", "retired")),
        "decks": sorted(Deck.objects.values_list("id", flat=True)),
        "prefs": sorted(QuestionPreferences.objects.values_list("couple_id", "max_depth")),
        "sessions": sorted(ListeningSession.objects.values_list("id", "completed_at")),
    }


def _label(endpoint: tuple[str, str, Any]) -> str:
    return f"{endpoint[0]} {endpoint[1]}"


def test_every_documented_questions_operation_is_checked_here():
    documented = {
        (method.upper(), path.removeprefix(API))
        for path, item in openapi_document()["paths"].items()
        if path.startswith(API + "/")
        for method in item
    }

    def template(path: str) -> str:
        return (
            path.replace("{day}", "{daily_id}")
            .replace("{answer}", "{answer_id}")
            .replace("{session}", "{session_id}")
            .replace("/custom/{question}", "/custom/{question_id}")
            .replace("/library/{question}", "/library/{question_id}")
            .replace("{deck}", "{deck_id}")
        )

    assert {(method, template(path)) for method, path, _body in ENDPOINTS} == documented


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=_label)
def test_nobody_signed_in_gets_401_and_changes_nothing(ids, endpoint):
    method, path, data = endpoint
    before = _snapshot()
    body = call(None, method, path.format(**ids), data, status=401)
    assert body["code"] == "unauthorized"
    assert _snapshot() == before


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=_label)
def test_a_wrong_token_gets_401(partner_a, ids, endpoint):
    method, path, data = endpoint
    send = getattr(partner_a.client, method.lower())
    kwargs: dict[str, Any] = {"HTTP_AUTHORIZATION": "Bearer ck_not-a-real-token"}
    if data is not None:
        kwargs |= {"data": json.dumps(data), "content_type": "application/json"}
    response = send(API + path.format(**ids), **kwargs)
    validate_response(response)
    assert response.status_code == 401


@pytest.mark.parametrize("endpoint", ADDRESSED, ids=_label)
def test_the_outsider_gets_404_for_the_couples_things_and_changes_nothing(outsider, ids, endpoint):
    method, path, data = endpoint
    before = _snapshot()
    body = call(outsider, method, path.format(**ids), data, status=404)
    assert body["code"] == "not_found"
    assert "Secret" not in json.dumps(body)
    assert _snapshot() == before


@pytest.mark.parametrize("endpoint", ADDRESSED, ids=_label)
def test_an_unknown_id_gets_404_like_the_outsiders(partner_a, ids, endpoint):
    method, path, data = endpoint
    unknown = dict.fromkeys(ids, "0b8d6c1e-5d3a-4f7e-9a21-3c4b5d6e7f80")
    call(partner_a, method, path.format(**unknown), data, status=404)


@pytest.mark.parametrize("who", ["partner_a", "partner_b"])
def test_both_partners_reach_every_read_of_the_couples_things(request, ids, who):
    persona = request.getfixturevalue(who)
    reads = [e for e in ENDPOINTS if e[0] == "GET"]
    for _method, path, _data in reads:
        call(persona, "GET", path.format(**ids), status=200)
