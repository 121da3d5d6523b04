"""A time-out seen by the partner: Alex asks for a break, Sam sees it on Today at once
in their own time zone, both see the calm countdown, and Alex comes back early."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from closeknit.conflict.models import TimeOut
from tests.browser import steps

pytestmark = pytest.mark.browser

NOTE = "I love you. I just need to calm down first."


def test_a_time_out_seen_by_the_partner(new_context, visit, couple_users):
    alex_user, sam_user = couple_users
    alex = new_context().new_page()
    steps.log_in(alex, visit, email=alex_user.email)
    alex.goto("/conflict/timeout/")
    expect(alex.get_by_role("heading", level=1)).to_have_text("I need a break")
    expect(alex.get_by_text("a racing heart needs about that long to settle")).to_be_visible()
    visit(alex, "timeout-start")
    alex.get_by_label("30 minutes").check()
    alex.get_by_label("A kind word for your partner (optional)").fill(NOTE)
    alex.get_by_role("button", name="Start my break").click()
    expect(alex.get_by_test_id("timeout-clock")).to_contain_text("minutes left")
    expect(alex.get_by_test_id("timeout-soothing")).not_to_be_empty()
    visit(alex, "timeout-running")
    timeout = TimeOut.objects.get()
    assert (timeout.minutes, timeout.note) == (30, NOTE)

    sam = new_context(timezone_id="America/New_York").new_page()
    steps.log_in(sam, visit, email=sam_user.email)
    banner = sam.get_by_test_id("timeout-banner")
    expect(banner).to_contain_text("Alex needs a short break and will be back by")
    expect(banner).to_contain_text(NOTE)
    visit(sam, "timeout-today-partner")
    banner.get_by_role("link", name="See the break").click()
    expect(sam.get_by_role("heading", level=1)).to_have_text("Alex is taking a break")
    expect(sam.get_by_role("button", name="I'm ready to come back now")).to_have_count(0)
    visit(sam, "timeout-partner-countdown")

    alex.get_by_role("button", name="I'm ready to come back now").click()
    expect(alex.get_by_role("heading", level=1)).to_have_text("Welcome back")
    sam.reload()
    expect(sam.get_by_role("heading", level=1)).to_have_text("Welcome back")
    visit(sam, "timeout-over")
