"""An answer typed but not sent survives a reload and a dropped network, and the
note about it goes once the answer is saved."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from closeknit.questions.models import Answer
from tests.browser import steps

pytestmark = pytest.mark.browser

DRAFT = "The first time you waited for me at the station with two coffees."
KEPT_NOTE = "We kept the answer you hadn't sent yet."


def drafts_on_device(page: Page) -> dict[str, str]:
    stored: dict[str, str] = page.evaluate(
        """() => Object.fromEntries(Object.keys(localStorage)
            .filter((key) => key.startsWith("closeknit-draft:"))
            .map((key) => [key, localStorage.getItem(key)]))"""
    )
    return stored


def test_an_unsent_answer_is_kept_through_a_reload_and_a_dropped_network(
    new_context, visit, couple_users
):
    alex_user, _sam = couple_users
    context = new_context()
    page = context.new_page()
    steps.log_in(page, visit, email=alex_user.email)
    steps.open_todays_question(page, visit, "daily")
    day_url = page.url
    answer = page.get_by_label("Your answer")
    note = page.get_by_text(KEPT_NOTE)
    expect(note).to_be_hidden()
    answer.press_sequentially(DRAFT)
    # The draft is keyed by the day, never by its words.
    assert list(drafts_on_device(page).values()) == [DRAFT]

    page.reload()
    expect(answer).to_have_value(DRAFT)
    expect(note).to_be_visible()
    visit(page, "daily-draft-kept")

    context.set_offline(True)
    with page.expect_event("requestfailed") as failed:
        page.get_by_role("button", name="Save my answer").click()
    assert failed.value.url.endswith("/answer/")
    assert "INTERNET_DISCONNECTED" in (failed.value.failure or "")
    assert not Answer.objects.exists()
    context.set_offline(False)

    page.goto(day_url)
    expect(answer).to_have_value(DRAFT)
    expect(note).to_be_visible()
    visit(page, "daily-draft-kept-offline")
    assert not Answer.objects.exists()

    page.get_by_role("button", name="Save my answer").click()
    expect(page.get_by_role("status").filter(has_text="Answer saved.")).to_be_visible()
    page.reload()
    expect(page.get_by_test_id("question-status")).to_contain_text("Waiting for Sam")
    expect(answer).to_have_value(DRAFT)
    expect(page.get_by_role("button", name="Update my answer")).to_be_visible()
    expect(note).to_be_hidden()
    visit(page, "daily-saved")
    assert drafts_on_device(page) == {}
    assert Answer.objects.get(author=alex_user).text == DRAFT
