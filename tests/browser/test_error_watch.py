"""The watch on browser errors catches what the strict CSP blocks, so a page that breaks it fails its test."""

import pytest

from tests.browser.support import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_inline_style_blocked_by_the_csp_is_reported(page, live_server, live_world, browser_errors):
    from qingzhuang.org.testing import PASSWORD

    login(page, live_server, "reviewer", PASSWORD)
    assert browser_errors.unexpected() == []

    page.evaluate("document.body.setAttribute('style', 'color: red')")

    assert browser_errors.wait_for(page, r"CSP violation: style-src"), browser_errors.seen
    browser_errors.clear()


def test_a_script_error_is_reported(page, live_server, browser_errors):
    page.goto(f"{live_server.url}/accounts/login/")
    page.evaluate("setTimeout(() => { throw new Error('boom') }, 0)")

    assert browser_errors.wait_for(page, "boom"), browser_errors.seen
    browser_errors.clear()
