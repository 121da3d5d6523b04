"""A repair through to forgiveness: Alex and Sam each write a side privately, see both
together, agree on one thing, and each let it go."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from closeknit.conflict.models import Repair
from tests.browser import steps

pytestmark = pytest.mark.browser


def write_side(page: Page, visit: steps.Visit, name: str, feeling: str, words: str) -> None:
    box = page.get_by_label(feeling, exact=True)
    page.locator("details", has=box).locator("summary").click()
    box.check()
    page.get_by_label("What I think set it off").fill(f"{words}: the late dinner")
    page.get_by_label("My part in it").fill(f"{words}: I raised my voice")
    page.get_by_label("What I need").fill(f"{words}: a calm talk")
    page.get_by_label("One thing I'll do differently").fill(f"{words}: ask for a break")
    visit(page, f"repair-side-{name}")
    page.get_by_role("button", name="Save my side").click()
    page.get_by_role("button", name="My side is done").click()


def test_a_repair_through_to_forgiveness(new_context, visit, couple_users):
    alex_user, sam_user = couple_users
    alex = new_context().new_page()
    steps.log_in(alex, visit, email=alex_user.email)
    alex.goto("/conflict/coach/")
    alex.get_by_role("link", name="Repairs: make up after a fight").click()
    visit(alex, "repairs-empty")
    alex.get_by_label("What is this repair about?").fill("Saturday's argument")
    alex.get_by_role("button", name="Start a repair").click()
    expect(alex.get_by_test_id("repair-title")).to_have_text("Saturday's argument")
    write_side(alex, visit, "alex", "hurt", "Alex")
    expect(alex.get_by_test_id("repair-waiting")).to_be_visible()
    visit(alex, "repair-waiting")

    sam = new_context().new_page()
    steps.log_in(sam, visit, email=sam_user.email)
    sam.goto("/conflict/repairs/")
    visit(sam, "repairs-list")
    sam.get_by_role("link", name="Saturday's argument").click()
    expect(sam.get_by_text("Alex: the late dinner")).to_have_count(0)
    write_side(sam, visit, "sam", "lonely", "Sam")
    expect(sam.get_by_test_id("side-theirs")).to_contain_text("Alex: the late dinner")
    visit(sam, "repair-revealed")
    sam.get_by_label("Our agreement").fill("We take a break before we raise our voices.")
    sam.get_by_role("button", name="Propose this agreement").click()
    expect(sam.get_by_test_id("agreement")).to_contain_text("take a break")

    alex.reload()
    expect(alex.get_by_test_id("side-theirs")).to_contain_text("Sam: the late dinner")
    alex.get_by_role("button", name="I accept this agreement").click()
    alex.get_by_role("button", name="I forgive and let this go").click()
    expect(alex.get_by_test_id("i-forgave")).to_be_visible()
    visit(alex, "repair-alex-forgave")

    sam.reload()
    sam.get_by_role("button", name="I forgive and let this go").click()
    expect(sam.get_by_test_id("partner-forgave")).to_be_visible()
    expect(sam.get_by_test_id("repair-state")).to_have_text("Forgiven")
    visit(sam, "repair-forgiven")
    assert Repair.objects.prefetch_related("sides").get().state == "forgiven"
