"""The four teams in the browser (1366 and 390 px): a community secretary sees whom she can call on, by team with
skills and the phone, and asks a department cadre for help; the cadre's unit accepts it and the secretary sees it."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from qingzhuang.org.testing import PASSWORD
from qingzhuang.teams import services
from qingzhuang.teams.models import HelpRequest, HelpStatus
from qingzhuang.teams.testing import cadre
from tests.browser.support import login, logout, scrolls_sideways, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_secretary_asks_a_cadre_for_help_and_the_cadres_unit_accepts(page, phone_page, live_server, live_world, settings):
    settings.QZ_TODAY = "2026-11-27"
    member = cadre(live_world)
    volunteer = cadre(live_world, actor=live_world.clerk, name="杨帆", team="volunteer", skills="居家养老", phone="")
    services.activity_record(actor=None, community=live_world.xincheng, day=dt.date(2026, 10, 8), title="低保政策宣讲", hours="2.5",
                             members=[member, volunteer])

    for viewport, screen in ((page, "1366"), (phone_page, "390")):
        login(viewport, live_server, "secretary", PASSWORD)
        group = viewport.get_by_role("navigation", name="主菜单").locator("details.navgroup").filter(has_text="赋能")
        group.locator("summary").click()
        group.get_by_role("link", name="四支队伍").click()
        people = viewport.locator("#call-on")
        expect(people).to_contain_text("新城社区可以请谁帮忙")
        expect(people).to_contain_text("部门干部")
        expect(people).to_contain_text("低保、临时救助")
        expect(people).to_contain_text("13912340001")  # her community calls on him: the phone in clear
        assert not scrolls_sideways(viewport)
        shot(viewport, f"teams-call-on-zh-{screen}", full_page=True)

    page.get_by_role("link", name="向李秀梅求助").click()
    page.get_by_label("求助事项").fill("3户困难家庭申请临时救助，请上门核实。")
    page.get_by_label("需要日期").fill("2026-12-03")
    page.get_by_role("button", name="发出求助").click()
    expect(page.locator(".messages")).to_contain_text("由镇安县民政局答复")
    expect(page.locator("#asked")).to_contain_text("已求助，待所在单位答复")
    assert HelpRequest.objects.get().status == HelpStatus.ASKED
    logout(page)

    logout(phone_page)
    login(phone_page, live_server, "clerk", PASSWORD)
    phone_page.goto(f"{live_server.url}/teams/")
    requests = phone_page.locator("#to-answer")
    expect(requests).to_contain_text("新城社区")
    expect(requests).to_contain_text("3户困难家庭申请临时救助")
    assert not scrolls_sideways(phone_page)
    shot(phone_page, "teams-to-answer-zh-390", full_page=True)
    requests.get_by_role("button", name="接受", exact=True).click()
    expect(phone_page.locator(".messages")).to_contain_text("已接受")
    assert HelpRequest.objects.get().status == HelpStatus.ACCEPTED

    login(page, live_server, "secretary", PASSWORD)
    page.goto(f"{live_server.url}/teams/")
    expect(page.locator("#asked")).to_contain_text("已接受")
    shot(page, "teams-accepted-zh-1366", full_page=True)

    logout(page)
    login(page, live_server, "reviewer", PASSWORD)
    page.goto(f"{live_server.url}/teams/")
    expect(page.locator("#roster")).to_contain_text("139****0001")  # the county's overview: masked
    page.goto(f"{live_server.url}/ledger/?unit={live_world.office.pk}&p=2026")
    board = page.locator("#teams-board")
    expect(board).to_contain_text("2026年四支队伍")
    expect(board).to_contain_text("无人联系的社区和村")
    board.screenshot(path=str(shot(page, "teams-board-zh-1366")))
    page.goto(f"{live_server.url}/ledger/units/{live_world.xincheng.pk}/?p=2026")
    expect(page.locator("#teams-unit")).to_contain_text("李秀梅")
    shot(page, "teams-community-zh-1366", full_page=True)


def _board_hours(viewport, live_server, office):
    viewport.goto(f"{live_server.url}/ledger/?unit={office.pk}&p=2026")
    return viewport.locator("#teams-board .ledger-kpis .card").nth(1).locator(".kpi")


def test_a_department_adds_a_cadre_attaches_them_and_the_help_given_moves_the_boards_hours(page, phone_page, live_server, live_world, settings):
    settings.QZ_TODAY = "2026-11-27"
    login(phone_page, live_server, "reviewer", PASSWORD)
    expect(_board_hours(phone_page, live_server, live_world.office)).to_have_text("0")

    login(page, live_server, "clerk", PASSWORD)
    page.goto(f"{live_server.url}/teams/")
    page.get_by_role("link", name="添加人员").click()
    page.get_by_label("队伍").select_option(label="部门干部")
    page.get_by_label("姓名").fill("赵立新")
    page.get_by_label("手机号").fill("13912340009")
    page.get_by_label("专长（能帮什么忙）").fill("养老政策")
    page.get_by_role("button", name="加入名册").click()
    expect(page.locator(".messages")).to_contain_text("已加入名册：赵立新")
    attach = page.get_by_role("form", name="联系社区（进社区）")
    attach.get_by_label("社区").select_option(label="新城社区（永乐街道办事处）")
    attach.get_by_label("联系起始日期").fill("2026-11-01")
    attach.get_by_role("button", name="确定联系").click()
    expect(page.locator("#attached")).to_contain_text("新城社区")
    shot(page, "teams-member-attached-zh-1366", full_page=True)

    logout(phone_page)
    login(phone_page, live_server, "secretary", PASSWORD)
    phone_page.goto(f"{live_server.url}/teams/")
    phone_page.get_by_role("link", name="向赵立新求助").click()
    phone_page.get_by_label("求助事项").fill("独居老人家中养老补贴申请，请上门指导。")
    phone_page.get_by_label("需要日期").fill("2026-11-26")
    phone_page.get_by_role("button", name="发出求助").click()
    expect(phone_page.locator("#asked")).to_contain_text("赵立新")

    page.goto(f"{live_server.url}/teams/")
    page.locator("#to-answer").get_by_role("button", name="接受", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("已接受")
    done = page.locator("#to-record")
    done.get_by_label("赵立新的服务时长（小时）").fill("3")
    shot(page, "teams-record-done-zh-1366", full_page=True)
    done.get_by_role("button", name="登记为已完成").click()
    expect(page.locator(".messages")).to_contain_text("服务时长计入新城社区")
    assert HelpRequest.objects.get().status == HelpStatus.DONE

    logout(phone_page)
    login(phone_page, live_server, "reviewer", PASSWORD)
    hours = _board_hours(phone_page, live_server, live_world.office)
    expect(hours).to_have_text(re.compile(r"^3(\.0)?$"))  # SQLite sums to 3, PostgreSQL to 3.0
    assert not scrolls_sideways(phone_page)
    phone_page.locator("#teams-board").screenshot(path=str(shot(phone_page, "teams-board-hours-zh-390")))
    for url, name in (("/teams/people/new/", "teams-add-person-zh-390"), (f"/teams/activities/new/?community={live_world.xincheng.pk}&day=2026-11-26",
                                                                           "teams-record-activity-zh-390")):
        phone_page.goto(f"{live_server.url}{url}")
        assert not scrolls_sideways(phone_page)
        shot(phone_page, name, full_page=True)
    expect(phone_page.get_by_role("form", name="活动内容")).to_contain_text("赵立新")
