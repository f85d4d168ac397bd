"""The county office in the browser (1366 and 390 px) asks for a balanced pairing proposal, looks at what changes and
each department's load, drops one row and files the rest; the coverage page shows the filed pairing."""

import pytest
from playwright.sync_api import expect

from qingzhuang.audit.models import Event
from qingzhuang.org.testing import PASSWORD
from qingzhuang.pairing.models import Pairing
from tests.browser.support import login, scrolls_sideways, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_county_office_previews_a_proposal_drops_one_row_and_files_it(page, phone_page, live_server, live_world, settings):
    settings.QZ_TODAY = "2026-06-01"

    login(phone_page, live_server, "reviewer", PASSWORD)
    phone_page.goto(f"{live_server.url}/pairing/proposal/")
    expect(phone_page.get_by_role("heading", level=1)).to_have_text("均衡结对方案")
    expect(phone_page.get_by_role("region", name="有哪些变化")).to_contain_text("新覆盖2个社区")
    assert not scrolls_sideways(phone_page)
    shot(phone_page, "pairing-proposal-zh-390", full_page=True)
    assert Pairing.objects.count() == 0  # the preview saves nothing

    login(page, live_server, "reviewer", PASSWORD)
    page.goto(f"{live_server.url}/pairing/")
    page.get_by_role("link", name="生成均衡结对方案").click()
    page.get_by_label("社区权重").select_option(label="同等：每个社区计1")
    page.get_by_role("button", name="生成方案").click()
    rows = page.get_by_role("form", name="方案中的结对")
    expect(rows).to_contain_text("新城社区")
    expect(rows).to_contain_text("长发村")
    loads = page.get_by_role("region", name="各部门负担")
    expect(loads).to_contain_text("镇安县民政局")
    expect(loads).to_contain_text("0 → 1")
    shot(page, "pairing-proposal-zh-1366", full_page=True)

    rows.get_by_label("提交长发村这一行").uncheck()
    rows.get_by_label("新城社区的包抓领导").fill("王建国")
    rows.get_by_role("button", name="重新核算负担").click()
    expect(page.get_by_role("region", name="有哪些变化")).to_contain_text("共1项变化")
    assert Pairing.objects.count() == 0
    events = Event.objects.count()
    page.get_by_role("form", name="方案中的结对").get_by_role("button", name="提交勾选的结对").click()

    expect(page.locator(".messages")).to_contain_text("已提交：按方案新增1个结对")
    expect(page.get_by_role("region", name="覆盖情况")).to_contain_text("长发村")  # still without a department
    assert list(Pairing.objects.values_list("community__name", "leader")) == [("新城社区", "王建国")]
    assert Event.objects.count() > events
    shot(page, "pairing-proposal-filed-zh-1366", full_page=True)


@pytest.mark.parametrize(("who", "entries"), [
    ("reviewer", ("诉求办理（吹哨报到）", "部门联系社区", "四支队伍", "党群服务中心")),
    ("secretary", ("诉求办理（吹哨报到）", "部门联系社区", "四支队伍", "党群服务中心")),
])
def test_the_strengthening_group_holds_cases_pairing_the_four_teams_and_the_centers(page, live_server, live_world, who, entries):
    login(page, live_server, who, PASSWORD)
    menu = page.get_by_role("navigation", name="主菜单")
    group = menu.locator("details.navgroup").filter(has_text="赋能")

    expect(menu.get_by_role("link", name="四支队伍")).to_be_hidden()
    group.locator("summary").click()
    for name in entries:
        expect(group.get_by_role("link", name=name, exact=True)).to_be_visible()
    shot(page, f"menu-help-group-{who}-zh-1366")
    # One line of menu at 1366 px: the top bar is no taller than the brand row.
    assert page.locator("header.topbar").bounding_box()["height"] < 70
    group.get_by_role("link", name="党群服务中心", exact=True).click()
    expect(page.get_by_role("navigation", name="主菜单").locator("details.navgroup").filter(has_text="赋能")).to_have_class("navgroup active")
