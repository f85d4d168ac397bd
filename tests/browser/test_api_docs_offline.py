"""The API documentation works offline and under the site's own CSP: Swagger UI from our static files."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.support import shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_api_docs_render_every_operation_from_our_own_files_with_no_csp_error(page, live_server, live_world, browser_errors):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))

    response = page.goto(f"{live_server.url}/api/v1/docs")
    assert response is not None and response.ok
    assert "script-src 'self'" in response.headers.get("content-security-policy", "")
    # Every app's operations are listed under its tag, collapsed; a tag opens its operations.
    expect(page.locator(".opblock-tag", has_text=re.compile(r"^households")).first).to_be_visible(timeout=20_000)
    tags = page.locator(".opblock-tag").all_inner_texts()
    assert len(tags) >= 20 and {"documents", "cases", "riders", "households"} <= {t.split()[0] for t in tags if t.strip()}
    expect(page.locator(".info .title")).to_contain_text("Qingzhuang API")
    page.locator(".opblock-tag", has_text=re.compile(r"^documents")).first.click()
    expect(page.locator(".opblock-summary-path", has_text=re.compile(r"^/api/v1/documents/$")).first).to_be_visible()

    page.locator(".opblock-tag", has_text=re.compile(r"^org")).first.click()
    page.locator(".opblock-summary", has_text="/api/v1/org/me").first.click()
    expect(page.get_by_text("The signed-in user and their roles").first).to_be_visible()
    shot(page, "api-docs-1366")

    outside = [url for url in requested if not url.startswith(live_server.url) and not url.startswith("data:")]
    assert outside == [], f"the docs page reached outside the site: {outside}"
    assert browser_errors.unexpected() == []
