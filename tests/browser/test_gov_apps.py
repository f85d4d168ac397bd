"""Apps and work groups in the browser (1366 and 390 px): a department registers an app that demands daily check-ins
and the gate refuses it naming the practice; a filed one without banned practices is imposed on two communities, and
the community secretary sees it on the list she must use; closing it takes it off her list."""

import pytest
from playwright.sync_api import expect

from qingzhuang.govapps.models import Entry, EntryStatus
from qingzhuang.org.testing import PASSWORD
from tests.browser.support import login, logout, scrolls_sideways, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fill_app(page, live_server, name, *, check_in=False):
    page.goto(f"{live_server.url}/govapps/new/")
    page.get_by_label("名称").fill(name)
    page.get_by_label("类型").select_option(label="APP")
    page.get_by_label("用途").fill("低保、特困、临时救助业务办理")
    if check_in:
        page.get_by_label("对基层的要求").fill("社区工作人员每日登录打卡，按月通报。")
        page.get_by_label("打卡").check()
    page.get_by_label("备案", exact=True).select_option(label="已备案")
    page.get_by_label("备案号").fill("陕网信备61102526000001号")
    page.get_by_label("备案日期").fill("2026-03-01")
    page.get_by_label("新城社区").check()
    page.get_by_label("长发村").check()
    page.get_by_role("button", name="提交关口审查").click()


def test_a_check_in_app_is_refused_a_filed_one_reaches_the_secretary_and_closing_removes_it(page, phone_page, live_server, live_world, settings,
                                                                                             browser_errors):
    settings.QZ_TODAY = "2026-11-27"
    browser_errors.allow(r"status of 400 .*/govapps/new/")  # the refusal answers 400 with the form and the gate's reason

    login(page, live_server, "clerk", PASSWORD)
    fill_app(page, live_server, "民政业务打卡", check_in=True)
    expect(page.get_by_role("alert")).to_contain_text("打卡")
    expect(page.get_by_role("alert")).to_contain_text("关口审查未通过")
    assert not Entry.objects.exists()
    shot(page, "govapps-refused-zh-1366", full_page=True)

    fill_app(page, live_server, "镇安民政服务")
    expect(page.locator(".messages")).to_contain_text("已登记：2个单位须使用“镇安民政服务”")
    expect(page.locator("main")).to_contain_text("2个单位须使用")
    shot(page, "govapps-entry-zh-1366", full_page=True)
    logout(page)

    login(page, live_server, "secretary", PASSWORD)
    page.goto(f"{live_server.url}/govapps/")
    expect(page.locator("main")).to_contain_text("新城社区须使用1个应用和工作群")
    expect(page.locator("main")).to_contain_text("镇安民政服务")
    expect(page.locator("main")).to_contain_text("陕网信备61102526000001号")
    shot(page, "govapps-secretary-list-zh-1366", full_page=True)
    login(phone_page, live_server, "secretary", PASSWORD)
    phone_page.goto(f"{live_server.url}/govapps/")
    expect(phone_page.locator("main")).to_contain_text("镇安民政服务")
    assert not scrolls_sideways(phone_page)
    shot(phone_page, "govapps-secretary-list-zh-390", full_page=True)
    logout(page)

    login(page, live_server, "clerk", PASSWORD)
    page.goto(f"{live_server.url}/govapps/")
    page.get_by_role("link", name="镇安民政服务").click()
    page.get_by_label("关停理由").fill("业务并入省级平台办理")
    page.get_by_role("button", name="关停").click()
    expect(page.locator(".messages")).to_contain_text("已关停")
    assert Entry.objects.get().status == EntryStatus.CLOSED
    logout(page)

    phone_page.goto(f"{live_server.url}/govapps/")
    expect(phone_page.locator("main")).to_contain_text("新城社区须使用0个应用和工作群")
    expect(phone_page.locator("main")).not_to_contain_text("陕网信备61102526000001号")
    phone_page.goto(f"{live_server.url}/govapps/unit/{live_world.xincheng.pk}/")
    expect(phone_page.locator("main")).to_contain_text("今年停止使用的")
    expect(phone_page.locator("main")).to_contain_text("镇安民政服务")
    assert not scrolls_sideways(phone_page)
    shot(phone_page, "govapps-secretary-after-close-zh-390", full_page=True)

    logout(phone_page)
    login(phone_page, live_server, "clerk", PASSWORD)
    phone_page.goto(f"{live_server.url}/govapps/new/")
    assert not scrolls_sideways(phone_page)
    shot(phone_page, "govapps-new-zh-390", full_page=True)
