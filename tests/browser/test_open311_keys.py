"""The county office's Open311 keys in the browser (1366 and 390 px): it finds the page under 新就业群体, reads the
endpoint's address and the how-to, issues a key to the rider's account (shown once), sees an app using it file a report
over HTTP, and revokes it; the app is refused from then on."""

import re

import pytest
import requests
from playwright.sync_api import expect

from qingzhuang.open311.models import ApiKey
from qingzhuang.org.testing import PASSWORD
from qingzhuang.riders import services as riders
from tests.browser.support import login, scrolls_sideways, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_county_office_issues_a_key_an_app_uses_it_and_the_office_revokes_it(page, phone_page, live_server, live_world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    login(page, live_server, "reviewer", PASSWORD)
    page.goto(f"{live_server.url}/")
    group = page.get_by_role("navigation", name="主菜单").locator("details.navgroup").filter(has_text="新就业群体")
    group.locator("summary").click()
    group.get_by_role("link", name="Open311 接口密钥", exact=True).click()
    expect(page.get_by_role("heading", name="如何接入应用")).to_be_visible()
    expect(page.get_by_text(f"{live_server.url}/open311/v2")).to_be_visible()

    page.get_by_label("账号（用户名）").fill("rider")
    page.get_by_label("使用方（应用名称）").fill("骑手随手拍App")
    page.get_by_role("button", name="发放", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("只显示这一次")
    raw = re.search(r"o311_\S+", page.get_by_role("status").inner_text())
    assert raw is not None and not scrolls_sideways(page)
    shot(page, "open311-keys-issued-zh-1366", full_page=True)

    category = next(c for c in riders.categories_for(live_world.zhenan) if c.name == "井盖破损缺失")
    filed = requests.post(f"{live_server.url}/open311/v2/requests.json", timeout=30, data={
        "api_key": raw.group(), "service_code": category.pk, "address_string": "新城社区3号楼东侧", "description": "井盖缺失"})
    assert filed.status_code == 201, filed.text

    login(phone_page, live_server, "reviewer", PASSWORD)
    phone_page.goto(f"{live_server.url}/open311/keys/")
    phone_page.get_by_label("账号（用户名）").fill("reviewer")
    phone_page.get_by_label("使用方（应用名称）").fill("县委办指挥大屏")
    phone_page.get_by_role("button", name="发放", exact=True).click()
    expect(phone_page.get_by_role("status")).to_contain_text("只显示这一次")
    assert not scrolls_sideways(phone_page)
    shot(phone_page, "open311-keys-issued-zh-390", full_page=True)
    row = phone_page.get_by_role("row").filter(has_text="骑手随手拍App")
    row.get_by_role("button", name="注销").click()
    expect(phone_page.get_by_role("row").filter(has_text="骑手随手拍App")).to_contain_text("已注销")
    assert not scrolls_sideways(phone_page)
    shot(phone_page, "open311-keys-zh-390", full_page=True)
    assert ApiKey.objects.get(name="骑手随手拍App").revoked_at is not None
    refused = requests.get(f"{live_server.url}/open311/v2/requests.json", params={"api_key": raw.group()}, timeout=30)
    assert refused.status_code == 403 and refused.json()[0]["code"] == "api_key_invalid"
