"""Browser tests: Playwright's sync API driving Debian's Chromium against live_server.

Playwright's own browser download cannot work on our machines, so Chromium comes
from Debian (`make test` installs it) and is launched by path.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, Route, sync_playwright

from tests.browser.harness import (
    AXE_SCRIPT,
    DESKTOP,
    NEUTRAL_PAGE,
    NEUTRAL_SITE,
    ContextLog,
    PageChecker,
    watch,
)

# Playwright's sync API runs an event loop in this thread, so Django would refuse
# ORM calls from test code. Tests are the only other user of the thread; it is safe.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path(os.environ.get("CLOSEKNIT_CHROMIUM", "/usr/bin/chromium"))
# Without the background-networking flags Chromium keeps dialling Google's hosts,
# which our closed network refuses many times a second.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEZONE = "Pacific/Auckland"

NewContext = Callable[..., BrowserContext]


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as instance:
        yield instance


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium package")
    if not AXE_SCRIPT.exists():
        pytest.fail(f"{AXE_SCRIPT} is missing: `make test` runs `npm ci` to install axe-core")
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield browser
    browser.close()


def _serve_neutral_site(route: Route) -> None:
    route.fulfill(status=200, content_type="text/html; charset=utf-8", body=NEUTRAL_PAGE)


@pytest.fixture
def _context_logs() -> dict[int, ContextLog]:
    return {}


@pytest.fixture
def new_context(
    browser: Browser, live_server: Any, settings: Any, _context_logs: dict[int, ContextLog]
) -> Iterator[NewContext]:
    """Open a fresh browser (own cookies) for one person; all are closed after the test."""
    # The quick exit goes to a neutral site; there is no network here, so the
    # browser is handed a tiny stand-in page for it.
    settings.CLOSEKNIT_EXIT_URL = NEUTRAL_SITE
    contexts: list[BrowserContext] = []

    def make(**options: Any) -> BrowserContext:
        defaults: dict[str, Any] = {
            "base_url": live_server.url,
            "viewport": DESKTOP,
            "timezone_id": TIMEZONE,
            "locale": "en-NZ",
        }
        context = browser.new_context(**{**defaults, **options})
        context.set_default_timeout(10_000)
        context.route(f"{NEUTRAL_SITE}**", _serve_neutral_site)
        _context_logs[id(context)] = watch(context, live_server.url)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context: NewContext) -> Page:
    return new_context().new_page()


CHECKER = pytest.StashKey[PageChecker]()


@pytest.fixture
def visit(
    request: pytest.FixtureRequest, _context_logs: dict[int, ContextLog]
) -> Callable[[Page, str], None]:
    """visit(page, name): axe-core, 375 px overflow, errors and screenshots for this page."""
    checker = PageChecker(request.node.name, _context_logs)
    request.node.stash[CHECKER] = checker
    return checker.visit


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    """Fail a test whose pages had problems, after the whole flow has run."""
    checker = item.stash.get(CHECKER, None)
    try:
        result = yield
    except BaseException:
        if checker is not None and checker.report():
            item.add_report_section("call", "page checks", checker.report())
        raise
    if checker is not None and checker.report():
        pytest.fail(checker.report(), pytrace=False)
    return result
