"""Pages the main flows pass by: each one gets the same checks as the flows' pages."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser import steps

pytestmark = pytest.mark.browser


def test_pages_for_visitors_pass_the_page_checks(page, visit):
    for name, url in [
        ("landing", reverse("today:landing")),
        ("log-in", reverse("account_login")),
        ("password-reset", reverse("account_reset_password")),
        ("safety", reverse("today:safety")),
    ]:
        response = page.goto(url)
        assert response is not None
        assert response.status == 200, url
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        visit(page, name)


def test_signed_in_pages_pass_the_page_checks(page, visit, partner_a):
    steps.log_in(page, visit, email=partner_a.user.email)
    for name, url in [
        ("today", reverse("today:index")),
        ("couple", reverse("couples:couple")),
        ("profile", reverse("accounts:profile")),
        ("join-by-code", reverse("couples:join")),
        ("safety", reverse("today:safety")),
        ("e-mail-addresses", reverse("account_email")),
        ("two-step", reverse("mfa_index")),
    ]:
        response = page.goto(url)
        assert response is not None
        assert response.status == 200, url
        expect(page.get_by_role("button", name="Quick exit")).to_be_visible()
        visit(page, name)
