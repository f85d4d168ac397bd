"""The county reviewer reviews meetings in the browser: a too-long one is returned, a repeat one rejected."""

import re

import pytest
from playwright.sync_api import expect

from qingzhuang.meetings.models import Meeting
from qingzhuang.meetings.tests.factories import at, held, submitted
from qingzhuang.org.testing import PASSWORD
from tests.browser.support import login, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_reviewer_sees_a_too_long_meeting_and_a_repeat_meeting_and_returns_and_rejects_them(page, live_server, live_world):
    world = live_world
    earlier = held(world, topic="城乡低保专项治理工作推进会", days_ago=14, decisions=2)
    too_long = submitted(
        world, topic="全县养老服务体系建设推进会", format="in_person", principals_required=True, planned_minutes=120, starts_at=at(7),
        speeches=[{"speaker": "县民政局局长", "minutes": 80, "is_main": True}, {"speaker": "永乐街道办事处主任", "minutes": 15}],
    )
    repeat = submitted(world, topic="全县城乡低保专项治理工作调度会", starts_at=at(9), format="teleconference")

    login(page, live_server, "reviewer", PASSWORD)
    menu = page.get_by_role("navigation", name="主菜单")
    menu.get_by_text("减负把关").click()  # the group opens
    menu.get_by_role("link", name="会议").click()
    page.get_by_role("link", name="去审核").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("待审核会议")
    expect(page.get_by_role("row").filter(has_text=too_long.topic)).to_contain_text("会议及讲话时长")
    expect(page.get_by_role("row").filter(has_text=repeat.topic)).to_contain_text("同一事项反复开会")

    # The too-long meeting: the length rule blocks it, naming 120 minutes and the 80-minute main speech.
    page.get_by_role("link", name=too_long.topic).click()
    length = page.locator("li").filter(has_text="会议及讲话时长")
    expect(length).to_contain_text("拦截")
    expect(length).to_contain_text("计划 120 分钟，超过 60 分钟的上限")
    expect(length.get_by_role("row").filter(has_text="县民政局局长")).to_contain_text("80")
    expect(page.locator("li").filter(has_text="优先视频、电话会议")).to_contain_text("提醒")
    expect(page.get_by_role("button", name="批准", exact=True)).to_have_count(0)
    shot(page, "meetings-review-too-long-zh-1366", full_page=True)
    page.get_by_label("给主办单位的理由或意见").fill("请压缩到60分钟以内，主要讲话不超过1小时，改为视频会议。")
    page.get_by_role("button", name="退回修改").click()
    expect(page.get_by_text("已退回主办单位。")).to_be_visible()

    # The repeat meeting: the earlier meeting on the same matter is shown, with a link to it.
    page.get_by_role("link", name=repeat.topic).click()
    same = page.locator("li").filter(has_text="同一事项反复开会")
    expect(same).to_contain_text("提醒")
    expect(same).to_contain_text("已形成 2 项议定事项")
    link = same.get_by_role("link", name=earlier.topic)
    expect(link).to_have_attribute("href", re.compile(rf"/meetings/{earlier.pk}/$"))
    shot(page, "meetings-review-repeat-zh-1366", full_page=True)
    page.get_by_label("给主办单位的理由或意见").fill("该事项已于两周前议定，请抓好落实，不再开会。")
    page.get_by_role("button", name="不予批准").click()
    expect(page.get_by_text("已作出不予批准的决定。")).to_be_visible()
    expect(page.get_by_text("暂无待审核的会议。")).to_be_visible()

    assert Meeting.objects.get(pk=too_long.pk).status == "returned"
    assert Meeting.objects.get(pk=repeat.pk).status == "rejected"
    assert "60分钟" in Meeting.objects.get(pk=too_long.pk).review_note

    # The earlier meeting opens from the link, with its decisions.
    page.goto(f"{live_server.url}/meetings/{earlier.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(earlier.topic)
    expect(page.get_by_role("cell", name="决定1")).to_be_visible()
