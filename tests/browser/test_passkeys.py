"""Passkeys: add one to an account, then sign in with it alone.

Chromium's virtual authenticator (through the DevTools protocol) plays the part
of a phone or laptop that keeps passkeys, so the real WebAuthn ceremony runs.
"""

from __future__ import annotations

import re

import pytest
from allauth.mfa.models import Authenticator
from playwright.sync_api import BrowserContext, Page, expect

from closeknit.accounts.models import User
from conftest import PASSWORD, make_user

from .conftest import NewContext
from .steps import Visit, log_in

pytestmark = pytest.mark.browser


def _with_authenticator(context: BrowserContext, page: Page) -> None:
    session = context.new_cdp_session(page)
    session.send("WebAuthn.enable")
    session.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )


def test_a_passkey_can_be_added_and_then_used_to_sign_in(
    new_context: NewContext, visit: Visit, live_server
):
    make_user("kim@example.com", "Kim")
    # Passkeys belong to a site name (here "localhost"), not to an IP address.
    context = new_context(base_url=live_server.url.replace("127.0.0.1", "localhost"))
    page = context.new_page()
    _with_authenticator(context, page)
    log_in(page, visit, email="kim@example.com")

    page.goto("/accounts/2fa/webauthn/add/?passwordless")
    # Changing how one signs in always asks for the password again first.
    expect(page).to_have_url(re.compile(r"/accounts/reauthenticate/"))
    page.get_by_label(re.compile(r"password", re.I)).fill(PASSWORD)
    page.get_by_role("button", name=re.compile(r"confirm", re.I)).click()
    expect(page).to_have_url(re.compile(r"/accounts/2fa/webauthn/add/"))
    visit(page, "passkey-add")
    name = page.get_by_label(re.compile(r"^name", re.I))
    expect(name).to_have_value("My passkey")
    name.fill("Kim's laptop")
    page.get_by_label(re.compile(r"without a password", re.I)).check()
    page.get_by_role("button", name="Add passkey").click()
    expect(page).not_to_have_url(re.compile(r"/webauthn/add/"))
    visit(page, "passkey-added")
    kim = User.objects.get(email="kim@example.com")
    assert Authenticator.objects.filter(user=kim, type=Authenticator.Type.WEBAUTHN).count() == 1

    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.get_by_role("button", name=re.compile(r"passkey", re.I)).click()
    expect(page).to_have_url(re.compile(r"/today/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kim")
    visit(page, "today-after-passkey")
