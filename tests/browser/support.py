"""Helpers for the browser tests: signing in, screenshots, and the watch on console errors and CSP violations.

Tests import them from here (``from tests.browser.support import login, shot``); the fixtures that use them
live in ``conftest.py`` beside this file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import ConsoleMessage, Error, Page

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT_DIR = ROOT / "var" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
INSTALL_COMMAND = "apt-get install -y chromium fonts-noto-cjk"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
DESKTOP = {"viewport": {"width": 1366, "height": 768}}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
TIMEOUT_MS = 10_000

# Every page reports CSP violations to its console, where the watch below picks them up. Playwright injects
# this script itself, so the page's own CSP does not block it.
CSP_REPORTER = """
document.addEventListener("securitypolicyviolation", (e) => {
  console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile || e.documentURI}:${e.lineNumber}`);
});
"""


@dataclass
class BrowserErrors:
    """Console errors, uncaught exceptions and CSP violations of every page a test opened.

    A test that provokes an error on purpose (a 403 page logs "Failed to load resource") says so with
    :meth:`allow`; anything else left at the end fails the test.
    """

    seen: list[str] = field(default_factory=list)
    allowed: list[re.Pattern[str]] = field(default_factory=list)

    def watch(self, page: Page) -> None:
        page.on("console", self._on_console)
        page.on("pageerror", self._on_page_error)

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.seen.append(f"{message.text} ({message.location.get('url', '')})")

    def _on_page_error(self, error: Error) -> None:
        self.seen.append(f"uncaught: {error.message}")

    def allow(self, pattern: str) -> None:
        self.allowed.append(re.compile(pattern))

    def unexpected(self) -> list[str]:
        return [m for m in self.seen if not any(p.search(m) for p in self.allowed)]

    def clear(self) -> None:
        self.seen.clear()

    def wait_for(self, page: Page, pattern: str, *, timeout_ms: int = TIMEOUT_MS) -> list[str]:
        """The messages matching pattern, waiting for the page to report one (events arrive asynchronously)."""
        regex = re.compile(pattern)
        for _ in range(timeout_ms // 50):
            found = [m for m in self.seen if regex.search(m)]
            if found:
                return found
            page.wait_for_timeout(50)
        return []


def login(page: Page, live_server: Any, username: str, password: str) -> None:
    """Sign in through the login form, as a person would (the form's labels are read in either language)."""
    response = page.goto(f"{live_server.url}/accounts/login/")
    assert response is not None and response.ok, f"the login page answered {response and response.status}"
    page.get_by_label(re.compile("^(用户名|User name)$")).fill(username)
    page.get_by_label(re.compile("^(密码|Password)$")).fill(password)
    page.get_by_role("button", name=re.compile("^(登录|Sign in)$")).click()
    page.wait_for_load_state()


def logout(page: Page) -> None:
    page.get_by_role("button", name=re.compile("^(退出|Sign out)$")).click()
    page.wait_for_load_state()


def shot(page: Page, name: str, *, full_page: bool = False) -> Path:
    """Save a screenshot under var/screenshots/ (gitignored) for a person to look at."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOT_DIR / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def scrolls_sideways(page: Page) -> bool:
    """Whether the page is wider than the window (a person on a phone would have to scroll sideways)."""
    return bool(page.evaluate("document.scrollingElement.scrollWidth > window.innerWidth"))
