"""The history page and the Today card: mine, the partner's shared, and nothing else."""

from __future__ import annotations

import datetime as dt

import pytest

from closeknit.checkins.models import CheckIn
from closeknit.checkins.selectors import HISTORY_PAGE_SIZE, today_card_for
from closeknit.checkins.tests.support import (
    HISTORY,
    TODAY,
    check_in,
    couple_of,
    guess,
    make_history,
    page,
    render_card,
    skip,
)

pytestmark = pytest.mark.django_db


def test_history_shows_both_partners_days_with_guesses_newest_first(partner_a, partner_b):
    make_history(partner_a.user, partner_b.user, days=3)
    text = page(partner_a.client.get(HISTORY))
    days = [TODAY - dt.timedelta(days=n) for n in (1, 2, 3)]
    positions = [text.index(f"a on {day}") for day in days]
    assert positions == sorted(positions)
    for day in days:
        assert f"b on {day}" in text
        assert f"reply on {day}" in text
    assert "You guessed" in text
    assert "Sam guessed" in text
    assert "Sam offered to help" in text
    assert "You offered to help" in text


def test_history_leaves_out_the_partners_private_days(partner_a, partner_b):
    make_history(partner_a.user, partner_b.user, days=4, private_every=2)
    alex = page(partner_a.client.get(HISTORY))
    sam = page(partner_b.client.get(HISTORY))
    for n in range(4):
        day = TODAY - dt.timedelta(days=1 + n)
        private = n % 2 == 0
        assert (f"b on {day}" in alex) is not private
        # Sam always sees their own, private or not, marked as just for them.
        assert f"b on {day}" in sam
    assert sam.count("Just for you") == 2


def test_history_holds_todays_partner_check_in_back_until_guessed(partner_a, partner_b):
    check_in(partner_a, ["happy"], note="today's note from Alex")
    assert "today's note from Alex" not in page(partner_b.client.get(HISTORY))
    assert "today's note from Alex" in page(partner_a.client.get(HISTORY))
    skip(partner_b)
    assert "today's note from Alex" in page(partner_b.client.get(HISTORY))


def test_history_pages_by_day(partner_a, partner_b):
    make_history(partner_a.user, partner_b.user, days=HISTORY_PAGE_SIZE + 2)
    first = page(partner_a.client.get(HISTORY))
    assert "Page 1 of 2" in first
    assert first.count('data-testid="checkin-history-day"') == HISTORY_PAGE_SIZE
    second = page(partner_a.client.get(HISTORY + "?page=2"))
    assert second.count('data-testid="checkin-history-day"') == 2
    oldest = TODAY - dt.timedelta(days=HISTORY_PAGE_SIZE + 2)
    assert f"a on {oldest}" in second
    # A page past the end shows the last one rather than an error.
    assert page(partner_a.client.get(HISTORY + "?page=99")).count("checkin-history-day") == 2


def test_an_empty_history_says_what_will_be_there(solo):
    text = page(solo.client.get(HISTORY))
    assert "Nothing here yet." in text


def test_the_card_invites_a_check_in_then_shows_it(partner_a):
    before = render_card(partner_a)
    assert "Not yet today" in before
    assert 'href="/checkins/"' in before
    check_in(partner_a, ["tired", "hopeful"], intensity=2, visibility="private")
    after = render_card(partner_a)
    assert "tired, hopeful · strength 2 of 5 · just for you" in after
    assert "Checked in" in after


def test_the_card_puts_the_guess_first_with_a_one_tap_skip(partner_a, partner_b):
    check_in(partner_a, ["lonely"], intensity=3, need="time_together")
    card = render_card(partner_b)
    assert "Alex has checked in. Can you guess how they feel?" in card
    assert "Guess how Alex feels" in card
    assert 'action="/checkins/guess/skip/"' in card
    assert 'name="next" value="today"' in card
    assert "lonely" not in card
    guess(partner_b, "hurt", 3)
    revealed = render_card(partner_b)
    assert "<strong>Alex:</strong> lonely · strength 3 of 5" in revealed
    assert "Your guess: 100 out of 100." in revealed
    assert "What they need today: Time together" in revealed
    assert "I can help with that" in revealed
    assert 'value="hear_you"' in revealed
    assert 'value="hug"' in revealed
    # Three quick ones on Today; all five on the check-in page.
    assert 'value="makes_sense"' not in revealed
    # One tap from Today: every response form there comes back to Today.
    assert revealed.count('name="next" value="today"') == 2


def test_the_card_says_when_the_partner_has_not_shared_and_offers_a_guess(partner_a, partner_b):
    card = render_card(partner_b)
    assert "Alex hasn't shared a check-in yet today." in card
    assert "Guess now" in card
    guess(partner_b, "calm", 2)
    assert "Your guess is in." in render_card(partner_b)


def test_the_card_shows_the_author_an_offer_of_help(partner_a, partner_b):
    check_in(partner_a, ["tired"], need="rest")
    skip(partner_b)
    checkin = CheckIn.objects.get(author=partner_a.user)
    partner_b.client.post(f"/checkins/{checkin.id}/help/", {"offered": "1"})
    assert "Sam can help with that" in render_card(partner_a)


def test_the_cards_data_takes_a_fixed_number_of_queries_fewer_with_the_partner_known(
    partner_a, partner_b, django_assert_num_queries
):
    make_history(partner_a.user, partner_b.user, days=60)
    check_in(partner_a, ["tired"], need="rest")
    check_in(partner_b, ["happy"])
    guess(partner_b, "tired", 3)
    couple = couple_of(partner_a)
    # The membership and the partner, the day's check-ins, their reactions and
    # replies, and the day's guesses.
    with django_assert_num_queries(6):
        card = today_card_for(partner_b.user, couple, TODAY)
    assert card.partner_state == "revealed"
    with django_assert_num_queries(4):
        card = today_card_for(partner_b.user, couple, TODAY, partner=partner_a.user)
    assert card.my_guess is not None
    assert card.my_guess.closeness is not None
