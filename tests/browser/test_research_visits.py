"""Research visits in the browser (1366 and 390 px): two research teams booked for the same village in the same week
are flagged before they come (扎堆调研) — the second booker sees the first team named, who leads it and when, must give
a reason, and the county office finds the flagged booking from its home page."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from qingzhuang.org.testing import PASSWORD
from qingzhuang.visits.models import Visit
from qingzhuang.visits.testing import MONDAY, TODAY, book
from tests.browser.support import login, logout, scrolls_sideways, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fill_booking(page, live_server, *, team, day):
    page.goto(f"{live_server.url}/visits/new/")
    page.get_by_label("调研组", exact=True).fill(team)
    page.get_by_label("带队领导").fill("王建平")
    page.get_by_label("人数").fill("3")
    page.get_by_label("调研目的").fill("了解农村养老服务和社会救助政策落实情况")
    page.get_by_label("调研地点").select_option(label="长发村")
    page.get_by_label("开始日期").fill(day.isoformat())
    page.get_by_label("结束日期").fill(day.isoformat())
    page.get_by_role("button", name="预览（检查扎堆）").click()


def test_a_second_team_at_the_same_village_in_the_same_week_is_flagged_naming_the_first(page, phone_page, live_server, live_world, settings, browser_errors):
    settings.QZ_TODAY = TODAY
    browser_errors.allow(r"status of 400 \(Bad Request\).*/visits/new/")  # the booking refused without a reason, on purpose
    book(live_world.education, [live_world.changfa], team_name="镇安县教育局控辍保学调研组", leader="李红梅")
    thursday = MONDAY + dt.timedelta(days=3)

    login(page, live_server, "clerk", PASSWORD)
    fill_booking(page, live_server, team="镇安县民政局社会救助调研组", day=thursday)
    warning = page.locator("#crowd-warning")
    expect(warning).to_contain_text("扎堆调研预警")
    expect(warning).to_contain_text("镇安县教育局控辍保学调研组")
    expect(warning).to_contain_text("李红梅带队")
    expect(warning).to_contain_text("2026-11-30 – 2026-12-01")
    shot(page, "visits-crowd-preview-zh-1366", full_page=True)
    page.get_by_role("button", name="提交预约").click()
    expect(page.locator(".errorbox")).to_contain_text("请填写理由")
    assert Visit.objects.count() == 1
    page.get_by_label("无法错开或联合的理由（扎堆说明）").fill("市民政局调研组当日到县，须陪同前往。")
    page.get_by_role("button", name="提交预约").click()
    expect(page.locator(".messages")).to_contain_text("已预约")
    expect(page.locator("main")).to_contain_text("预约时已预警：扎堆")
    assert Visit.objects.get(team_name="镇安县民政局社会救助调研组").crowded
    shot(page, "visits-detail-flagged-zh-1366", full_page=True)
    logout(page)

    login(page, live_server, "reviewer", PASSWORD)
    page.get_by_role("link", name="已预约的扎堆调研").click()
    expect(page.locator("main")).to_contain_text("镇安县民政局社会救助调研组")
    shot(page, "visits-crowded-list-zh-1366", full_page=True)

    login(phone_page, live_server, "clerk", PASSWORD)
    fill_booking(phone_page, live_server, team="镇安县民政局第二调研组", day=MONDAY + dt.timedelta(days=4))
    expect(phone_page.locator("#crowd-warning")).to_contain_text("镇安县教育局控辍保学调研组")
    expect(phone_page.locator("#crowd-warning")).to_contain_text("镇安县民政局社会救助调研组")
    assert not scrolls_sideways(phone_page)
    shot(phone_page, "visits-crowd-preview-zh-390", full_page=True)
    phone_page.goto(f"{live_server.url}/visits/")
    assert not scrolls_sideways(phone_page)
    shot(phone_page, "visits-list-zh-390", full_page=True)
    phone_page.goto(f"{live_server.url}/visits/{Visit.objects.get(team_name='镇安县民政局社会救助调研组').pk}/")
    assert not scrolls_sideways(phone_page)
    shot(phone_page, "visits-detail-zh-390", full_page=True)
