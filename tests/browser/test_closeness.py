"""The monthly closeness check between two partners, each in their own browser.

Alex takes the check first and waits; Sam sees only that Alex has done it, never
Alex's answers or scores. Once Sam has done it too, both see both trends, the gaps
worth talking about and the month's focus with its suggestions.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

from closeknit.checkins.models import CheckIn
from closeknit.closeness.items import CIRCLES_ITEM, STATEMENT_ITEMS
from closeknit.closeness.models import ClosenessCheck, Focus
from closeknit.closeness.selectors import month_of
from closeknit.closeness.tests.support import answers, couple_of, make_months
from closeknit.questions.practices import Practice
from closeknit.questions.selectors import day_of, preferences_for
from tests.browser import steps

pytestmark = pytest.mark.browser

# Alex sees trust very differently from Sam, and rituals lowest of all overall.
ALEX = answers(5, p_trust=7, p_rituals=2, circles=5)
SAM = answers(5, p_trust=3, p_rituals=2, circles=6)


def take_check(page: Page, values: dict[str, int]) -> None:
    """Answer every item the way a person does: by the statement's group and the point."""
    for item in STATEMENT_ITEMS:
        group = page.get_by_role("group", name=str(item.text))
        group.get_by_role("radio", name=re.compile(rf"^{values[item.key]}\b")).check()
    picture = page.get_by_role("group", name=str(CIRCLES_ITEM.text))
    picture.get_by_role("radio", name=re.compile(rf"^Picture {values['circles']} of 7:")).check()


def go(page: Page, name: str) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Today").click()
    expect(page).to_have_url(re.compile(r"/today/$"))
    page.get_by_role("link", name=name).click()


def test_both_partners_take_the_check_then_see_results_focus_and_gaps(
    new_context, visit, couple_users
):
    alex_user, sam_user = couple_users
    couple = couple_of(alex_user)
    # Two earlier months both did, so the trends have a line to draw, and a few
    # check-ins so Insights has feelings to show.
    make_months(alex_user, sam_user, count=2, current=month_of(couple))
    yesterday = day_of(couple) - timedelta(days=1)
    for user, feelings in [(alex_user, ["peaceful", "glad"]), (sam_user, ["tired"])]:
        CheckIn.objects.create(
            couple=couple, author=user, date=yesterday, feelings=feelings, intensity=3
        )

    alex = new_context().new_page()
    steps.log_in(alex, visit, email=alex_user.email)
    expect(alex.get_by_role("heading", name="Take this month's closeness check")).to_be_visible()
    visit(alex, "today-before-check")
    alex.get_by_role("link", name="Take the check").click()
    expect(alex).to_have_url(re.compile(r"/closeness/check/$"))
    expect(alex.get_by_test_id("closeness-disclaimer")).to_contain_text("not a clinical")
    visit(alex, "check-empty")

    # Sending nothing shows what is missing next to each question, and keeps the page.
    alex.get_by_role("button", name="Save my answers").click()
    expect(alex.get_by_role("alert").first).to_contain_text("Please check the highlighted")
    first = alex.get_by_role("group", name=str(STATEMENT_ITEMS[0].text))
    expect(first).to_contain_text("Choose one of the seven points")
    visit(alex, "check-missing-answers")

    take_check(alex, ALEX)
    visit(alex, "check-filled")
    alex.get_by_role("button", name="Save my answers").click()
    expect(alex).to_have_url(re.compile(r"/closeness/$"))
    expect(alex.get_by_test_id("closeness-status")).to_contain_text(
        "You'll see each other's results once Sam has done it too"
    )
    # Only Alex sees what Alex's own answers put lowest; no focus is chosen yet.
    expect(alex.get_by_test_id("closeness-focus-private")).to_contain_text(
        "Rituals and traditions came out lowest. Only you can see this."
    )
    visit(alex, "closeness-waiting")
    assert not Focus.objects.filter(couple=couple, month=month_of(couple)).exists()

    sam = new_context(timezone_id="America/New_York").new_page()
    steps.log_in(sam, visit, email=sam_user.email)
    expect(sam.get_by_role("heading", name="Take this month's closeness check")).to_be_visible()
    visit(sam, "today-partner-took-check")
    go(sam, "More insights")
    expect(sam).to_have_url(re.compile(r"/insights/$"))
    visit(sam, "insights-before-reveal")
    sam.goto("/closeness/")
    expect(sam.get_by_test_id("closeness-status")).to_contain_text(
        "Alex has done this month's check. Take yours"
    )
    expect(sam.get_by_test_id("closeness-focus-private")).to_have_count(0)
    expect(sam.get_by_text("Rituals and traditions came out lowest")).to_have_count(0)
    visit(sam, "closeness-partner-took-check")

    sam.get_by_role("link", name="Take this month's check").click()
    take_check(sam, SAM)
    sam.get_by_role("button", name="Save my answers").click()
    expect(sam.get_by_test_id("closeness-status")).to_have_text(
        "You've both done this month's check."
    )
    focus = sam.get_by_test_id("closeness-focus")
    expect(focus.get_by_role("heading", level=2)).to_have_text("Rituals and traditions")
    expect(focus.get_by_test_id("closeness-suggestion")).to_have_count(3)
    gaps = sam.get_by_test_id("closeness-gap")
    expect(gaps.first).to_contain_text("You see trust quite differently")
    expect(sam.get_by_role("img", name="Overall closeness by month")).to_be_visible()
    visit(sam, "closeness-revealed")
    assert preferences_for(couple).focus_practice == Practice.RITUALS

    sam.get_by_role("link", name="This month's results").click()
    scores = sam.get_by_test_id("closeness-scores")
    expect(scores.get_by_role("columnheader", name="Alex")).to_be_visible()
    expect(scores.get_by_role("row", name=re.compile("^Trust and respect"))).to_contain_text("33")
    visit(sam, "month-revealed")

    alex.goto("/today/")
    expect(alex.get_by_test_id("today-focus")).to_have_text("Rituals and traditions")
    visit(alex, "today-focus")
    alex.get_by_role("link", name="Three things to try").click()
    expect(alex).to_have_url(re.compile(r"/closeness/focus/$"))
    visit(alex, "focus")
    alex.get_by_label("Our focus this month").select_option(label="Trust and respect")
    alex.get_by_role("button", name="Make this our focus").click()
    expect(alex.get_by_role("status")).to_contain_text("Trust and respect is your focus")
    expect(alex.get_by_test_id("closeness-focus")).to_contain_text("You picked this focus.")
    visit(alex, "focus-picked")
    assert preferences_for(couple).focus_practice == Practice.TRUST

    alex.goto("/closeness/")
    alex.get_by_text("Show the numbers").first.click()
    table = alex.get_by_role("table", name="Overall closeness by month")
    expect(table.get_by_role("row")).to_have_count(4)
    visit(alex, "closeness-numbers")
    alex.goto("/insights/")
    expect(alex.get_by_test_id("closeness-gaps")).to_be_visible()
    expect(alex.get_by_role("img", name="Feelings by family, last three months")).to_be_visible()
    visit(alex, "insights-after-reveal")
    assert ClosenessCheck.objects.filter(couple=couple, month=month_of(couple)).count() == 2


def test_after_years_the_page_opens_two_and_links_the_rest_by_year(
    new_context, visit, couple_users
):
    alex_user, sam_user = couple_users
    couple = couple_of(alex_user)
    current = month_of(couple)
    # Three years before this month: the page opens the last two, and the thirteen
    # months before them fall in two calendar years, whatever this month is.
    make_months(alex_user, sam_user, count=36, current=current, activity=False)
    year = str(current.year - 2)

    alex = new_context().new_page()
    steps.log_in(alex, visit, email=alex_user.email)
    alex.goto("/closeness/")
    earlier = alex.get_by_test_id("closeness-earlier")
    expect(earlier.get_by_role("link")).to_have_text([year, str(current.year - 3)])
    visit(alex, "closeness-after-three-years")

    earlier.get_by_role("link", name=year).click()
    expect(alex).to_have_url(re.compile(rf"/closeness/{year}/$"))
    expect(alex.get_by_role("heading", level=1)).to_have_text(year)
    months = alex.get_by_test_id("closeness-month")
    expect(months).to_have_count(12)
    expect(months.first).to_contain_text(re.compile(r"December [\s\S]*You \d+, Sam \d+"))
    visit(alex, "closeness-year")

    months.first.get_by_role("link").click()
    expect(alex).to_have_url(re.compile(rf"/closeness/{year}-12/$"))
    expect(alex.get_by_test_id("closeness-scores")).to_be_visible()
