"""Secondments in the browser (1366 and 390 px): a department asks to borrow a community worker for more than six
months and is refused in Chinese with nothing stored; a six-month request is approved by the county office, an overdue
one is red on the county's list (reached from the home page), and the community's ledger page shows its staff net of
the people seconded away."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from qingzhuang.org.testing import PASSWORD
from qingzhuang.secondments.models import Secondment, SecondmentStatus
from qingzhuang.secondments.testing import approved
from tests.browser.support import login, logout, scrolls_sideways, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def ask(page, live_server, *, end):
    page.goto(f"{live_server.url}/secondments/new/")
    page.get_by_label("借出单位（社区、村或乡镇街道）").select_option(label="新城社区")
    page.get_by_label("借调人员姓名").fill("李明")
    page.get_by_label("借调岗位").fill("社会救助股")
    page.get_by_label("借调事由").fill("协助开展低保对象年度复核。")
    page.get_by_label("借调依据（文件或任务）").fill("镇民发〔2026〕12号")
    page.get_by_label("开始日期").fill("2026-11-01")
    page.get_by_label("计划结束日期").fill(end)
    page.get_by_role("button", name="报县委办审批").click()


def test_a_secondment_past_six_months_is_refused_and_a_valid_one_shows_on_the_communitys_net_staff(page, phone_page, live_server, live_world,
                                                                                                    settings, browser_errors):
    settings.QZ_TODAY = "2026-11-27"
    browser_errors.allow(r"status of 400 \(Bad Request\).*/secondments/new/")  # the refused request, on purpose

    for viewport, screen in ((page, "1366"), (phone_page, "390")):
        login(viewport, live_server, "clerk", PASSWORD)
        ask(viewport, live_server, end="2027-06-01")
        expect(viewport.get_by_role("alert")).to_contain_text("借调期限不得超过6个月")
        expect(viewport.get_by_role("alert")).to_contain_text("最迟应于2027-05-01结束")
        assert not scrolls_sideways(viewport)
        shot(viewport, f"secondments-refused-zh-{screen}", full_page=True)
    assert not Secondment.objects.exists()
    # One from last spring, six months that ended in September with nobody back: overdue.
    overdue = approved(live_world, person_name="赵小燕", start_on=dt.date(2026, 3, 1), planned_end=dt.date(2026, 9, 1))

    ask(page, live_server, end="2027-05-01")
    expect(page.locator(".messages")).to_contain_text("由县委办审批")
    logout(page)

    login(page, live_server, "reviewer", PASSWORD)
    page.get_by_role("link", name="待审批的借调申请和延期申请").click()
    page.locator("main ul").get_by_role("link", name="李明").click()
    expect(page.locator("main")).to_contain_text("未超过6个月")
    page.get_by_role("button", name="同意借调", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("已批准")
    assert Secondment.objects.exclude(pk=overdue.pk).get().status == SecondmentStatus.APPROVED

    shot(page, "secondments-detail-approved-zh-1366", full_page=True)

    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="借调逾期：已过计划结束日期仍未返岗").click()
    expect(page.locator("main .light-red")).to_contain_text("逾期未返岗")
    expect(page.locator("main")).to_contain_text("赵小燕")
    shot(page, "secondments-overdue-zh-1366", full_page=True)

    page.goto(f"{live_server.url}/ledger/units/{live_world.xincheng.pk}/?p=2026")
    expect(page.locator("main")).to_contain_text("在编社区工作者11人，借调在外2人，实际在岗9人")
    expect(page.locator("#secondments-unit")).to_contain_text("李明")
    shot(page, "secondments-community-net-staff-zh-1366", full_page=True)

    logout(phone_page)
    login(phone_page, live_server, "secretary", PASSWORD)
    for path, name in ((f"/ledger/units/{live_world.xincheng.pk}/?p=2026", "secondments-community-net-staff-zh-390"),
                       ("/secondments/", "secondments-list-zh-390")):
        phone_page.goto(f"{live_server.url}{path}")
        expect(phone_page.locator("main")).to_contain_text("李明")
        assert not scrolls_sideways(phone_page), path
        shot(phone_page, name, full_page=True)
    expect(phone_page.locator("main")).to_contain_text("已批准，借调中")
