"""The feelings check-in between two partners, each in their own browser.

Alex checks in (two feelings, a strength, a note, a need); Sam sees only that Alex
has checked in, guesses first, then sees the check-in with how close the guess
was, reacts and offers help; Alex sees the guess, the reaction and the offer.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from closeknit.checkins.models import CheckIn, CheckInReaction, EmpathyGuess
from tests.browser import steps

pytestmark = pytest.mark.browser

ALEX_NOTE = "The move is tomorrow and nothing is packed yet."
PRIVATE_NOTE = "Something I want to sit with on my own first."


def expect_not_on_page(page: Page, text: str) -> None:
    """Not shown, and not hidden in the markup either: the whole document is searched."""
    expect(page.locator("body")).not_to_contain_text(text)
    assert text not in page.content(), f"{text!r} is in the markup of {page.url}"


def family(page: Page, name: str) -> Locator:
    """A family of feelings, opened the way a person opens it: by its summary."""
    group = page.locator("details").filter(has=page.locator("summary", has_text=name))
    summary = group.locator("summary")
    if group.get_attribute("open") is None:
        summary.click()
    return group


def open_checkin(page: Page) -> None:
    page.goto("/checkins/")
    expect(page.get_by_role("heading", level=1)).to_have_text("How are you feeling today?")


def test_a_check_in_guessed_then_revealed_and_answered(new_context, visit, couple_users):
    alex_user, sam_user = couple_users
    alex = new_context().new_page()
    steps.log_in(alex, visit, email=alex_user.email)
    open_checkin(alex)
    visit(alex, "checkin-empty")

    family(alex, "Tired and overwhelmed").get_by_label("overwhelmed").check()
    family(alex, "Anxious").get_by_label("worried").check()
    alex.get_by_role("group", name="How strong is it?").get_by_label("4 · strongly").check()
    alex.get_by_label("Anything you'd like to add? (optional)").fill(ALEX_NOTE)
    needs = family(alex, "What I need today (optional)")
    needs.get_by_label("Help", exact=True).check()
    expect(alex.get_by_label("Share with Sam")).to_be_checked()
    visit(alex, "checkin-filled")
    alex.get_by_role("button", name="Check in").click()
    expect(alex.get_by_role("status").filter(has_text="Checked in.")).to_be_visible()
    mine = alex.get_by_test_id("checkin-mine")
    expect(mine).to_contain_text(ALEX_NOTE)
    expect(mine.get_by_test_id("checkin-feeling")).to_have_text(["worried", "overwhelmed"])
    expect(mine).to_contain_text("Strength 4 of 5")
    expect(mine).to_contain_text("Shared with Sam")
    visit(alex, "checkin-saved")
    checkin = CheckIn.objects.get(author=alex_user)
    # Picked in page order: Anxious comes before Tired and overwhelmed.
    assert (checkin.feelings, checkin.intensity, checkin.need) == (
        ["worried", "overwhelmed"],
        4,
        "help",
    )

    sam = new_context(timezone_id="America/New_York").new_page()
    steps.log_in(sam, visit, email=sam_user.email)
    card = sam.get_by_test_id("today-checkin-partner")
    expect(card).to_contain_text("Alex has checked in. Can you guess how they feel?")
    expect_not_on_page(sam, ALEX_NOTE)
    expect(card).not_to_contain_text("worried")
    visit(sam, "today-guess-first")
    card.get_by_role("link", name="Guess how Alex feels").click()
    expect(sam).to_have_url(re.compile(r"/checkins/#partner$"))
    partner = sam.get_by_test_id("checkin-partner")
    expect(partner.get_by_test_id("partner-status")).to_have_text(
        "Alex has checked in. Before you look, how do you think they feel?"
    )
    expect_not_on_page(sam, ALEX_NOTE)
    expect(partner.get_by_test_id("checkin-feeling")).to_have_count(0)
    visit(sam, "checkin-guess-first")

    guess_family = partner.get_by_role("group", name="What kind of feeling is Alex having?")
    guess_family.get_by_label("Anxious").check()
    partner.get_by_role("group", name="How strongly is Alex feeling it?").get_by_label(
        "3 · clearly"
    ).check()
    partner.get_by_role("button", name="Make my guess").click()
    expect(sam).to_have_url(re.compile(r"/checkins/#partner$"))
    partner = sam.get_by_test_id("checkin-partner")
    closeness = partner.get_by_test_id("my-guess")
    # The right family (60) and one step off (40 - 10).
    expect(closeness).to_contain_text("90")
    expect(closeness).to_contain_text("You guessed Anxious, strength 3.")
    expect(partner).to_contain_text(ALEX_NOTE)
    expect(partner.get_by_test_id("checkin-need")).to_contain_text("Help")
    visit(sam, "checkin-revealed")
    guess = EmpathyGuess.objects.get(guesser=sam_user)
    assert (guess.family, guess.intensity, guess.skipped) == ("anxious", 3, False)

    partner.get_by_role("button", name="I'm here for you").click()
    partner = sam.get_by_test_id("checkin-partner")
    expect(partner.get_by_role("button", name="I'm here for you")).to_have_attribute(
        "aria-pressed", "true"
    )
    partner.get_by_role("button", name="I can help with that").click()
    expect(sam.get_by_role("status").filter(has_text="We've let them know")).to_be_visible()
    partner = sam.get_by_test_id("checkin-partner")
    partner.get_by_label("Reply").fill("I'll take the afternoon off and pack with you.")
    partner.get_by_role("button", name="Send reply").click()
    expect(sam.get_by_test_id("checkin-partner")).to_contain_text(
        "You: I'll take the afternoon off and pack with you."
    )
    visit(sam, "checkin-responded")
    assert set(CheckInReaction.objects.values_list("author", "kind")) == {
        (sam_user.pk, "here_for_you"),
        (sam_user.pk, "can_help"),
    }

    sam.get_by_role("navigation", name="Main").get_by_role("link", name="Today").click()
    card = sam.get_by_test_id("today-checkin-partner")
    expect(card).to_contain_text("Alex: worried, overwhelmed · strength 4 of 5")
    expect(card).to_contain_text("Your guess: 90 out of 100.")
    card.get_by_role("button", name="Sending a hug").click()
    expect(sam).to_have_url(re.compile(r"/today/#checkin$"))
    expect(
        sam.get_by_test_id("today-checkin-partner").get_by_role("button", name="Sending a hug")
    ).to_have_attribute("aria-pressed", "true")
    visit(sam, "today-revealed")

    alex.reload()
    mine = alex.get_by_test_id("checkin-mine")
    expect(mine.get_by_test_id("partner-guess")).to_contain_text("Sam guessed Anxious, strength 3.")
    expect(mine.get_by_test_id("reactions-received")).to_contain_text("I'm here for you")
    expect(mine.get_by_test_id("reactions-received")).to_contain_text("Sending a hug")
    expect(mine.get_by_test_id("help-offered")).to_have_text("Sam can help with that")
    expect(mine).to_contain_text("Sam: I'll take the afternoon off and pack with you.")
    visit(alex, "checkin-answered")

    sam.goto("/checkins/history/")
    day = sam.get_by_test_id("checkin-history-day")
    expect(day).to_have_count(1)
    expect(day.get_by_test_id("history-partner")).to_contain_text(ALEX_NOTE)
    visit(sam, "checkin-history")


def test_a_private_check_in_never_reaches_the_partner(new_context, visit, couple_users):
    alex_user, sam_user = couple_users
    alex = new_context().new_page()
    steps.log_in(alex, visit, email=alex_user.email)
    open_checkin(alex)
    family(alex, "Sad").get_by_label("grieving").check()
    alex.get_by_role("group", name="How strong is it?").get_by_label("5 · very strongly").check()
    alex.get_by_label("Anything you'd like to add? (optional)").fill(PRIVATE_NOTE)
    alex.get_by_label("Just for me").check()
    alex.get_by_role("button", name="Check in").click()
    expect(alex.get_by_role("status").filter(has_text="just for you")).to_be_visible()
    expect(alex.get_by_test_id("checkin-private")).to_have_text("Just for you")
    visit(alex, "checkin-private")

    sam = new_context(timezone_id="America/New_York").new_page()
    steps.log_in(sam, visit, email=sam_user.email)
    open_checkin(sam)
    expect(sam.get_by_test_id("partner-status")).to_contain_text(
        "Alex hasn't shared a check-in yet today."
    )
    expect_not_on_page(sam, PRIVATE_NOTE)
    visit(sam, "checkin-partner-private")
    # A refused form keeps what was typed: Sam forgets to pick a feeling.
    sam.get_by_label("Anything you'd like to add? (optional)").fill("Sam's own words")
    sam.get_by_role("button", name="Check in").click()
    expect(sam.get_by_text("Pick at least one feeling")).to_be_visible()
    expect(sam.get_by_label("Anything you'd like to add? (optional)")).to_have_value(
        "Sam's own words"
    )
    expect_not_on_page(sam, PRIVATE_NOTE)
    visit(sam, "checkin-refused")
    sam.goto("/checkins/history/")
    expect_not_on_page(sam, PRIVATE_NOTE)
    expect(sam.get_by_test_id("checkin-history-day")).to_have_count(0)
    visit(sam, "checkin-history-empty")
