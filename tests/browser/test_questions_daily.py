"""The daily question between two partners, each in their own browser.

A answers first and waits; B sees it is their turn and nothing of A's words
anywhere; once B answers, both see both answers side by side, react and reply.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from closeknit.questions.models import Answer, Comment, DailyQuestion, Reaction
from tests.browser import steps
from tests.browser.harness import DESKTOP

pytestmark = pytest.mark.browser

ALEX_ANSWER = "Cooking dumplings together on the rainy night the power went out."
SAM_ANSWER = "Walking home along the river and talking until the streetlights came on."
ALEX_REPLY = "That walk is one of my favourite memories too."


def expect_not_on_page(page: Page, text: str) -> None:
    """Not shown, and not hidden in the markup either: the whole document is searched."""
    expect(page.locator("body")).not_to_contain_text(text)
    assert text not in page.content(), f"{text!r} is in the markup of {page.url}"


def go_today(page: Page) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Today").click()
    expect(page).to_have_url(re.compile(r"/today/$"))


def test_partners_answer_in_turn_then_see_both_and_respond(new_context, visit, couple_users):
    alex_user, sam_user = couple_users
    alex = new_context().new_page()
    steps.log_in(alex, visit, email=alex_user.email)
    expect(alex.get_by_test_id("today-question-status")).to_contain_text("Your turn")
    question = alex.get_by_test_id("today-question").inner_text().strip()
    assert question
    visit(alex, "today-your-turn")

    assert steps.open_todays_question(alex, visit, "daily-your-turn") == question
    expect(alex.get_by_test_id("question-status")).to_have_text("Your turn.")
    alex.get_by_label("Your answer").fill(ALEX_ANSWER)
    alex.get_by_role("button", name="Save my answer").click()
    expect(alex.get_by_role("status").filter(has_text="Answer saved.")).to_be_visible()
    expect(alex.get_by_test_id("question-status")).to_contain_text("Waiting for Sam")
    expect(alex.get_by_label("Your answer")).to_have_value(ALEX_ANSWER)
    expect(alex.get_by_role("button", name="Update my answer")).to_be_visible()
    visit(alex, "daily-waiting")
    go_today(alex)
    expect(alex.get_by_test_id("today-question-status")).to_contain_text("Waiting for Sam")
    visit(alex, "today-waiting")

    sam = new_context(timezone_id="America/New_York").new_page()
    steps.log_in(sam, visit, email=sam_user.email)
    expect(sam.get_by_test_id("today-question")).to_have_text(question)
    expect(sam.get_by_test_id("today-question-status")).to_contain_text("Your turn")
    expect_not_on_page(sam, ALEX_ANSWER)
    visit(sam, "today-partner-answered")
    steps.open_todays_question(sam, visit, "daily-partner-answered")
    expect(sam.get_by_test_id("question-status")).to_contain_text(
        "Alex has answered. Your turn: answer to see both."
    )
    expect(sam.get_by_label("Your answer")).to_have_value("")
    expect(sam.get_by_test_id("answer-partner")).to_have_count(0)
    expect_not_on_page(sam, ALEX_ANSWER)
    day_url = sam.url
    sam.goto("/questions/history/")
    expect(sam.get_by_role("heading", level=1)).to_have_text("Past answers")
    expect(sam.get_by_test_id("history-item")).to_have_count(0)
    expect_not_on_page(sam, ALEX_ANSWER)
    visit(sam, "history-before-reveal")
    sam.get_by_label("Search questions and answers").fill("dumplings")
    sam.get_by_role("button", name="Search").click()
    expect(sam.get_by_text("Nothing matches that search.")).to_be_visible()
    expect_not_on_page(sam, ALEX_ANSWER)
    visit(sam, "history-search-before-reveal")

    sam.goto(day_url)
    sam.get_by_label("Your answer").fill(SAM_ANSWER)
    sam.get_by_role("button", name="Save my answer").click()
    expect(sam.get_by_test_id("question-status")).to_have_text("You've both answered.")
    both = sam.get_by_role("region", name="Both answers")
    expect(both.get_by_test_id("answer-mine")).to_contain_text(SAM_ANSWER)
    expect(both.get_by_test_id("answer-partner")).to_contain_text(ALEX_ANSWER)
    expect(sam.get_by_label("Your answer")).to_have_count(0)
    visit(sam, "daily-both-answered")
    sam.set_viewport_size(DESKTOP)
    mine = both.get_by_test_id("answer-mine").bounding_box()
    theirs = both.get_by_test_id("answer-partner").bounding_box()
    assert mine is not None
    assert theirs is not None
    assert abs(mine["y"] - theirs["y"]) < 2, "the two answers are not side by side"
    assert mine["x"] + mine["width"] <= theirs["x"], "the two answers overlap"

    alex.reload()
    expect(alex.get_by_test_id("today-question-status")).to_contain_text("Both answered")
    visit(alex, "today-both-answered")
    steps.open_todays_question(alex, visit, "daily-both-answered")
    alex_both = alex.get_by_role("region", name="Both answers")
    expect(alex_both.get_by_test_id("answer-mine")).to_contain_text(ALEX_ANSWER)
    expect(alex_both.get_by_test_id("answer-partner")).to_contain_text(SAM_ANSWER)
    expect(alex_both.get_by_test_id("answer-mine")).to_contain_text("No reaction yet.")

    sams_view_of_alex = both.get_by_test_id("answer-partner")
    hear_you = sams_view_of_alex.get_by_role("button", name="I hear you")
    expect(hear_you).to_have_attribute("aria-pressed", "false")
    hear_you.click()
    expect(sams_view_of_alex.get_by_role("button", name="I hear you")).to_have_attribute(
        "aria-pressed", "true"
    )
    visit(sam, "daily-reacted")
    alex_answer = Answer.objects.get(author=alex_user)
    assert list(Reaction.objects.filter(answer=alex_answer).values_list("author", "kind")) == [
        (sam_user.pk, Reaction.Kind.HEAR_YOU)
    ]

    alex.reload()
    alex_mine = alex.get_by_test_id("answer-mine")
    expect(alex_mine).to_contain_text("I hear you")
    expect(alex_mine).not_to_contain_text("No reaction yet.")
    # Nobody reacts to their own answer: only the partner's answer has the buttons.
    expect(alex_mine.get_by_role("button", name="I hear you")).to_have_count(0)
    alex_mine.get_by_label("Reply").fill(ALEX_REPLY)
    alex_mine.get_by_role("button", name="Send reply").click()
    expect(alex.get_by_test_id("answer-mine")).to_contain_text(f"You: {ALEX_REPLY}")
    visit(alex, "daily-replied")
    assert Comment.objects.filter(answer=alex_answer, author=alex_user).count() == 1

    sam.reload()
    expect(sam.get_by_test_id("answer-partner")).to_contain_text(f"Alex: {ALEX_REPLY}")
    visit(sam, "daily-reply-received")

    sam.goto("/questions/history/")
    item = sam.get_by_test_id("history-item")
    expect(item).to_have_count(1)
    expect(item).to_contain_text(question)
    expect(item).to_contain_text(ALEX_ANSWER)
    expect(item).to_contain_text(SAM_ANSWER)
    visit(sam, "history-after-reveal")


def test_swapping_gives_another_question_once_and_both_see_it(new_context, visit, couple_users):
    alex_user, sam_user = couple_users
    alex = new_context().new_page()
    steps.log_in(alex, visit, email=alex_user.email)
    first = steps.open_todays_question(alex, visit, "daily-before-swap")
    swap = alex.get_by_role("button", name=re.compile(r"Swap it"))
    expect(swap).to_be_visible()
    swap.click()
    expect(alex.get_by_role("status").filter(has_text="a different question")).to_be_visible()
    swapped = alex.get_by_test_id("question-text")
    expect(swapped).not_to_have_text(first)
    expect(alex.get_by_role("button", name=re.compile(r"Swap it"))).to_have_count(0)
    visit(alex, "daily-after-swap")
    second = swapped.inner_text().strip()
    daily = DailyQuestion.objects.select_related("question", "swapped_from").get(is_bonus=False)
    assert daily.swapped_from is not None
    assert (daily.swapped_from.text, daily.question.text) == (first, second)

    alex.reload()
    expect(alex.get_by_test_id("question-text")).to_have_text(second)
    expect(alex.get_by_role("button", name=re.compile(r"Swap it"))).to_have_count(0)

    sam = new_context(timezone_id="America/New_York").new_page()
    steps.log_in(sam, visit, email=sam_user.email)
    expect(sam.get_by_test_id("today-question")).to_have_text(second)
    visit(sam, "today-after-swap")
    assert steps.open_todays_question(sam, visit, "daily-partner-after-swap") == second
    expect(sam.get_by_role("button", name=re.compile(r"Swap it"))).to_have_count(0)
