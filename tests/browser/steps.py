"""Steps several browser flows share, done the way a person does them.

Controls are found by role and label, never by CSS class: the design changes,
what a control is called for a screen reader should not.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import Locator, Page, expect

PASSWORD = "a long and lovely passphrase"
Visit = Callable[[Page, str], None]


def email_field(page: Page) -> Locator:
    return page.get_by_label(re.compile(r"^e-?mail", re.I))


def password_field(page: Page) -> Locator:
    return page.get_by_label(re.compile(r"^password", re.I))


def fill_sign_up_form(
    page: Page, *, email: str, name: str, pronouns: str = "", password: str = PASSWORD
) -> None:
    email_field(page).fill(email)
    page.get_by_label(re.compile(r"name", re.I)).fill(name)
    page.get_by_label(re.compile(r"pronouns", re.I)).fill(pronouns)
    password_field(page).fill(password)


def submit_sign_up(page: Page) -> None:
    page.get_by_role("button", name=re.compile(r"sign up|create", re.I)).click()


def expect_today(page: Page, name: str) -> None:
    expect(page).to_have_url(re.compile(r"/today/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(name)


def log_in(page: Page, visit: Visit, *, email: str, password: str = PASSWORD) -> None:
    page.goto("/accounts/login/")
    visit(page, "login")
    email_field(page).fill(email)
    password_field(page).fill(password)
    page.get_by_role("button", name=re.compile(r"^(sign|log) in$", re.I)).click()
    expect(page).to_have_url(re.compile(r"/today/$"))


def create_invitation(page: Page, visit: Visit) -> str:
    """From any signed-in page: open the couple page, invite, return the link."""
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Us").click()
    expect(page).to_have_url(re.compile(r"/couple/$"))
    visit(page, "couple")
    page.get_by_role("button", name="Invite your partner").click()
    link = page.get_by_label("Invitation link")
    expect(link).to_have_value(re.compile(r"/join/[0-9A-Z]{4}-[0-9A-Z]{4}/$"))
    visit(page, "couple-invitation")
    return link.input_value()


QUESTION_LINK = re.compile(r"^(Answer|See or edit my answer|See answers)$")


def open_todays_question(page: Page, visit: Visit, name: str) -> str:
    """From Today: follow the daily question's card to its page; return the question."""
    page.get_by_role("link", name=QUESTION_LINK).click()
    expect(page).to_have_url(re.compile(r"/questions/[0-9a-f-]{36}/$"))
    question = page.get_by_test_id("question-text")
    expect(question).to_be_visible()
    visit(page, name)
    return question.inner_text().strip()
