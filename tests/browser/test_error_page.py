"""A server error shows the branded page in Chinese, on a desktop and on a phone, and nothing of the error."""

import pytest
from playwright.sync_api import expect

from tests.browser.support import scrolls_sideways, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("device", ["page", "phone_page"])
def test_a_server_error_shows_the_branded_chinese_page(request, live_server, settings, browser_errors, device):
    settings.ROOT_URLCONF = "qingzhuang.web.tests.boom_urls"
    page = request.getfixturevalue(device)
    browser_errors.allow(r"status of 500")  # the browser logs the failed document load itself
    response = page.goto(f"{live_server.url}/boom/")
    assert response is not None and response.status == 500
    expect(page.get_by_role("heading", level=1)).to_have_text("出错了")
    expect(page.get_by_role("link", name="返回首页")).to_be_visible()
    body = page.content()
    assert "secret-internal-detail" not in body and "RuntimeError" not in body
    assert not scrolls_sideways(page)
    shot(page, f"error-500-{'390' if device == 'phone_page' else '1366'}")
