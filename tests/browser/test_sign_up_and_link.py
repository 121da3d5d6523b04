"""Two people sign up, one invites, the other joins through the link: both see each other."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from closeknit.accounts.models import User
from closeknit.couples import selectors
from closeknit.couples import services as couple_services
from closeknit.couples.models import Invitation
from tests.browser import steps

pytestmark = pytest.mark.browser


def test_sign_up_invite_and_partner_joins_through_the_link(new_context, visit):
    alex = new_context().new_page()
    alex.goto("/")
    visit(alex, "landing")
    alex.get_by_role("navigation", name="Account").get_by_role("link", name="Sign up").click()
    visit(alex, "sign-up")
    expect(alex.get_by_label(re.compile(r"time ?zone", re.I))).to_have_value("Pacific/Auckland")
    steps.fill_sign_up_form(alex, email="alex@example.com", name="Alex", pronouns="they/them")
    steps.submit_sign_up(alex)
    steps.expect_today(alex, "Alex")
    expect(alex.get_by_test_id("partner-status")).to_contain_text("hasn't joined")
    visit(alex, "today-alone")
    created = User.objects.get(email="alex@example.com")
    assert (created.name, created.pronouns, created.timezone) == (
        "Alex",
        "they/them",
        "Pacific/Auckland",
    )

    link = steps.create_invitation(alex, visit)
    alex.get_by_role("navigation", name="Main").get_by_role("link", name="Today").click()
    expect(alex.get_by_test_id("partner-status")).to_contain_text("invitation is waiting")
    visit(alex, "today-invited")

    sam = new_context(timezone_id="America/New_York").new_page()
    sam.goto(link)
    expect(sam.get_by_role("heading", level=1)).to_contain_text("Alex invited you")
    visit(sam, "invitation")
    sam.get_by_role("link", name="Create my account").click()
    visit(sam, "sign-up-invited")
    expect(sam.get_by_label(re.compile(r"time ?zone", re.I))).to_have_value("America/New_York")
    steps.fill_sign_up_form(sam, email="sam@example.com", name="Sam", pronouns="she/her")
    steps.submit_sign_up(sam)
    expect(sam).to_have_url(link)
    visit(sam, "invitation-signed-in")
    sam.get_by_role("button", name="Join Alex").click()
    steps.expect_today(sam, "Sam")
    expect(sam.get_by_test_id("partner-status")).to_contain_text("Alex")
    visit(sam, "today-linked-sam")

    alex.reload()
    steps.expect_today(alex, "Alex")
    expect(alex.get_by_test_id("partner-status")).to_contain_text("Sam")
    visit(alex, "today-linked-alex")
    invitation = Invitation.objects.get(code=link.rstrip("/").rsplit("/", 1)[1])
    assert invitation.accepted_by == User.objects.get(email="sam@example.com")


def test_a_cancelled_invitation_link_says_it_was_cancelled(new_context, visit, solo):
    jo = new_context().new_page()
    steps.log_in(jo, visit, email=solo.user.email)
    visit(jo, "today")
    link = steps.create_invitation(jo, visit)
    jo.get_by_role("button", name="Cancel invitation").click()
    expect(jo.get_by_role("status")).to_contain_text("Invitation cancelled")
    expect(jo.get_by_label("Invitation link")).to_have_count(0)
    visit(jo, "couple-cancelled")

    partner = new_context().new_page()
    response = partner.goto(link)
    assert response is not None
    assert response.status == 422
    expect(partner.get_by_role("heading", level=1)).to_have_text("This invitation can't be used")
    expect(partner.get_by_role("alert")).to_have_text(
        "This invitation was cancelled. Ask your partner for a new one."
    )
    expect(partner.get_by_role("button", name=re.compile("^Join"))).to_have_count(0)
    visit(partner, "invitation-cancelled")


def test_a_used_code_typed_in_says_it_was_used(new_context, visit, couple_users, solo):
    alex, _sam = couple_users
    used = Invitation.objects.get(created_by=alex)
    assert used.accepted_at is not None
    jo = new_context().new_page()
    steps.log_in(jo, visit, email=solo.user.email)
    jo.goto("/join/")
    visit(jo, "join-by-code")
    jo.get_by_label("Code").fill(used.code.lower().replace("-", ""))
    jo.get_by_role("button", name="Join").click()
    expect(jo.get_by_text("This invitation has already been used.")).to_be_visible()
    visit(jo, "join-by-code-used")
    assert selectors.partner_of(solo.user) is None


def test_someone_already_linked_cannot_use_another_invitation(new_context, visit, couple_users):
    alex, _sam = couple_users
    robin = User.objects.create_user("robin@example.com", steps.PASSWORD, name="Robin")
    invitation = couple_services.create_invitation(user=robin)
    page = new_context().new_page()
    steps.log_in(page, visit, email=alex.email)
    page.goto(f"/join/{invitation.code}/")
    expect(page.get_by_role("alert")).to_contain_text("already linked with a partner")
    expect(page.get_by_role("button", name="Join Robin")).to_have_count(0)
    visit(page, "invitation-already-linked")
