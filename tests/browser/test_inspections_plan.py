"""督检考 in the browser, at 1366 px and 390 px: a department proposes two overlapping inspections and the
county office merges them in the annual plan; a criterion demanding photos is refused; an unfiled
inspection is stopped."""

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from qingzhuang.inspections.models import Item, ItemStatus
from qingzhuang.lib import clock
from qingzhuang.org.testing import PASSWORD
from tests.browser.support import login, logout, scrolls_sideways, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _window(days: int) -> tuple[str, str]:
    today = clock.today()
    start = min(today + dt.timedelta(days=days), dt.date(today.year, 12, 20))
    return start.isoformat(), (start + dt.timedelta(days=5)).isoformat()


def _propose(page: Page, live_server, *, kind: str, subject: str, criteria: str, targets: list[str], days: int) -> None:
    page.goto(f"{live_server.url}/inspections/new/")
    page.get_by_label("牵头部门").select_option(label="镇安县民政局")
    page.get_by_label("类别").select_option(label=kind)
    page.get_by_label("事项名称").fill(subject)
    page.get_by_label("检查（考核）标准").fill(criteria)
    page.get_by_label("指定单位").select_option(label=targets)
    start, end = _window(days)
    page.get_by_label("开始日期").fill(start)
    page.get_by_label("结束日期").fill(end)
    page.get_by_role("button", name="申报", exact=True).click()
    page.wait_for_load_state()


def test_a_department_proposes_overlapping_inspections_and_the_county_office_merges_them(page, live_server, live_world):
    world = live_world
    login(page, live_server, "clerk", PASSWORD)
    menu = page.get_by_role("navigation", name="主菜单")
    menu.get_by_text("减负把关").click()
    menu.get_by_role("link", name="督查检查考核").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("督查检查考核")

    _propose(page, live_server, kind="检查", subject="城乡低保专项检查", criteria="低保对象认定准确、资金足额发放、群众满意度。", targets=["永乐街道办事处", "西口回族镇人民政府"], days=10)
    expect(page.get_by_text("已申报：县委办将审核是否纳入年度计划。")).to_be_visible()
    _propose(page, live_server, kind="督查", subject="社会救助政策落实督查", criteria="救助政策落实到位、群众评价。", targets=["永乐街道办事处"], days=12)
    overlap = page.locator("li").filter(has_text="多头检查")
    expect(overlap).to_contain_text("提醒")
    expect(overlap).to_contain_text("城乡低保专项检查")
    shot(page, "inspections-overlap-zh-1366", full_page=True)

    # A criterion demanding photos is refused, naming the rule and the phrase.
    _propose(page, live_server, kind="考核", subject="社区工作考核", criteria="各社区上传入户走访照片作为考核依据。", targets=["新城社区"], days=14)
    expect(page.get_by_text("要求留痕的标准（留痕）", exact=False).first).to_be_visible()
    expect(page.locator(".messages, .errorbox").first).to_contain_text("照片")
    expect(page.locator(".in-status")).to_have_text("已拒绝")
    shot(page, "inspections-traces-refused-zh-1366", full_page=True)
    logout(page)

    # The county office sees the merge proposal in the plan, merges, and files the plan.
    login(page, live_server, "reviewer", PASSWORD)
    page.goto(f"{live_server.url}/inspections/plan/")
    proposal = page.locator(".in-merge")
    expect(proposal).to_contain_text("城乡低保专项检查")
    expect(proposal).to_contain_text("社会救助政策落实督查")
    shot(page, "inspections-plan-merge-proposal-zh-1366", full_page=True)
    proposal.get_by_role("button", name="合并为一次联合检查").click()
    expect(page.get_by_text("已合并为一次联合检查", exact=False)).to_be_visible()
    expect(page.locator(".in-merge")).to_have_count(0)
    page.get_by_role("button", name="计划备案").click()
    expect(page.get_by_text("计划已备案", exact=False).first).to_be_visible()
    shot(page, "inspections-plan-filed-zh-1366", full_page=True)
    joint = Item.objects.get(status=ItemStatus.FILED)
    assert set(joint.merged_from.values_list("subject", flat=True)) == {"城乡低保专项检查", "社会救助政策落实督查"}
    page.goto(f"{live_server.url}/inspections/{joint.pk}/")
    expect(page.get_by_text("联合检查：取代了以下事项")).to_be_visible()
    logout(page)

    # After filing, a new item is outside the plan; recording a visit to it is stopped.
    login(page, live_server, "clerk", PASSWORD)
    _propose(page, live_server, kind="检查", subject="临时增加的养老机构检查", criteria="消防设施完好、应急预案可行。", targets=["永乐街道办事处"], days=3)
    expect(page.get_by_text("年度计划已备案：该事项属于计划外，等待月度审核（月控）。")).to_be_visible()
    page.get_by_label("被检查单位", exact=True).select_option(label="永乐街道办事处")
    page.get_by_label("检查人员").fill("县民政局检查组")
    page.get_by_label("日期", exact=True).fill(clock.today().isoformat())
    page.get_by_role("button", name="登记", exact=True).click()
    expect(page.locator(".messages").first).to_contain_text("尚未备案")
    shot(page, "inspections-unfiled-stopped-zh-1366", full_page=True)
    late = Item.objects.get(subject="临时增加的养老机构检查")
    assert late.status == ItemStatus.MONTHLY_REVIEW and not late.visits.exists()
    assert world.office.county_id == late.plan.office.county_id


def test_the_same_journey_reads_on_a_phone(phone_page, live_server, live_world):
    page = phone_page
    login(page, live_server, "clerk", PASSWORD)
    _propose(page, live_server, kind="检查", subject="城乡低保专项检查", criteria="低保对象认定准确。", targets=["永乐街道办事处"], days=10)
    _propose(page, live_server, kind="检查", subject="社会救助检查", criteria="群众评价。", targets=["永乐街道办事处"], days=11)
    expect(page.locator("li").filter(has_text="多头检查")).to_contain_text("城乡低保专项检查")
    assert not scrolls_sideways(page)
    shot(page, "inspections-overlap-zh-390", full_page=True)
    _propose(page, live_server, kind="考核", subject="社区工作考核", criteria="上传签到表和照片", targets=["新城社区"], days=14)
    expect(page.locator(".messages, .errorbox").first).to_contain_text("签到表")
    assert not scrolls_sideways(page)
    shot(page, "inspections-traces-refused-zh-390", full_page=True)
    logout(page)
    login(page, live_server, "reviewer", PASSWORD)
    page.goto(f"{live_server.url}/inspections/plan/")
    page.locator(".in-merge").get_by_role("button", name="合并为一次联合检查").click()
    expect(page.get_by_text("已合并为一次联合检查", exact=False)).to_be_visible()
    assert not scrolls_sideways(page)
    shot(page, "inspections-plan-merged-zh-390", full_page=True)
    page.get_by_role("button", name="计划备案").click()
    logout(page)
    login(page, live_server, "clerk", PASSWORD)
    _propose(page, live_server, kind="检查", subject="临时检查", criteria="设施完好。", targets=["永乐街道办事处"], days=3)
    page.get_by_label("被检查单位", exact=True).select_option(label="永乐街道办事处")
    page.get_by_label("检查人员").fill("检查组")
    page.get_by_label("日期", exact=True).fill(clock.today().isoformat())
    page.get_by_role("button", name="登记", exact=True).click()
    expect(page.locator(".messages").first).to_contain_text("尚未备案")
    assert not scrolls_sideways(page)
    shot(page, "inspections-unfiled-stopped-zh-390", full_page=True)


def test_the_county_board_shows_the_inspection_section_and_the_community_page_lists_its_items(open_page, live_server, live_world):
    from qingzhuang.gate.services import quota_set
    from qingzhuang.inspections import services
    from qingzhuang.inspections.tests.factories import filed

    world = live_world
    year = clock.today().year
    quota_set(actor=None, unit=world.civil_affairs, year=year, kind="inspection", limit=1)
    quota_set(actor=None, unit=world.office, year=year, kind="inspection.inspection", limit=10)
    item = filed(world, targets=[world.xincheng, world.yongle], window_start=clock.today(), window_end=clock.today())
    services.visit_record(actor=None, item=item, unit=world.xincheng, day=clock.today(), inspectors="县民政局检查组", on_site_days=1)
    services.item_carry_out(actor=None, item=item)
    for options, size in (({"viewport": {"width": 1366, "height": 768}}, "1366"), ({"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}, "390")):
        page = open_page(**options)
        login(page, live_server, "reviewer", PASSWORD)
        page.goto(f"{live_server.url}/ledger/?unit={world.office.pk}&p={year}")
        section = page.locator("#inspections-board")
        expect(section).to_contain_text("督查检查考核（督检考）")
        expect(section).to_contain_text("镇安县民政局")
        expect(section.get_by_role("row").filter(has_text="镇安县民政局").locator(".light-red")).to_be_visible()
        assert not scrolls_sideways(page)
        section.scroll_into_view_if_needed()
        shot(page, f"inspections-board-section-zh-{size}", full_page=True)
        logout(page)
        login(page, live_server, "secretary", PASSWORD)
        page.goto(f"{live_server.url}/ledger/units/{world.xincheng.pk}/")
        expect(page.locator("#inspections-unit")).to_contain_text(item.subject)
        assert not scrolls_sideways(page)
        shot(page, f"inspections-community-page-zh-{size}", full_page=True)
