"""Responding to a shared check-in: validating reactions, replies, "I can help with that"."""

from __future__ import annotations

import pytest
from django.db import connection

from closeknit.checkins.models import CheckIn, CheckInReaction, CheckInReply
from closeknit.checkins.services import REPLY_MAX
from closeknit.checkins.tests.support import PAGE, check_in, checkin_of, guess, page, skip

pytestmark = pytest.mark.django_db


@pytest.fixture
def seen(partner_a, partner_b) -> CheckIn:
    """Alex's shared check-in with a need, which Sam has guessed and so can see."""
    check_in(partner_a, ["tired"], intensity=4, need="rest", note="long week")
    guess(partner_b, "tired", 3)
    return checkin_of(partner_a)


def _react(persona, checkin: CheckIn, kind: str, **extra):
    return persona.client.post(f"/checkins/{checkin.id}/react/", {"kind": kind, **extra})


def _reply(persona, checkin: CheckIn, text: str):
    return persona.client.post(f"/checkins/{checkin.id}/reply/", {"text": text})


def _help(persona, checkin: CheckIn, offered: str = "1", **extra):
    return persona.client.post(f"/checkins/{checkin.id}/help/", {"offered": offered, **extra})


def test_a_reaction_is_added_and_again_taken_back(seen, partner_b):
    response = _react(partner_b, seen, "hear_you")
    assert response.status_code == 302
    assert response["Location"] == PAGE + "#partner"
    reaction = CheckInReaction.objects.get()
    assert (reaction.checkin, reaction.author, reaction.kind) == (seen, partner_b.user, "hear_you")
    text = page(partner_b.client.get(PAGE))
    assert 'value="hear_you" class="chip chip--on" aria-pressed="true"' in text
    _react(partner_b, seen, "hear_you")
    assert not CheckInReaction.objects.exists()


def test_the_author_sees_the_reactions(seen, partner_a, partner_b):
    assert "No reaction yet." in page(partner_a.client.get(PAGE))
    _react(partner_b, seen, "makes_sense")
    _react(partner_b, seen, "hug")
    text = page(partner_a.client.get(PAGE))
    assert "That makes sense" in text
    assert "Sending a hug" in text
    assert "No reaction yet." not in text


@pytest.mark.parametrize("kind", ["can_help", "thumbs_down", ""])
def test_only_the_validating_reactions_are_accepted(seen, partner_b, kind):
    response = _react(partner_b, seen, kind)
    assert response.status_code == 302
    assert "Choose one of the reactions." in page(partner_b.client.get(PAGE))
    assert not CheckInReaction.objects.exists()


def test_nobody_reacts_to_their_own_check_in(seen, partner_a):
    _react(partner_a, seen, "hear_you")
    assert "Reactions are for your partner's check-in." in page(partner_a.client.get(PAGE))
    assert not CheckInReaction.objects.exists()


def test_nothing_can_be_added_before_guessing_or_skipping(partner_a, partner_b):
    check_in(partner_a, ["tired"], need="rest")
    target = checkin_of(partner_a)
    _react(partner_b, target, "hear_you")
    assert "Guess first, or choose to just see it" in page(partner_b.client.get(PAGE))
    _help(partner_b, target)
    replied = _reply(partner_b, target, "oh no")
    assert replied.status_code == 422
    assert "Guess first, or choose to just see it" in page(replied)
    assert not CheckInReaction.objects.exists()
    assert not CheckInReply.objects.exists()
    skip(partner_b)
    assert _react(partner_b, target, "hear_you").status_code == 302
    assert CheckInReaction.objects.count() == 1


def test_both_partners_can_reply_and_both_see_the_thread(seen, partner_a, partner_b):
    assert _reply(partner_b, seen, "Rest tonight, I'll cook").status_code == 302
    response = _reply(partner_a, seen, "Thank you, love")
    assert response["Location"] == PAGE + "#mine"
    # Time stands still in these tests, so the two replies share a moment: compare as sets.
    assert {(r.author_id, r.text) for r in CheckInReply.objects.all()} == {
        (partner_b.user.pk, "Rest tonight, I'll cook"),
        (partner_a.user.pk, "Thank you, love"),
    }
    a_page = page(partner_a.client.get(PAGE))
    b_page = page(partner_b.client.get(PAGE))
    assert "Sam:</strong> Rest tonight, I'll cook" in a_page
    assert "You:</strong> Thank you, love" in a_page
    assert "You:</strong> Rest tonight, I'll cook" in b_page
    assert "Alex:</strong> Thank you, love" in b_page


def test_a_reply_is_sealed_at_rest(seen, partner_b):
    _reply(partner_b, seen, "a very tender reply")
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM checkins_checkinreply")
        (stored,) = cursor.fetchone()
    assert "tender" not in stored


def test_a_refused_reply_keeps_its_words_next_to_the_field(seen, partner_b):
    long = "w" * (REPLY_MAX + 1)
    response = _reply(partner_b, seen, long)
    assert response.status_code == 422
    text = page(response)
    assert "at most 300 characters" in text
    assert long in text
    empty = _reply(partner_b, seen, "   ")
    assert empty.status_code == 422
    assert not CheckInReply.objects.exists()


def test_a_private_check_in_takes_no_replies_even_from_its_author(partner_a):
    check_in(partner_a, ["tired"], visibility="private")
    response = _reply(partner_a, checkin_of(partner_a), "note to self")
    assert response.status_code == 422
    assert "there's nobody to reply to" in page(response)
    assert not CheckInReply.objects.exists()


def test_i_can_help_with_that_is_shown_to_the_author_and_can_be_taken_back(
    seen, partner_a, partner_b
):
    response = _help(partner_b, seen)
    assert response.status_code == 302
    offer = CheckInReaction.objects.get()
    assert (offer.kind, offer.author) == ("can_help", partner_b.user)
    b_page = page(partner_b.client.get(PAGE))
    assert "We've let them know you can help." in b_page
    assert "Alex can see your offer." in b_page
    assert "Sam can help with that" in page(partner_a.client.get(PAGE))
    _help(partner_b, seen)
    assert CheckInReaction.objects.count() == 1
    _help(partner_b, seen, offered="0")
    assert not CheckInReaction.objects.exists()
    assert "Sam can help with that" not in page(partner_a.client.get(PAGE))


def test_there_is_no_help_to_offer_without_a_need(partner_a, partner_b):
    check_in(partner_a, ["happy"])
    skip(partner_b)
    text = page(partner_b.client.get(PAGE))
    assert "I can help with that" not in text
    _help(partner_b, checkin_of(partner_a))
    assert "There's no need on this check-in to help with." in page(partner_b.client.get(PAGE))
    assert not CheckInReaction.objects.exists()


def test_nobody_offers_help_to_themselves(seen, partner_a):
    _help(partner_a, seen)
    assert "Offers of help are for your partner's need." in page(partner_a.client.get(PAGE))
    assert not CheckInReaction.objects.exists()


def test_a_tap_on_today_goes_back_to_today(seen, partner_b):
    assert _react(partner_b, seen, "hug", next="today")["Location"] == "/today/#checkin"
    assert _help(partner_b, seen, next="today")["Location"] == "/today/#checkin"


def test_the_outsider_gets_404_for_every_response_and_changes_nothing(seen, outsider):
    for response in (
        _react(outsider, seen, "hear_you"),
        _reply(outsider, seen, "hi"),
        _help(outsider, seen),
    ):
        assert response.status_code == 404
    assert not CheckInReaction.objects.exists()
    assert not CheckInReply.objects.exists()


def test_responses_need_a_signed_in_partner(seen, client):
    for url in ("react", "reply", "help"):
        response = client.post(f"/checkins/{seen.id}/{url}/", {"kind": "hug", "text": "x"})
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    assert not CheckInReaction.objects.exists()
