"""The message coach in the browser: typing a critical draft shows the highlights and the
"I" statement builder, without a click; the builder follows its parts; nothing is kept."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from closeknit.insights.models import Activity
from tests.browser import steps

pytestmark = pytest.mark.browser

DRAFT = "You never listen to me and it's your fault we're late again."


def test_typing_a_critical_draft_shows_the_highlights_and_the_builder(
    new_context, visit, couple_users
):
    alex_user, _sam = couple_users
    page = new_context().new_page()
    steps.log_in(page, visit, email=alex_user.email)
    page.goto("/conflict/coach/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Message coach")
    visit(page, "coach-empty")

    page.get_by_label("What do you want to say?").press_sequentially(DRAFT, delay=5)
    marks = page.locator("#coach-result mark")
    expect(marks.first).to_have_attribute("data-kind", "criticism")
    expect(page.locator('#coach-result mark[data-kind="blame"]')).to_have_count(1)
    expect(page.get_by_test_id("coach-flag").first).to_contain_text("Criticism")
    statement = page.get_by_label("Your “I” statement")
    expect(statement).to_have_value(
        "I feel [feeling] when you don't listen to me, and I need to feel heard. "
        "Would you be willing to listen to me?"
    )
    visit(page, "coach-flagged")

    page.get_by_label("I feel").select_option("hurt")
    expect(statement).to_have_value(
        "I feel hurt when you don't listen to me, and I need to feel heard. "
        "Would you be willing to listen to me?"
    )
    page.get_by_role("button", name="Copy").click()
    expect(page.get_by_role("status").filter(has_text="Copied")).to_be_visible()
    visit(page, "coach-built")
    assert not Activity.objects.exists()
