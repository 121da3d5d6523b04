"""Every way a private check-in, or a shared one not yet guessed, could reach the partner.

Alex checks in with canary words. For a private check-in, everything Sam can get
(pages, the Today card, history, every API read, charts data, error answers) must
be *exactly* what Sam gets when Alex has not checked in at all, so not even the
existence of a private check-in shows. Each test ends with a control: once the
check-in is shared (and guessed), the canary does appear where it should, which
proves the comparisons would have caught it.
"""

from __future__ import annotations

import json
import re
import uuid
from datetime import date

import pytest

from closeknit.checkins import selectors
from closeknit.checkins.models import CheckIn, CheckInReaction, CheckInReply, EmpathyGuess
from closeknit.checkins.tests.support import (
    API,
    HISTORY,
    PAGE,
    TODAY,
    call,
    check_in,
    checkin_of,
    couple_of,
    guess,
    make_history,
    page,
    render_card,
    skip,
)
from closeknit.testing.openapi import validate_response

pytestmark = pytest.mark.django_db

NOTE = "Canary-note-zqx: what I never said out loud"
NEED = "Canary-need-zqx: hold me a while"
API_READS = ["/today", "/history", "/history?page=2", "/accuracy", "/feelings"]

_CSRF = re.compile(r'(csrfmiddlewaretoken" value="|"X-CSRFToken": ")[^"]+')


def _same_for_any_token(text: str) -> str:
    return _CSRF.sub(r"\1-", text)


def _alex_checks_in(partner_a, visibility: str) -> None:
    response = check_in(
        partner_a,
        ["grieving", "lonely"],
        intensity=5,
        note=NOTE,
        need="hug",
        need_text=NEED,
        visibility=visibility,
    )
    assert response.status_code == 302


def everything_sam_sees(partner_b) -> dict[str, str]:
    """Every page, the card and every API read, as Sam gets them."""
    seen = {
        "page": page(partner_b.client.get(PAGE)),
        "history": page(partner_b.client.get(HISTORY)),
        "history-2": page(partner_b.client.get(HISTORY + "?page=2")),
        "card": render_card(partner_b),
    }
    for path in API_READS:
        response = partner_b.api("GET", API + path)
        validate_response(response)
        assert response.status_code == 200, path
        seen["api" + path] = response.content.decode()
    return {name: _same_for_any_token(text) for name, text in seen.items()}


def _assert_no_canary(seen: dict[str, str]) -> None:
    for name, text in seen.items():
        assert "Canary" not in text, name
        assert "zqx" not in text, name


def _forget_alex(partner_a) -> None:
    """Alex's check-in gone without a trace, to compare against."""
    CheckIn.objects.filter(author=partner_a.user, date=TODAY).delete()


@pytest.fixture
def past(partner_a, partner_b) -> None:
    """Twenty days of history, so history has pages and charts have data."""
    make_history(partner_a.user, partner_b.user, days=20)


def test_a_private_check_in_looks_to_the_partner_exactly_like_no_check_in(
    past, partner_a, partner_b
):
    _alex_checks_in(partner_a, "private")
    with_private = everything_sam_sees(partner_b)
    _assert_no_canary(with_private)
    _forget_alex(partner_a)
    assert with_private == everything_sam_sees(partner_b)


def test_a_waiting_guess_stays_waiting_for_a_private_check_in(past, partner_a, partner_b):
    guess(partner_b, "sad", 5)
    _alex_checks_in(partner_a, "private")
    with_private = everything_sam_sees(partner_b)
    _assert_no_canary(with_private)
    assert "Your guess is saved: Sad, strength 5." in with_private["page"]
    body = json.loads(with_private["api/today"])
    assert body["partner_state"] == "waiting"
    assert body["partner"] is None
    assert body["my_guess"]["score"] is None
    _forget_alex(partner_a)
    assert with_private == everything_sam_sees(partner_b)
    # Control: shared, the waiting guess is revealed with its score.
    _alex_checks_in(partner_a, "shared")
    shared = everything_sam_sees(partner_b)
    assert NOTE in shared["page"]
    assert json.loads(shared["api/today"])["my_guess"]["score"] == 100


def test_a_private_check_in_skipped_to_still_shows_nothing(past, partner_a, partner_b):
    skip(partner_b)
    _alex_checks_in(partner_a, "private")
    with_private = everything_sam_sees(partner_b)
    _assert_no_canary(with_private)
    _forget_alex(partner_a)
    assert with_private == everything_sam_sees(partner_b)


def test_before_guessing_nothing_of_the_shared_check_in_is_anywhere(past, partner_a, partner_b):
    _alex_checks_in(partner_a, "shared")
    before = everything_sam_sees(partner_b)
    _assert_no_canary(before)
    today = json.loads(before["api/today"])
    assert (today["partner_state"], today["partner"], today["can_guess"]) == (
        "guess_first",
        None,
        True,
    )
    history = json.loads(before["api/history"])
    assert TODAY.isoformat() not in {day["date"] for day in history["results"]}
    # The charts don't count today's check-in before the guess either: the
    # families would give away the answer.
    feelings = json.loads(before["api/feelings"])["results"]
    march = {row["family"]: row["partner"] for row in feelings if row["month"] == "2026-03-01"}
    _forget_alex(partner_a)
    march_without = {
        row["family"]: row["partner"]
        for row in json.loads(everything_sam_sees(partner_b)["api/feelings"])["results"]
        if row["month"] == "2026-03-01"
    }
    assert march == march_without
    # Control: after the guess, it is everywhere it belongs.
    _alex_checks_in(partner_a, "shared")
    guess(partner_b, "hurt", 5)
    after = everything_sam_sees(partner_b)
    for name in ("page", "history", "api/today", "api/history"):
        assert "Canary-note-zqx" in after[name], name
    # The card shows the feelings only; the note is on the check-in page.
    assert "grieving" in after["card"]
    after_march = {
        row["family"]: row["partner"]
        for row in json.loads(after["api/feelings"])["results"]
        if row["month"] == "2026-03-01"
    }
    assert after_march["sad"] == march_without["sad"] + 1


def test_a_check_in_made_private_after_being_seen_disappears_for_the_partner(partner_a, partner_b):
    _alex_checks_in(partner_a, "shared")
    guess(partner_b, "sad", 4)
    target = checkin_of(partner_a)
    partner_b.client.post(f"/checkins/{target.id}/react/", {"kind": "hug"})
    partner_b.client.post(f"/checkins/{target.id}/reply/", {"text": "here for you"})
    assert NOTE in page(partner_b.client.get(PAGE))
    _alex_checks_in(partner_a, "private")
    seen = everything_sam_sees(partner_b)
    _assert_no_canary(seen)
    assert "here for you" not in seen["page"]
    assert json.loads(seen["api/today"])["partner"] is None
    # Sam can't respond to it any more, and learns nothing from trying.
    for kind, body in (("react", {"kind": "hug"}), ("reply", {"text": "hi"}), ("help", {})):
        response = partner_b.client.post(f"/checkins/{target.id}/{kind}/", body)
        assert response.status_code == 404
    # The guess Sam made stays Sam's, but no longer scores against a hidden check-in.
    assert selectors.guess_accuracy(partner_b.user, 30).guesses == 0


def _refusals(partner_b, checkin_id: str) -> list[tuple[int, str]]:
    """Every response endpoint and page action, aimed at one id."""
    results = []
    for path, body in (
        (f"/{checkin_id}/reactions", {"kind": "hug"}),
        (f"/{checkin_id}/replies", {"text": "hello"}),
        (f"/{checkin_id}/help", None),
    ):
        method = "PUT" if path.endswith("/help") else "POST"
        response = partner_b.api(method, API + path, body)
        validate_response(response)
        results.append((response.status_code, response.content.decode()))
    response = partner_b.api("DELETE", API + f"/{checkin_id}/help")
    results.append((response.status_code, response.content.decode()))
    for action in ("react", "reply", "help"):
        response = partner_b.client.post(
            f"/checkins/{checkin_id}/{action}/", {"kind": "hug", "text": "x"}
        )
        results.append((response.status_code, ""))
    return results


def test_aiming_at_a_private_check_in_answers_like_a_made_up_id(partner_a, partner_b):
    _alex_checks_in(partner_a, "private")
    private_id = str(checkin_of(partner_a).id)
    made_up = str(uuid.uuid4())
    assert _refusals(partner_b, private_id) == _refusals(partner_b, made_up)
    assert all(status == 404 for status, _body in _refusals(partner_b, private_id))
    assert not CheckInReaction.objects.exists()
    assert not CheckInReply.objects.exists()


def test_the_outsider_sees_nothing_of_the_couple_shared_or_private(
    past, partner_a, partner_b, outsider
):
    _alex_checks_in(partner_a, "shared")
    skip(partner_b)
    for path in API_READS:
        body = call(outsider, "GET", path, status=200)
        assert "Canary" not in json.dumps(body)
        assert "a on " not in json.dumps(body)
    assert json.loads(outsider.api("GET", API + "/history").content)["count"] == 0
    for status, _body in _refusals(outsider, str(checkin_of(partner_a).id)):
        assert status == 404


def test_insights_count_a_private_check_in_only_for_its_author(partner_a, partner_b):
    _alex_checks_in(partner_a, "private")
    couple = couple_of(partner_a)
    month = date(2026, 3, 1)

    def sad(viewer) -> tuple[int, int]:
        rows = selectors.feelings_by_family(couple, TODAY, TODAY, viewer=viewer)
        row = next(r for r in rows if r.family == "sad" and r.month == month)
        return row.mine, row.partner

    assert sad(partner_a.user) == (1, 0)
    assert sad(partner_b.user) == (0, 0)
    assert sad(None) == (0, 0)
    guess(partner_b, "sad", 5)
    assert selectors.guess_accuracy(partner_b.user, 30).guesses == 0
    assert selectors.guess_accuracy(partner_b.user, 90).average is None


def test_a_guess_is_only_ever_scored_against_a_shared_check_in(partner_a, partner_b):
    guess(partner_b, "sad", 5)
    _alex_checks_in(partner_a, "private")
    assert EmpathyGuess.objects.get().skipped is False
    assert call(partner_b, "GET", "/accuracy", status=200)["mine_30"] == {
        "days": 30,
        "guesses": 0,
        "average": None,
    }
    _alex_checks_in(partner_a, "shared")
    assert call(partner_b, "GET", "/accuracy", status=200)["mine_30"] == {
        "days": 30,
        "guesses": 1,
        "average": 100,
    }
