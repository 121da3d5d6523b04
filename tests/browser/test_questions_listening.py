"""A listening session on one phone passed between two partners, through both roles.

Each step moves keyboard focus to its heading, so a screen reader announces the
new step and the next Tab starts from it.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from closeknit.questions.models import ListeningSession
from tests.browser import steps
from tests.browser.harness import PHONE

pytestmark = pytest.mark.browser

TOPIC = "How we share the evenings when one of us works late"


def expect_step(page: Page, heading: str) -> None:
    """The step with this heading is the only one shown, and focus is on its heading."""
    title = page.get_by_role("heading", level=1)
    expect(title).to_have_count(1)
    expect(title).to_have_text(heading)
    expect(title).to_be_focused()


def seconds_left(page: Page) -> int:
    text = page.get_by_role("timer").inner_text().strip()
    match = re.fullmatch(r"(\d+):(\d\d)", text)
    assert match, f"the timer shows {text!r}, not minutes and seconds"
    return int(match[1]) * 60 + int(match[2])


def paraphrase_and_ask(page: Page, listener: str) -> None:
    expect_step(page, f"{listener}, say back what you heard.")
    expect(page.get_by_text("What I heard is…")).to_be_visible()
    expect(page.get_by_text("Did I get that right?")).to_be_visible()
    page.get_by_role("button", name="I've asked").click()


def test_a_listening_session_runs_through_both_roles_on_one_phone(new_context, visit, couple_users):
    alex_user, _sam = couple_users
    page = new_context(viewport=PHONE).new_page()
    steps.log_in(page, visit, email=alex_user.email)
    page.goto("/questions/listen/")
    expect(page.get_by_role("heading", level=1)).to_have_text("A listening session")
    visit(page, "listen-start")
    page.get_by_label("What would you like to talk about?").fill(TOPIC)
    page.get_by_label("Speaking time for each turn").select_option(label="1 minute")
    page.get_by_role("button", name="Start").click()
    expect(page).to_have_url(re.compile(r"/questions/listen/[0-9a-f-]{36}/$"))
    expect(page.get_by_test_id("listening-topic")).to_have_text(TOPIC)
    session = ListeningSession.objects.get()
    assert (session.topic, session.speaker_seconds, session.completed_at) == (TOPIC, 60, None)

    # Alex, who started the session, speaks first.
    expect(page.get_by_role("heading", level=1)).to_have_text("Alex, you're speaking.")
    expect(page.get_by_role("timer")).to_have_text("1:00")
    visit(page, "listen-speak")
    page.get_by_role("button", name="Start the timer").click()
    page.wait_for_timeout(2_500)
    after_two = seconds_left(page)
    assert 55 <= after_two <= 58, f"{after_two} s left about two seconds into a minute"
    page.wait_for_timeout(1_200)
    assert seconds_left(page) < after_two, "the timer stopped counting down"
    visit(page, "listen-speak-timing")
    page.get_by_role("button", name="I've said what I wanted to say").click()

    paraphrase_and_ask(page, "Sam")
    expect_step(page, "Alex, did they get it?")
    visit(page, "listen-check")
    page.get_by_role("button", name="Not quite. Let me add something").click()
    expect_step(page, "Alex, say the part that was missed.")
    visit(page, "listen-correct")
    page.get_by_role("button", name="Try again").click()
    expect_step(page, "Sam, say back what you heard.")
    visit(page, "listen-paraphrase")
    paraphrase_and_ask(page, "Sam")
    expect_step(page, "Alex, did they get it?")
    page.get_by_role("button", name="Yes, that's it").click()

    expect_step(page, "Thank you. Now swap.")
    expect(page.get_by_text("Pass the phone. Sam speaks next, and Alex listens.")).to_be_visible()
    visit(page, "listen-switch")
    page.get_by_role("button", name="Ready").click()

    expect_step(page, "Sam, you're speaking.")
    expect(page.get_by_text("Alex, just listen", exact=False)).to_be_visible()
    expect(page.get_by_role("timer")).to_have_text("1:00")
    visit(page, "listen-speak-second")
    page.get_by_role("button", name="I've said what I wanted to say").click()
    paraphrase_and_ask(page, "Alex")
    expect_step(page, "Sam, did they get it?")
    page.get_by_role("button", name="Yes, that's it").click()

    expect_step(page, "You both spoke and were heard.")
    visit(page, "listen-done")
    page.get_by_role("button", name="Finish").click()
    steps.expect_today(page, "Alex")
    expect(page.get_by_role("status")).to_contain_text("Well done, both of you.")
    visit(page, "today-after-listening")
    session.refresh_from_db()
    assert session.completed_at is not None
