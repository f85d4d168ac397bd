"""Browser tests: Playwright drives Debian's /usr/bin/chromium (never a downloaded browser) against
pytest-django's live server.

Fixtures for every browser test in the project:

- ``page``: a 1366x768 desktop page in zh-CN; ``phone_page``: a 390x844 phone page; ``open_page(**options)``
  opens another one (a second person, a fresh browser without cookies).
- ``browser_errors``: console errors, uncaught exceptions and CSP violations of those pages; any left at the
  end fails the test (``browser_errors.allow(regex)`` for the ones a test provokes on purpose).
- ``live_world``: the personas of ``qingzhuang.org.testing`` (password ``PASSWORD``), committed so the live
  server's thread sees them.

Helpers (``login``, ``logout``, ``shot``) are in ``tests/browser/support.py``. Every test here is marked
``browser``; browser tests need ``pytest.mark.django_db(transaction=True)``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright

from tests.browser.support import (
    CHROMIUM,
    CHROMIUM_ARGS,
    CSP_REPORTER,
    DESKTOP,
    INSTALL_COMMAND,
    PHONE,
    TIMEOUT_MS,
    BrowserErrors,
)

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    """A test that passed still fails if its pages logged errors or broke the CSP."""
    result = yield
    errors = getattr(item, "funcargs", {}).get("browser_errors")
    if isinstance(errors, BrowserErrors) and errors.unexpected():
        pytest.fail("the browser reported errors:\n" + "\n".join(errors.unexpected()), pytrace=False)
    return result


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: the browser tests drive Debian's Chromium. Run: {INSTALL_COMMAND}", pytrace=False
        )
    pw = sync_playwright().start()
    yield pw
    pw.stop()


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    browser = playwright_instance.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def browser_errors() -> BrowserErrors:
    return BrowserErrors()


@pytest.fixture
def open_page(browser: Browser, browser_errors: BrowserErrors) -> Iterator[Callable[..., Page]]:
    """open_page(**context_options): a page in a new browser context (own cookies), watched for errors."""
    contexts: list[BrowserContext] = []

    def open_(**options: Any) -> Page:
        context = browser.new_context(**{"locale": "zh-CN", "timezone_id": "Asia/Shanghai", **DESKTOP, **options})
        context.set_default_timeout(TIMEOUT_MS)
        context.add_init_script(CSP_REPORTER)
        contexts.append(context)
        page = context.new_page()
        browser_errors.watch(page)
        return page

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture
def page(open_page: Callable[..., Page]) -> Page:
    return open_page(**DESKTOP)


@pytest.fixture
def phone_page(open_page: Callable[..., Page]) -> Page:
    return open_page(**PHONE)


@pytest.fixture
def live_world(transactional_db: None, live_server: Any) -> Any:
    """The shared personas, committed where the live server can see them."""
    from qingzhuang.org.testing import build_world

    return build_world()
