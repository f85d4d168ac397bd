"""Cases (吹哨报到) in the browser (1366 and 390 px): a community secretary raises a case beyond its power; the paired
department accepts it, brings in two co-handlers, records an on-site meeting and resolves it; the secretary rates it low
for the handlers' reasons and it reopens; a case raised the day before National Day turns red on the right working day
(its one working day to respond runs out on 10-08, the first working day after the holiday: red from 10-09)."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from qingzhuang.cases import services
from qingzhuang.cases.models import Case, Status
from qingzhuang.org.testing import PASSWORD
from qingzhuang.pairing.services import pairing_file
from tests.browser.support import login, logout, scrolls_sideways, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_whistle_is_answered_rated_low_and_reopened_and_an_overdue_case_turns_red_after_the_holiday(page, phone_page, live_server, live_world, settings):
    for department in (live_world.civil_affairs, live_world.education):
        pairing_file(actor=None, department=department, community=live_world.xincheng, leader="王局长", cadres="李四", valid_from=dt.date(2026, 1, 1))
    settings.QZ_NOW = "2026-11-02T09:00:00+08:00"

    # The county office sees its coverage: 新城社区 covered twice, 长发村 with no department.
    login(page, live_server, "reviewer", PASSWORD)
    page.goto(f"{live_server.url}/pairing/")
    expect(page.get_by_label("覆盖情况")).to_contain_text("长发村")
    shot(page, "pairing-coverage-zh-1366", full_page=True)
    login(phone_page, live_server, "reviewer", PASSWORD)
    phone_page.goto(f"{live_server.url}/pairing/")
    assert not scrolls_sideways(phone_page)
    shot(phone_page, "pairing-coverage-zh-390", full_page=True)
    logout(phone_page)
    logout(page)

    login(page, live_server, "secretary", PASSWORD)
    page.goto(f"{live_server.url}/cases/new/")
    expect(page.locator("main")).to_contain_text("镇安县民政局")
    page.get_by_label("标题").fill("三号楼雨污管网反复堵塞")
    page.get_by_label("描述").fill("雨后污水倒灌一楼住户，社区无权施工，也无维修资金。")
    page.get_by_label("类别").select_option(label="道路管网与公共设施")
    page.get_by_label("地点").fill("新城社区三号楼")
    page.get_by_label("超出社区权限（不能办）").check()
    shot(page, "cases-raise-zh-1366", full_page=True)
    page.get_by_role("button", name="吹哨").click()
    expect(page.locator(".messages")).to_contain_text("首先受理的部门牵头办理")
    case = Case.objects.get(title="三号楼雨污管网反复堵塞")
    logout(page)

    login(page, live_server, "clerk", PASSWORD)
    page.get_by_role("link", name="待受理的吹哨诉求").click()
    page.get_by_role("link", name="三号楼雨污管网反复堵塞").click()
    page.get_by_role("button", name="受理并牵头办理").click()
    expect(page.locator("main")).to_contain_text("牵头（首接负责）")
    page.get_by_label("本县（区）单位").select_option(label="永乐街道办事处")
    page.get_by_label("承担任务").fill("组织居民配合施工")
    page.get_by_role("button", name="增加协办单位").click()
    page.get_by_label("或外部单位（如开发商、水电气公司）").fill("镇安县水务公司")
    page.get_by_label("承担任务").fill("疏通并更换破损管段")
    page.get_by_role("button", name="增加协办单位").click()
    expect(page.locator("main")).to_contain_text("镇安县水务公司")
    page.get_by_label("类别").select_option(label="现场碰头会")
    page.get_by_label("召开日期").fill("2026-11-02")
    page.get_by_label("参会人员").fill("镇安县民政局、永乐街道、镇安县水务公司、新城社区")
    page.get_by_label("议定事项，每行一项：责任方：事项").fill("镇安县水务公司：11月5日前疏通\n永乐街道办事处：通知居民")
    page.get_by_role("button", name="保存会议记录").click()
    expect(page.locator("main")).to_contain_text("11月5日前疏通")
    page.get_by_label("办理结果").fill("已疏通并更换破损管段。")
    page.get_by_role("button", name="标记办结").click()
    expect(page.locator("main")).to_contain_text("已办结（待回访）")
    shot(page, "cases-resolved-zh-1366", full_page=True)
    logout(page)

    login(page, live_server, "secretary", PASSWORD)
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    page.get_by_label("满意度").select_option(label="不满意")
    page.get_by_label("因办理方原因不满意（诉求将重新办理）").check()
    page.get_by_label("意见（不满意时必填）").fill("雨后又堵，没有彻底解决。")
    page.get_by_role("button", name="提交评价").click()
    expect(page.locator("main")).to_contain_text("已重新办理")
    expect(page.locator("main")).to_contain_text("雨后又堵")
    assert Case.objects.get(pk=case.pk).status == Status.REOPENED
    shot(page, "cases-reopened-zh-1366", full_page=True)

    login(phone_page, live_server, "secretary", PASSWORD)
    for path, name in ((f"/cases/{case.pk}/", "cases-case-zh-390"), ("/cases/", "cases-list-zh-390"), ("/cases/new/", "cases-raise-zh-390")):
        phone_page.goto(f"{live_server.url}{path}")
        assert not scrolls_sideways(phone_page), path
        shot(phone_page, name, full_page=True)
    logout(page)

    late = services.case_raise(actor=None, community=live_world.xincheng, title="路灯损坏", description="主干道路灯不亮", category="infrastructure",
                               beyond_power=True, now=timezone.make_aware(dt.datetime.fromisoformat("2026-09-30T10:00:00")))
    login(page, live_server, "clerk", PASSWORD)
    settings.QZ_NOW = "2026-10-08T18:00:00+08:00"  # the first working day after National Day: still on time
    page.goto(f"{live_server.url}/cases/")
    row = page.locator("tr", has_text="路灯损坏")
    expect(row).not_to_have_class("overdue")
    expect(row).to_contain_text("2026-10-08")
    settings.QZ_NOW = "2026-10-09T08:30:00+08:00"
    page.goto(f"{live_server.url}/cases/")
    expect(row).to_have_class("overdue")
    expect(row).to_contain_text("已超期（期限2026-10-08）")
    shot(page, "cases-overdue-zh-1366", full_page=True)
    assert Case.objects.get(pk=late.pk).status == Status.RAISED
