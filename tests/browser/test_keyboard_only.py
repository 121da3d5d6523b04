"""Keyboard alone, on a phone-sized screen: sign up and invite a partner.

Only Tab, Shift+Tab, Enter, Space and typing drive the app. Every stop Tab makes
must show where focus is, and the skip link must jump past the header.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser import steps
from tests.browser.harness import PHONE, assert_focus_visible, fill_by_tabbing, tab_to

pytestmark = pytest.mark.browser


def test_sign_up_and_invite_with_the_keyboard_alone_at_375px(new_context, visit):
    page = new_context(viewport=PHONE).new_page()
    page.goto("/")
    visit(page, "landing")

    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    main = page.get_by_role("main")
    expect(main).to_be_focused()
    page.keyboard.press("Tab")
    assert main.evaluate("m => m.contains(document.activeElement)"), "Tab left the main content"
    assert_focus_visible(page)

    header_sign_up = page.get_by_role("navigation", name="Account").get_by_role(
        "link", name="Sign up"
    )
    tab_to(page, header_sign_up, backwards=True)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/accounts/signup/"))
    visit(page, "sign-up")

    time_zone = page.get_by_label(re.compile(r"time ?zone", re.I))
    expect(time_zone).to_have_value("Pacific/Auckland")
    fill_by_tabbing(
        page,
        [
            (steps.email_field(page), "kim@example.com"),
            (page.get_by_label(re.compile(r"name", re.I)), "Kim"),
            (page.get_by_label(re.compile(r"pronouns", re.I)), "he/him"),
            (time_zone, ""),
            (steps.password_field(page), steps.PASSWORD),
        ],
        until=page.get_by_role("button", name=re.compile(r"sign up|create", re.I)),
    )
    page.keyboard.press("Enter")
    steps.expect_today(page, "Kim")
    visit(page, "today")

    tab_to(page, page.get_by_role("navigation", name="Main").get_by_role("link", name="Us"))
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/couple/$"))
    visit(page, "couple")
    tab_to(page, page.get_by_role("button", name="Invite your partner"))
    page.keyboard.press(" ")
    link = page.get_by_label("Invitation link")
    expect(link).to_have_value(re.compile(r"/join/[0-9A-Z]{4}-[0-9A-Z]{4}/$"))
    visit(page, "couple-invitation")
    tab_to(page, link)
    tab_to(page, page.get_by_role("button", name="Copy link"))
