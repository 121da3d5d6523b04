"""The check-ins API: check in, guess or skip, respond, history and insights data.

Every call is validated against the OpenAPI document before a test looks at it.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from closeknit.checkins.models import CheckIn, CheckInReaction, CheckInReply, EmpathyGuess
from closeknit.checkins.selectors import HISTORY_PAGE_SIZE
from closeknit.checkins.tests.support import NOON, TODAY, call, fields_of, make_history
from closeknit.checkins.vocabulary import FAMILIES, FEELINGS, NEEDS
from closeknit.insights.models import Activity

pytestmark = pytest.mark.django_db

NOTE = "Dinner with my parents is stressing me"


def _check_in(who, **changes):
    payload = {
        "feelings": ["worried", "stressed"],
        "intensity": 4,
        "note": NOTE,
        "need": "reassurance",
        "need_text": "a text at lunch",
    } | changes
    return call(who, "PUT", "/today", payload, status=200)


def test_the_vocabulary_lists_every_word_need_and_reaction_with_descriptions(partner_a):
    body = call(partner_a, "GET", "/vocabulary", status=200)
    assert [f["key"] for f in body["families"]] == [f.key for f in FAMILIES]
    words = [w for f in body["families"] for w in f["feelings"]]
    assert len(words) == len(FEELINGS)
    assert {f["tone"] for f in body["families"]} == {"pleasant", "unpleasant"}
    assert all(w["description"] for w in words)
    assert [n["key"] for n in body["needs"]] == [n.key for n in NEEDS]
    assert "can_help" not in {r["kind"] for r in body["reactions"]}
    assert {"kind": "hear_you", "label": "I hear you"} in body["reactions"]


def test_checking_in_returns_the_day_and_a_second_call_changes_it(partner_a):
    first = _check_in(partner_a)
    mine = first["mine"]
    assert first["date"] == TODAY.isoformat()
    assert [f["key"] for f in mine["feelings"]] == ["worried", "stressed"]
    assert mine["families"] == ["anxious", "tired"]
    assert mine["need"] == {"key": "reassurance", "label": "Reassurance"}
    assert (mine["note"], mine["need_text"], mine["shared"]) == (NOTE, "a text at lunch", True)
    assert first["partner_state"] == "waiting"
    second = _check_in(partner_a, feelings=["relaxed"], shared=False)
    assert second["mine"]["id"] == mine["id"]
    assert second["mine"]["shared"] is False
    assert CheckIn.objects.count() == 1
    assert Activity.objects.filter(kind="checkin").count() == 1


@pytest.mark.parametrize(
    ("changes", "field", "status"),
    [
        ({"feelings": []}, "feelings", 400),
        ({"feelings": ["happy", "glad", "amused", "tired"]}, "feelings", 400),
        ({"feelings": ["not-a-feeling"]}, "feelings", 400),
        ({"feelings": "happy"}, "feelings", 422),
        ({"intensity": 6}, "intensity", 400),
        ({"intensity": 0}, "intensity", 400),
        ({"intensity": "strong"}, "intensity", 422),
        # JSON has numbers and true/false: a number in quotes, or true, is not 3 or 1.
        ({"intensity": "3"}, "intensity", 422),
        ({"intensity": True}, "intensity", 422),
        ({"shared": "false"}, "shared", 422),
        ({"shared": 0}, "shared", 422),
        ({"note": "n" * 501}, "note", 400),
        ({"need": "a-pony"}, "need", 400),
        ({"need_text": "t" * 201}, "need_text", 400),
        ({"note": "nul\x00here"}, "note", 422),
        ({"mood": "great"}, "mood", 422),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(partner_a, changes, field, status):
    payload = {"feelings": ["happy"], "intensity": 3} | changes
    body = call(partner_a, "PUT", "/today", payload, status=status)
    assert field in fields_of(body)
    assert not CheckIn.objects.exists()


def test_the_partner_must_guess_or_skip_before_seeing(partner_a, partner_b):
    _check_in(partner_a)
    before = call(partner_b, "GET", "/today", status=200)
    assert before["partner_state"] == "guess_first"
    assert before["partner"] is None
    assert before["can_guess"] is True
    after = call(
        partner_b, "POST", "/today/guess", {"family": "anxious", "intensity": 3}, status=200
    )
    assert after["partner_state"] == "revealed"
    assert after["partner"]["note"] == NOTE
    assert after["can_guess"] is False
    # Right family (60), one step off (30).
    assert after["my_guess"] == {
        "skipped": False,
        "family": "anxious",
        "intensity": 3,
        "score": 90,
        "family_points": 60,
        "intensity_points": 30,
    }
    # Alex sees Sam's guess on their own check-in.
    alex = call(partner_a, "GET", "/today", status=200)
    assert alex["partner_guess"]["score"] == 90
    assert alex["my_guess"] is None


def test_a_guess_before_the_partner_checks_in_waits_unscored(partner_a, partner_b):
    waiting = call(
        partner_b, "POST", "/today/guess", {"family": "tired", "intensity": 4}, status=200
    )
    assert waiting["partner_state"] == "waiting"
    assert waiting["my_guess"]["score"] is None
    assert call(partner_a, "GET", "/today", status=200)["partner_guess"] is None
    _check_in(partner_a)
    revealed = call(partner_b, "GET", "/today", status=200)
    assert revealed["partner_state"] == "revealed"
    assert revealed["my_guess"]["score"] == 100


def test_skipping_shows_the_check_in_and_no_score(partner_a, partner_b):
    _check_in(partner_a)
    body = call(partner_b, "POST", "/today/skip", status=200)
    assert body["partner"]["note"] == NOTE
    assert body["my_guess"]["skipped"] is True
    assert body["my_guess"]["score"] is None
    assert call(partner_a, "GET", "/today", status=200)["partner_guess"] is None


@pytest.mark.parametrize("intensity", ["3", True, 3.5])
def test_a_guess_takes_its_strength_only_as_a_whole_number(partner_a, partner_b, intensity):
    _check_in(partner_a)
    body = call(
        partner_b, "POST", "/today/guess", {"family": "anxious", "intensity": intensity}, status=422
    )
    assert fields_of(body) == {"intensity"}
    assert body["errors"][0]["message"] == "Send a whole number, such as 3, without quotes."
    assert not EmpathyGuess.objects.exists()


def test_a_second_guess_or_a_guess_after_skipping_is_a_conflict(partner_a, partner_b):
    _check_in(partner_a)
    call(partner_b, "POST", "/today/guess", {"family": "calm", "intensity": 1}, status=200)
    again = call(
        partner_b, "POST", "/today/guess", {"family": "anxious", "intensity": 4}, status=409
    )
    assert again["code"] == "already_guessed"
    EmpathyGuess.objects.all().delete()
    call(partner_b, "POST", "/today/skip", status=200)
    late = call(
        partner_b, "POST", "/today/guess", {"family": "anxious", "intensity": 4}, status=409
    )
    assert late["code"] == "already_seen"
    # Skipping again is harmless.
    call(partner_b, "POST", "/today/skip", status=200)
    assert EmpathyGuess.objects.count() == 1


@pytest.mark.parametrize(
    ("payload", "field", "status"),
    [
        ({"family": "happy", "intensity": 3}, "family", 400),
        ({"family": "calm", "intensity": 7}, "intensity", 400),
        ({"family": "calm"}, "intensity", 422),
    ],
)
def test_a_bad_guess_names_the_field(partner_b, payload, field, status):
    body = call(partner_b, "POST", "/today/guess", payload, status=status)
    assert field in fields_of(body)
    assert not EmpathyGuess.objects.exists()


def test_someone_on_their_own_checks_in_but_cannot_guess(solo):
    body = call(solo, "PUT", "/today", {"feelings": ["hopeful"], "intensity": 3}, status=200)
    assert body["partner_state"] == "no_partner"
    assert body["can_guess"] is False
    refused = call(solo, "POST", "/today/guess", {"family": "calm", "intensity": 3}, status=409)
    assert refused["code"] == "no_partner"
    assert call(solo, "POST", "/today/skip", status=409)["code"] == "no_partner"


def test_someone_who_has_not_started_gets_an_empty_day(solo):
    body = call(solo, "GET", "/today", status=200)
    assert (body["mine"], body["partner"], body["partner_state"]) == (None, None, "no_partner")
    assert call(solo, "GET", "/history", status=200) == {
        "count": 0,
        "page": 1,
        "pages": 1,
        "results": [],
    }
    assert call(solo, "GET", "/accuracy", status=200)["mine_90"]["guesses"] == 0
    assert call(solo, "GET", "/feelings", status=200)["results"] == []


def test_reactions_replies_and_help_round_trip(partner_a, partner_b):
    checkin_id = _check_in(partner_a)["mine"]["id"]
    refused = call(partner_b, "POST", f"/{checkin_id}/reactions", {"kind": "hug"}, status=409)
    assert refused["code"] == "guess_first"
    call(partner_b, "POST", "/today/skip", status=200)
    reacted = call(partner_b, "POST", f"/{checkin_id}/reactions", {"kind": "hug"}, status=200)
    assert [(r["kind"], r["by_me"]) for r in reacted["reactions"]] == [("hug", True)]
    helped = call(partner_b, "PUT", f"/{checkin_id}/help", status=200)
    assert helped["help_offered"] is True
    reply = call(partner_b, "POST", f"/{checkin_id}/replies", {"text": "I'll call"}, status=201)
    assert (reply["text"], reply["by_me"], reply["checkin_id"]) == ("I'll call", True, checkin_id)
    alex = call(partner_a, "GET", "/today", status=200)["mine"]
    assert alex["help_offered"] is True
    assert [(r["kind"], r["by_me"]) for r in alex["reactions"]] == [("hug", False)]
    assert [(r["text"], r["by_me"]) for r in alex["replies"]] == [("I'll call", False)]
    withdrawn = call(partner_b, "DELETE", f"/{checkin_id}/help", status=200)
    assert withdrawn["help_offered"] is False
    untoggled = call(partner_b, "POST", f"/{checkin_id}/reactions", {"kind": "hug"}, status=200)
    assert untoggled["reactions"] == []
    assert CheckInReply.objects.count() == 1


@pytest.mark.parametrize(
    ("path", "method", "payload", "status", "code"),
    [
        ("reactions", "POST", {"kind": "can_help"}, 422, "invalid"),
        ("replies", "POST", {"text": ""}, 400, "required"),
        ("replies", "POST", {"text": "r" * 301}, 400, "too_long"),
    ],
)
def test_bad_responses_are_refused(partner_a, partner_b, path, method, payload, status, code):
    checkin_id = _check_in(partner_a)["mine"]["id"]
    call(partner_b, "POST", "/today/skip", status=200)
    body = call(partner_b, method, f"/{checkin_id}/{path}", payload, status=status)
    assert body["code"] == code
    assert not CheckInReaction.objects.exists()
    assert not CheckInReply.objects.exists()


def test_own_check_in_takes_no_reaction_or_help_from_its_author(partner_a):
    checkin_id = _check_in(partner_a)["mine"]["id"]
    assert (
        call(partner_a, "POST", f"/{checkin_id}/reactions", {"kind": "hug"}, status=400)["code"]
        == "own"
    )
    assert call(partner_a, "PUT", f"/{checkin_id}/help", status=400)["code"] == "own"
    # Replying under one's own shared check-in is a conversation, and allowed.
    call(partner_a, "POST", f"/{checkin_id}/replies", {"text": "thanks"}, status=201)


def test_help_needs_a_need(partner_a, partner_b):
    checkin_id = _check_in(partner_a, need="", need_text="")["mine"]["id"]
    call(partner_b, "POST", "/today/skip", status=200)
    assert call(partner_b, "PUT", f"/{checkin_id}/help", status=409)["code"] == "no_need"


def test_history_pages_through_days_newest_first(partner_a, partner_b):
    make_history(partner_a.user, partner_b.user, days=20)
    _check_in(partner_a)
    first = call(partner_a, "GET", "/history", status=200)
    assert (first["count"], first["page"], first["pages"]) == (21, 1, 3)
    dates = [day["date"] for day in first["results"]]
    assert dates[0] == TODAY.isoformat()
    assert dates == sorted(dates, reverse=True)
    assert len(dates) == HISTORY_PAGE_SIZE
    second = call(partner_a, "GET", "/history?page=2", status=200)
    assert len(second["results"]) == 7
    yesterday = first["results"][1]
    assert yesterday["mine"]["note"].startswith("a on ")
    assert yesterday["partner"]["note"].startswith("b on ")
    assert yesterday["my_guess"]["score"] is not None
    assert call(partner_a, "GET", "/history?page=0", status=422)["errors"][0]["field"] == "page"


def test_accuracy_averages_each_partners_guesses_over_30_and_90_days(partner_a, partner_b):
    # Sam checks in "down" (sad) at strength 5 on each of the last 40 days; Alex
    # guesses sad 5 (100) on the last 20, and joyful 1 (0) on the 20 before.
    couple = partner_a.user.membership.couple
    for n in range(1, 41):
        day = TODAY - dt.timedelta(days=n)
        CheckIn.objects.create(
            couple=couple, author=partner_b.user, date=day, feelings=["down"], intensity=5
        )
        family, strength = ("sad", 5) if n <= 20 else ("joyful", 1)
        EmpathyGuess.objects.create(
            couple=couple, guesser=partner_a.user, date=day, family=family, intensity=strength
        )
    body = call(partner_a, "GET", "/accuracy", status=200)
    # 30 days back from today: days 1-29, twenty at 100 and nine at 0 -> 2000 / 29 = 69.
    assert body["mine_30"] == {"days": 30, "guesses": 29, "average": 69}
    # 90 days: all forty, twenty at 100 -> 50.
    assert body["mine_90"] == {"days": 90, "guesses": 40, "average": 50}
    assert body["partner_90"] == {"days": 90, "guesses": 0, "average": None}
    sams = call(partner_b, "GET", "/accuracy", status=200)
    assert sams["partner_30"] == body["mine_30"]


def test_feelings_by_month_counts_each_family_once_per_check_in(partner_a, partner_b):
    _check_in(partner_a, feelings=["worried", "nervous", "tired"])
    with time_machine.travel(NOON - dt.timedelta(days=20), tick=False):
        call(partner_b, "PUT", "/today", {"feelings": ["worried"], "intensity": 2}, status=200)
    body = call(partner_a, "GET", "/feelings?since=2026-02-01&until=2026-03-31", status=200)
    rows = {(r["month"], r["family"]): (r["mine"], r["partner"]) for r in body["results"]}
    assert len(rows) == 2 * len(FAMILIES)
    assert rows[("2026-03-01", "anxious")] == (1, 0)
    assert rows[("2026-03-01", "tired")] == (1, 0)
    assert rows[("2026-02-01", "anxious")] == (0, 1)
    assert rows[("2026-02-01", "calm")] == (0, 0)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("?since=2026-03-02&until=2026-03-01", "since"),
        ("?since=2020-01-01&until=2026-03-01", "since"),
        ("?since=someday", "since"),
    ],
)
def test_a_bad_feelings_range_names_the_field(partner_a, query, field):
    body = call(partner_a, "GET", "/feelings" + query, status=422 if "someday" in query else 400)
    assert field in fields_of(body)
