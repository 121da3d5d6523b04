"""`make serve` in a real browser: sign up, out and in against scripts/serve.sh."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.steps import (
    PASSWORD,
    email_field,
    fill_sign_up_form,
    password_field,
    submit_sign_up,
)
from tests.test_production import Serve, running_serve

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def serve(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Serve]:
    with running_serve(tmp_path_factory.mktemp("serve")) as server:
        yield server


def test_chromium_signs_up_out_and_in_against_make_serve(browser: Browser, serve: Serve) -> None:
    """Plain http://127.0.0.1 with Secure, __Host- cookies: Chromium treats loopback as secure."""
    problems: list[str] = []
    context = browser.new_context(base_url=serve.url)
    try:
        page = context.new_page()
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.on(
            "console",
            lambda message: problems.append(message.text) if message.type == "error" else None,
        )

        page.goto("/accounts/signup/")
        fill_sign_up_form(page, email="lake@example.com", name="Lake")
        submit_sign_up(page)
        expect(page).to_have_url(re.compile(r"/today/$"))
        cookies = {cookie["name"]: cookie for cookie in context.cookies()}
        session = cookies["__Host-closeknit_session"]
        assert session["secure"] is True
        assert session["httpOnly"] is True
        assert session["path"] == "/"

        page.goto("/accounts/logout/")
        page.locator("#main").get_by_role("button", name="Log out").click()
        expect(page).not_to_have_url(re.compile(r"/accounts/logout/"))
        # Clear-Site-Data made the browser drop every cookie of the site; the page
        # it then landed on may only have handed out a fresh CSRF token.
        after = {cookie["name"]: cookie["value"] for cookie in context.cookies()}
        assert "__Host-closeknit_session" not in after
        assert after.get("__Host-closeknit_csrf") != cookies["__Host-closeknit_csrf"]["value"]
        page.goto("/today/")
        expect(page).to_have_url(re.compile(r"/accounts/login/"))

        email_field(page).fill("lake@example.com")
        password_field(page).fill(PASSWORD)
        page.get_by_role("button", name=re.compile(r"^(sign|log) in$", re.I)).click()
        expect(page).to_have_url(re.compile(r"/today/$"))
        expect(page.get_by_role("heading", level=1)).to_contain_text("Lake")
    finally:
        context.close()

    assert problems == []
    # The sign-up's verification e-mail went through the queue to the background
    # worker, which prints it (no mail server is configured here).
    deadline = time.monotonic() + 20
    while "/accounts/confirm-email/" not in serve.text() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert "lake@example.com" in serve.text()
    assert "/accounts/confirm-email/" in serve.text()
