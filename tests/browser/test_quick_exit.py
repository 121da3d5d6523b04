"""Quick exit: one press (or Shift three times) swaps the page for a neutral site.

The exit uses location.replace, so the app's page leaves the tab's history:
neither Back nor Forward brings it back.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.browser import steps
from tests.browser.harness import NEUTRAL_SITE

pytestmark = pytest.mark.browser

ELSEWHERE = f"{NEUTRAL_SITE}news"


def _signed_in_tab(context: BrowserContext, visit: steps.Visit, email: str, path: str) -> Page:
    """A tab that came to Closeknit from another site, as a real visit does."""
    steps.log_in(context.new_page(), visit, email=email)
    tab = context.new_page()
    tab.goto(ELSEWHERE)
    tab.goto(path)
    return tab


def _expect_gone_for_good(tab: Page, app_url: str, history_length: int) -> None:
    tab.wait_for_url(NEUTRAL_SITE)
    expect(tab.get_by_role("heading", name="Weather today")).to_be_visible()
    assert tab.evaluate("history.length") == history_length, "the exit added a history entry"
    tab.go_back()
    assert tab.url == ELSEWHERE
    tab.go_forward()
    assert tab.url == NEUTRAL_SITE
    assert not tab.url.startswith(app_url)


def test_quick_exit_button_replaces_the_page_with_a_neutral_site(
    new_context, visit, live_server, solo
):
    tab = _signed_in_tab(new_context(), visit, solo.user.email, "/today/")
    visit(tab, "today")
    history_length = tab.evaluate("history.length")
    tab.get_by_role("button", name="Quick exit").click()
    _expect_gone_for_good(tab, live_server.url, history_length)


def test_pressing_shift_three_times_exits_the_same_way(new_context, visit, live_server, solo):
    tab = _signed_in_tab(new_context(), visit, solo.user.email, "/profile/")
    visit(tab, "profile")
    history_length = tab.evaluate("history.length")
    for _ in range(3):
        tab.keyboard.press("Shift")
    _expect_gone_for_good(tab, live_server.url, history_length)


def test_moving_back_with_shift_tab_does_not_trigger_the_quick_exit(new_context, visit, solo):
    """Only Shift pressed on its own counts: keyboard users move back with Shift+Tab."""
    tab = _signed_in_tab(new_context(), visit, solo.user.email, "/profile/")
    visit(tab, "profile")
    tab.get_by_role("button", name=re.compile("^save", re.I)).focus()
    for _ in range(4):
        tab.keyboard.press("Shift+Tab")
    tab.wait_for_timeout(300)
    assert tab.url.endswith("/profile/"), "Shift+Tab left the app"


def test_typing_capital_letters_does_not_trigger_the_quick_exit(new_context, visit, solo):
    tab = _signed_in_tab(new_context(), visit, solo.user.email, "/profile/")
    visit(tab, "profile")
    name = tab.get_by_label("Your name")
    name.focus()
    tab.keyboard.press("End")
    for letter in " Ann O Neil":
        if letter.isupper():
            # As on a real keyboard: Shift goes down, the letter, Shift comes up.
            tab.keyboard.down("Shift")
            tab.keyboard.press(letter)
            tab.keyboard.up("Shift")
        else:
            tab.keyboard.press(letter)
    tab.wait_for_timeout(300)
    assert tab.url.endswith("/profile/"), "typing capitals left the app"
    expect(name).to_have_value("Jo Ann O Neil")
