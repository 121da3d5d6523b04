"""Someone alone uses the daily question through the API; a partner joins later."""

from __future__ import annotations

import pytest
from django.test import Client

from closeknit.accounts.services import issue_token
from closeknit.couples.selectors import couple_id_of
from closeknit.questions.models import Deck
from closeknit.questions.tests._api import answer, at_noon, call, today_id
from conftest import PASSWORD, Persona, link, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _noon():
    with at_noon():
        yield


def _newcomer(rf, email: str = "noa@example.com", name: str = "Noa") -> Persona:
    """Someone who signs up now, with a device token of their own."""
    user = make_user(email, name, tz="Europe/Berlin")
    request = rf.post("/api/v1/auth/token", REMOTE_ADDR="10.9.9.8")
    _token, raw = issue_token(request=request, email=user.email, password=PASSWORD)
    return Persona(user=user, client=Client(), token=raw)


def test_someone_alone_answers_and_it_waits_for_the_partner(solo, rf):
    day = today_id(solo)
    mine = answer(solo, day, "Written before anyone joined")
    assert mine["state"] == "waiting"
    assert mine["partner_answered"] is False

    partner = _newcomer(rf)
    link(solo.user, partner.user)
    theirs = call(partner, "GET", "/today", status=200)
    assert theirs["id"] == day
    assert theirs["state"] == "your_turn"
    assert theirs["partner_answered"] is True
    assert theirs["partner_answer"] is None

    both = answer(partner, day, "And now me")
    assert both["partner_answer"]["text"] == "Written before anyone joined"
    seen_by_solo = call(solo, "GET", "/today", status=200)
    assert seen_by_solo["state"] == "revealed"
    assert seen_by_solo["partner_answer"]["text"] == "And now me"


def test_someone_alone_who_joins_a_partner_keeps_their_answer_for_the_reveal(solo, rf):
    inviter = _newcomer(rf, "ira@example.com", "Ira")
    inviters_day = today_id(inviter)
    solo_day = today_id(solo)
    answer(solo, solo_day, "My answer from before")
    link(inviter.user, solo.user)

    # The couple already had a question today, so the joiner's day came along as a bonus.
    kept = call(solo, "GET", f"/{solo_day}", status=200)
    assert kept["is_bonus"] is True
    assert kept["my_answer"]["text"] == "My answer from before"
    assert call(solo, "GET", "/today", status=200)["id"] == inviters_day
    waiting = call(inviter, "GET", f"/{solo_day}", status=200)
    assert (waiting["partner_answered"], waiting["partner_answer"]) == (True, None)
    both = answer(inviter, solo_day, "Answered after you joined")
    assert both["partner_answer"]["text"] == "My answer from before"


def test_everything_else_works_alone_too(solo):
    assert call(solo, "GET", "/decks", status=200)
    assert call(solo, "GET", "/settings", status=200)["max_depth"] == "deepest"
    assert call(solo, "GET", "/history", status=200)["count"] == 0
    assert call(solo, "GET", "/streak", status=200) == {"days": 0}
    assert call(solo, "GET", "/custom", status=200) == []
    own = call(
        solo,
        "POST",
        "/custom",
        {"text": "What would you like us to try?", "practice": "goals", "depth": "light"},
        status=201,
    )
    assert couple_id_of(solo.user) is not None
    assert Deck.objects.get(id=own["deck_id"]).couple_id == couple_id_of(solo.user)
    call(solo, "POST", f"/library/{own['id']}/ask", status=201)
    call(solo, "POST", "/listening", {"topic": "Our plans"}, status=201)
    lib = next(d for d in call(solo, "GET", "/decks", status=200) if d["is_library"])
    body = call(solo, "PATCH", "/settings", {"enabled_decks": [lib["id"]]}, status=200)
    assert body["enabled_decks"] == [lib["id"]]
