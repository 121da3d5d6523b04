"""What every browser test checks on every page it visits, and shared steps.

`PageChecker.visit` is the one gate, run on every page a test visits: axe-core
finds no violations (light and dark colour schemes), nothing overflows sideways
at 375 px, the page logged no errors (a blocked inline script shows up here as a
CSP error), nothing was fetched from another site, and screenshots at 375 px and
1280 px are kept as artifacts. Problems are collected and the test fails at its
end with all of them, so one run lists everything wrong along a whole flow, and
every page still gets its screenshots.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import (
    BrowserContext,
    ConsoleMessage,
    Error,
    Locator,
    Page,
    Request,
    ViewportSize,
)

ROOT = Path(__file__).resolve().parents[2]
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOT_DIR = ROOT / "artifacts" / "screenshots"
PHONE = ViewportSize(width=375, height=812)
DESKTOP = ViewportSize(width=1280, height=800)
NEUTRAL_SITE = "https://neutral.example/"
NEUTRAL_PAGE = (
    "<!doctype html><html lang='en'><head><title>Weather</title></head>"
    "<body><main><h1>Weather today</h1><p>Light rain later.</p></main></body></html>"
)

_AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => ({
      target: n.target.join(" "),
      summary: (n.failureSummary || "").replace(/\\s+/g, " ").trim(),
    })),
    count: v.nodes.length,
  }));
}"""

_OVERFLOW = """() => {
  const root = document.scrollingElement || document.documentElement;
  const wide = [...document.querySelectorAll("body *")]
    .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
    .slice(0, 5)
    .map((el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : ""));
  return {scrollWidth: root.scrollWidth, wide};
}"""


@dataclass
class ContextLog:
    """What a browser context saw that no page should cause."""

    origin: str
    errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        # Chromium logs a 4xx page (a form re-shown with 422) as a failed load; the
        # test checks a document's own status itself. Any other resource still counts.
        page = message.page
        own_status = page is not None and message.location.get("url") == page.url
        if own_status and message.text.startswith("Failed to load resource"):
            return
        self.errors.append(f"console: {message.text}")

    def on_page_error(self, error: Error) -> None:
        self.errors.append(f"uncaught: {error.message}")

    def on_request(self, request: Request) -> None:
        url = urlsplit(request.url)
        if url.scheme in {"data", "blob", "about"}:
            return
        if f"{url.scheme}://{url.netloc}" == self.origin or request.url.startswith(NEUTRAL_SITE):
            return
        self.foreign_requests.append(request.url)

    def drain(self) -> list[str]:
        problems = [*self.errors, *(f"third-party request: {u}" for u in self.foreign_requests)]
        self.errors.clear()
        self.foreign_requests.clear()
        return problems


def watch(context: BrowserContext, origin: str) -> ContextLog:
    log = ContextLog(origin=origin.rstrip("/"))
    context.on("console", log.on_console)
    context.on("weberror", lambda web_error: log.on_page_error(web_error.error))
    context.on("request", log.on_request)
    return log


# Colour and layout changes can animate; axe and screenshots must see the end state.
_SETTLE = """() => Promise.race([
  Promise.all(document.getAnimations()
    .filter((a) => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
    .map((a) => a.finished.catch(() => null))),
  new Promise((resolve) => setTimeout(resolve, 3000)),
])"""


def _format_violations(label: str, violations: list[dict[str, Any]]) -> list[str]:
    lines = []
    for v in violations:
        lines.append(f"[{label}] {v['id']} ({v['impact']}, {v['count']} nodes): {v['help']}")
        for node in v["nodes"]:
            lines.append(f"      at {node['target']}: {node['summary']}")
    return lines


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", text).strip("_")


class PageChecker:
    def __init__(self, test_name: str, logs: dict[int, ContextLog]) -> None:
        self.test_name = _slug(test_name)
        self.logs = logs
        self.axe_source = AXE_SCRIPT.read_text(encoding="utf-8")
        self.visited: list[str] = []
        self._names: list[str] = []
        self.problems: list[str] = []

    def screenshot_path(self, name: str, width: int, suffix: str = "") -> Path:
        return SCREENSHOT_DIR / f"{self.test_name}-{_slug(name)}-{width}{suffix}.png"

    def _axe(self, page: Page) -> list[dict[str, Any]]:
        if not page.evaluate("() => typeof window.axe === 'object'"):
            page.evaluate(self.axe_source)
        result: list[dict[str, Any]] = page.evaluate(_AXE_RUN)
        return result

    def visit(self, page: Page, name: str) -> None:
        """Check the page as it is now; fail with everything wrong with it at once."""
        earlier = self._names.count(name)
        self._names.append(name)
        if earlier:
            # A second visit under the same name keeps both sets of screenshots.
            name = f"{name}-{earlier + 1}"
        page.wait_for_load_state("load")
        page.evaluate(_SETTLE)
        problems: list[str] = []
        original = page.viewport_size or DESKTOP
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        try:
            for size in (PHONE, DESKTOP):
                page.set_viewport_size(size)
                page.evaluate(_SETTLE)
                width = size["width"]
                problems += _format_violations(f"{width}px", self._axe(page))
                if width == PHONE["width"]:
                    overflow = page.evaluate(_OVERFLOW)
                    if overflow["scrollWidth"] > width:
                        problems.append(
                            f"[{width}px] scrolls sideways: scrollWidth is "
                            f"{overflow['scrollWidth']}px; too wide: {overflow['wide']}"
                        )
                page.screenshot(path=self.screenshot_path(name, width), full_page=True)
            page.emulate_media(color_scheme="dark")
            page.set_viewport_size(PHONE)
            page.evaluate(_SETTLE)
            problems += _format_violations("375px dark", self._axe(page))
            page.screenshot(path=self.screenshot_path(name, 375, "-dark"), full_page=True)
        finally:
            page.emulate_media(color_scheme="light")
            page.set_viewport_size(original)
        log = self.logs.get(id(page.context))
        if log is not None:
            problems += log.drain()
        self.visited.append(name)
        if problems:
            self.problems.append(f"page '{name}' ({page.url}):\n    " + "\n    ".join(problems))

    def report(self) -> str:
        """Every problem found on every page, or an empty string."""
        if not self.problems:
            return ""
        pages = "\n  ".join(self.problems)
        return f"{len(self.problems)} of {len(self.visited)} pages have problems:\n  {pages}"


# Keyboard helpers. The test drives the app only through keys; these read where
# focus is so the test knows when to stop pressing Tab.

_FOCUS_STATE = """(el) => {
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow && style.boxShadow !== "none";
  const box = el.getBoundingClientRect();
  return {
    focused: el === document.activeElement,
    focusVisible: el.matches(":focus-visible"),
    indicator: Boolean(outline || shadow),
    onScreen: box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
      && box.left < window.innerWidth,
    html: el.outerHTML.slice(0, 120),
  };
}"""


def focus_state(page: Page) -> dict[str, Any] | None:
    handle = page.evaluate_handle("() => document.activeElement")
    element = handle.as_element()
    if element is None or element.evaluate("el => el === document.body"):
        return None
    state: dict[str, Any] = element.evaluate(_FOCUS_STATE)
    return state


def assert_focus_visible(page: Page) -> None:
    state = focus_state(page)
    assert state is not None, "nothing has keyboard focus"
    assert state["focusVisible"], f"focus is not marked :focus-visible on {state['html']}"
    assert state["indicator"], f"no focus outline or box-shadow on {state['html']}"
    assert state["onScreen"], f"focused element is off screen: {state['html']}"


def tab_to(page: Page, target: Locator, *, backwards: bool = False, limit: int = 60) -> None:
    """Press Tab (or Shift+Tab) until `target` has focus, checking each stop is visible."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(limit):
        page.keyboard.press(key)
        assert_focus_visible(page)
        if target.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError(f"{key} pressed {limit} times without reaching {target}")


def fill_by_tabbing(page: Page, values: list[tuple[Locator, str]], until: Locator) -> None:
    """Tab through a form in its own order, typing each value as its field is reached.

    Stops on `until` (the submit button), failing if a field was never reached.
    """
    pending = list(values)
    for _ in range(60):
        page.keyboard.press("Tab")
        assert_focus_visible(page)
        for item in pending:
            field, text = item
            if field.evaluate("el => el === document.activeElement"):
                if text:
                    page.keyboard.type(text)
                pending.remove(item)
                break
        if until.evaluate("el => el === document.activeElement"):
            assert not pending, f"reached {until} before the fields {[f for f, _ in pending]}"
            return
    raise AssertionError(f"Tab never reached {until}")
