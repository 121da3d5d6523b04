"""The empathy guess on the page: guess (or skip) first, then see, then how close.

Alex checks in; Sam, before seeing it, guesses a family and a strength. A guess is
final for the day, may come before Alex checks in (it waits), and is scored once
Alex's check-in is shared.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from closeknit.checkins.models import EmpathyGuess
from closeknit.checkins.tests.support import (
    NOON,
    PAGE,
    TODAY,
    check_in,
    guess,
    page,
    skip,
)
from closeknit.insights.models import Activity

pytestmark = pytest.mark.django_db

NOTE = "Note-4c1: the interview went badly"
NEED = "Need-4c1: a long walk after dinner"


@pytest.fixture
def alex_checked_in(partner_a):
    check_in(partner_a, ["worried", "tired"], intensity=4, note=NOTE, need="hug", need_text=NEED)


def test_before_guessing_the_partner_sees_that_there_is_a_check_in_but_not_what_it_says(
    alex_checked_in, partner_b
):
    text = page(partner_b.client.get(PAGE))
    assert "Alex has checked in. Before you look, how do you think they feel?" in text
    assert "Make my guess" in text
    assert "Skip the guess and just show me" in text
    assert NOTE not in text
    assert 'data-testid="checkin-feeling"' not in text
    assert NEED not in text
    assert 'data-testid="checkin-need"' not in text


def test_a_guess_reveals_the_check_in_and_how_close_it_came(alex_checked_in, partner_b):
    response = guess(partner_b, "anxious", 3)
    assert response.status_code == 302
    assert response["Location"] == PAGE + "#partner"
    saved = EmpathyGuess.objects.get()
    assert (saved.guesser, saved.date, saved.family, saved.intensity, saved.skipped) == (
        partner_b.user,
        TODAY,
        "anxious",
        3,
        False,
    )
    text = page(partner_b.client.get(PAGE))
    assert NOTE in text
    # The right family (60) and one step off (40 - 10): 90.
    assert "<strong>90</strong>" in text
    assert "You guessed Anxious, strength 3." in text
    assert "You sensed the right kind of feeling." in text
    assert "I can help with that" in text


def test_the_author_sees_the_partners_guess_once_it_is_made(alex_checked_in, partner_a, partner_b):
    assert "guessed" not in page(partner_a.client.get(PAGE))
    guess(partner_b, "sad", 4)
    text = page(partner_a.client.get(PAGE))
    # Same tone, other family (30) and the exact strength (40): 70.
    assert "Sam guessed Sad, strength 4." in text
    assert "<strong>70</strong>" in text


def test_skipping_shows_the_check_in_straight_away_without_a_score(alex_checked_in, partner_b):
    response = skip(partner_b)
    assert response.status_code == 302
    assert EmpathyGuess.objects.get().skipped is True
    text = page(partner_b.client.get(PAGE))
    assert NOTE in text
    assert "You guessed" not in text
    assert "/ 100" not in text


def test_a_guess_is_logged_as_communication_but_a_skip_is_not(alex_checked_in, partner_b):
    guess(partner_b, "anxious", 4)
    logged = Activity.objects.filter(user=partner_b.user).values_list("practice", "kind", "day")
    assert list(logged) == [("communication", "empathy_guess", TODAY)]


def test_skipping_is_not_logged(alex_checked_in, partner_b):
    skip(partner_b)
    assert not Activity.objects.filter(user=partner_b.user).exists()


def test_a_guess_cannot_be_made_again_or_after_skipping(alex_checked_in, partner_b):
    guess(partner_b, "anxious", 4)
    again = guess(partner_b, "joyful", 1)
    assert again.status_code == 422
    assert "You've already guessed today." in page(again)
    assert EmpathyGuess.objects.get().family == "anxious"


def test_no_guess_after_seeing_by_skipping(alex_checked_in, partner_b):
    skip(partner_b)
    late = guess(partner_b, "anxious", 4)
    assert late.status_code == 422
    assert "without guessing" in page(late)
    assert EmpathyGuess.objects.get().skipped is True


def test_a_guess_made_before_the_partner_checks_in_waits_and_is_then_revealed(partner_a, partner_b):
    before = page(partner_b.client.get(PAGE))
    assert "Alex hasn't shared a check-in yet today. You can guess now" in before
    guess(partner_b, "anxious", 5)
    waiting = page(partner_b.client.get(PAGE))
    assert "Your guess is saved: Anxious, strength 5." in waiting
    assert "Make my guess" not in waiting
    check_in(partner_a, ["worried", "tired"], intensity=4, note=NOTE)
    revealed = page(partner_b.client.get(PAGE))
    assert NOTE in revealed
    assert "<strong>90</strong>" in revealed


def test_a_refused_guess_says_which_field(alex_checked_in, partner_b):
    no_family = partner_b.client.post("/checkins/guess/", {"guess-intensity": 3})
    assert no_family.status_code == 422
    assert "Choose the kind of feeling you think it is." in page(no_family)
    bad_strength = guess(partner_b, "calm", 9)
    assert bad_strength.status_code == 422
    assert "Choose how strong you think it is, from 1 to 5." in page(bad_strength)
    assert not EmpathyGuess.objects.exists()
    # Still behind the guess after a refused one.
    assert NOTE not in page(bad_strength)


def test_someone_on_their_own_cannot_guess(solo):
    response = guess(solo, "calm", 3)
    assert response.status_code == 422
    assert "once your partner joins" in page(response)
    assert not EmpathyGuess.objects.exists()


def test_yesterdays_check_in_needs_no_guess_and_cannot_be_guessed(partner_a, partner_b):
    with time_machine.travel(NOON - dt.timedelta(days=1), tick=False):
        check_in(partner_a, ["happy"], note="yesterday's note")
    history = page(partner_b.client.get("/checkins/history/"))
    assert "yesterday's note" in history
    guess(partner_b, "joyful", 3)
    # Today's guess is for today: it does not score yesterday.
    assert EmpathyGuess.objects.get().date == TODAY
    assert "/ 100" not in page(partner_b.client.get("/checkins/history/"))


def test_a_guess_from_today_goes_back_to_today(alex_checked_in, partner_b):
    response = guess(partner_b, "anxious", 4, next="today")
    assert response["Location"] == "/today/#checkin"
    other = skip(partner_b, next="https://evil.example/")
    assert other["Location"] == PAGE + "#partner"
