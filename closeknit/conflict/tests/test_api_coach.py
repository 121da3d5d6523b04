"""POST /api/v1/coach/analyze: flags with offsets, a suggestion, and errors naming text."""

from __future__ import annotations

import logging

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from closeknit.conflict.coach import MAX_LENGTH
from closeknit.conflict.tests.support import call, fields_of

pytestmark = pytest.mark.django_db

PATH = "/coach/analyze"
CRITICAL = "You never listen to me. Whatever."


@pytest.mark.parametrize("who", ["partner_a", "partner_b", "outsider", "solo"])
def test_everyone_signed_in_can_have_a_draft_read(request, who):
    persona = request.getfixturevalue(who)
    body = call(persona, "POST", PATH, {"text": CRITICAL}, status=200)
    kinds = {flag["kind"] for flag in body["flags"]}
    assert kinds == {"criticism", "stonewalling"}
    for flag in body["flags"]:
        assert CRITICAL[flag["start"] : flag["end"]].strip()
        assert flag["explanation"]
    first = body["flags"][0]
    assert CRITICAL[first["start"] : first["end"]] == "You never"
    assert body["suggestion"].startswith("I feel")


def test_nobody_signed_in_gets_401(db):
    body = call(None, "POST", PATH, {"text": CRITICAL}, status=401)
    assert body["code"] == "unauthorized"


def test_a_loving_draft_has_no_flags_and_no_suggestion(partner_a):
    body = call(partner_a, "POST", PATH, {"text": "You always make me laugh."}, status=200)
    assert body == {"flags": [], "suggestion": None}


@pytest.mark.parametrize(
    ("text", "code"), [("", "empty"), ("  \n", "empty"), ("x" * (MAX_LENGTH + 1), "too_long")]
)
def test_empty_or_overlong_text_is_refused_naming_text(partner_a, text, code):
    body = call(partner_a, "POST", PATH, {"text": text}, status=400)
    assert body["code"] == code
    assert fields_of(body) == {"text"}


def test_a_missing_text_is_refused_naming_text(partner_a):
    body = call(partner_a, "POST", PATH, {}, status=422)
    assert fields_of(body) == {"text"}


def test_the_api_stores_and_logs_nothing_of_the_draft(partner_a, caplog):
    draft = "Quokka-3 it's all your fault."
    call(partner_a, "POST", PATH, {"text": "warm up"}, status=200)
    with caplog.at_level(logging.DEBUG), CaptureQueriesContext(connection) as queries:
        response = partner_a.api("POST", "/api/v1" + PATH, {"text": draft})
    assert response.status_code == 200
    assert response.json()["flags"]
    # Only reads (the device token); nothing of the draft reaches the database.
    assert all(q["sql"].startswith("SELECT") for q in queries)
    assert not any("Quokka" in q["sql"] for q in queries)
    assert not any("Quokka" in record.getMessage() for record in caplog.records)
