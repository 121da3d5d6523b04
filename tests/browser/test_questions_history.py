"""Months of past answers in the browser: a week a page, and a search that says how far
back it looked and goes further when asked."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from closeknit.questions.selectors import HISTORY_PAGE_SIZE, SEARCH_DAYS
from closeknit.questions.tests._api import make_history
from tests.browser import steps

pytestmark = pytest.mark.browser


def test_searching_months_of_answers_goes_back_a_batch_at_a_time(new_context, visit, couple_users):
    alex_user, sam_user = couple_users
    make_history(alex_user, sam_user, days=SEARCH_DAYS + 4)
    alex = new_context().new_page()
    steps.log_in(alex, visit, email=alex_user.email)

    alex.goto("/questions/history/")
    expect(alex.get_by_test_id("history-item")).to_have_count(HISTORY_PAGE_SIZE)
    expect(alex.get_by_role("navigation", name="Pages")).to_contain_text("Page 1 of")
    visit(alex, "history-a-week-a-page")

    alex.get_by_label("Search questions and answers").fill("wrote")
    alex.get_by_role("button", name="Search", exact=True).click()
    further = alex.get_by_test_id("search-further")
    expect(further).to_contain_text(re.compile(r"Searched back to \d+ \w+ \d{4}\."))
    expect(alex.get_by_test_id("history-item")).to_have_count(HISTORY_PAGE_SIZE)
    visit(alex, "history-search-first-batch")

    alex.get_by_role("button", name="Search further back").click()
    expect(alex.get_by_test_id("history-item")).to_have_count(4)
    expect(alex.get_by_test_id("search-further")).to_contain_text("reached your first day")
    expect(alex.get_by_role("button", name="Search further back")).to_have_count(0)
    expect(alex.get_by_label("Search questions and answers")).to_have_value("wrote")
    visit(alex, "history-search-last-batch")
