"""A clerk of 渭滨区民政局 addresses a document and a meeting with the recipient picker: finds 新渭路社区 by
its pinyin initials, takes a whole street at once, saves the choice as a group, and reuses the group on a
meeting form, where a member deactivated since is left out with a note. On a phone the same works with
large targets and no Ctrl hint."""

import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from qingzhuang.documents.models import Document
from qingzhuang.meetings.models import Meeting
from qingzhuang.org import services
from qingzhuang.org.models import RecipientGroup
from qingzhuang.org.testing import PASSWORD, build_weibin
from tests.browser.support import PHONE, login, scrolls_sideways, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path("/work/wt/shots/picker")


@pytest.fixture
def weibin(transactional_db, live_server):
    return build_weibin()


def _keep(path: Path) -> None:
    """Also keep the screenshot where the team looks at them, when that folder exists (not in CI)."""
    if SHOTS.parent.is_dir():
        SHOTS.mkdir(exist_ok=True)
        shutil.copy(path, SHOTS / path.name)


def test_search_xwl_pick_a_street_save_a_group_and_reuse_it_on_a_meeting(page, live_server, weibin):
    login(page, live_server, "weibin_clerk", PASSWORD)
    page.goto(f"{live_server.url}/documents/new/")
    picker = page.get_by_role("group", name="主送单位（镇、街道、村、社区）")
    summary = picker.get_by_role("status").first
    expect(summary).to_contain_text("尚未选择单位。")
    expect(page.get_by_text("Ctrl")).to_have_count(0)

    search = picker.get_by_label("按名称或拼音查找单位")
    search.fill("xwl")
    expect(picker.get_by_text("找到 1 个与“xwl”匹配的单位。")).to_be_visible()
    expect(picker.get_by_label("新渭路社区", exact=True)).to_be_visible()
    expect(picker.get_by_label("新建路社区", exact=True)).to_be_hidden()
    picker.get_by_label("新渭路社区", exact=True).check()
    search.fill("xinweilu")
    expect(picker.get_by_label("新渭路社区", exact=True)).to_be_checked()
    search.fill("jl")
    expect(picker.get_by_label("金陵新村社区", exact=True)).to_be_visible()
    expect(picker.get_by_label("新渭路社区", exact=True)).to_be_hidden()
    search.fill("")

    picker.get_by_text("金陵街道", exact=True).click()
    picker.get_by_label("金陵街道全部社区（6）").check()
    expect(summary).to_contain_text("已选 7 个单位：金陵街道全部社区（6，不含金陵街道办事处本级）、新渭路社区")
    picker.get_by_role("checkbox", name=re.compile("^金陵街道办事处")).check()
    expect(summary).to_contain_text("金陵街道全部社区（6）及金陵街道办事处本级")
    picker.get_by_role("button", name="移除金陵街道全部社区（6）及金陵街道办事处本级").click()
    expect(summary).to_contain_text("已选 1 个单位：新渭路社区")
    picker.get_by_label("金陵街道全部社区（6）").check()
    expect(summary).to_contain_text("已选 7 个单位")
    shot_path = shot(page, "picker-document-1366")
    _keep(shot_path)

    picker.get_by_label("分组名称").fill("城区社区")
    picker.get_by_role("button", name="将所选保存为分组").click()
    expect(picker.get_by_text("已保存分组“城区社区”，共 7 个单位。")).to_be_visible()
    group = RecipientGroup.objects.get(name="城区社区")
    assert group.owner == weibin.civil_affairs and group.members.count() == 7

    # Since the group was saved, 新渭路社区 was deactivated: the meeting form leaves it out and says so.
    services.unit_update(actor=None, unit=weibin.grassroots["新渭路社区"], is_active=False)
    page.goto(f"{live_server.url}/meetings/new/")
    picker = page.get_by_role("group", name="参会单位")
    picker.get_by_role("button", name=re.compile("^城区社区")).click()
    expect(picker.get_by_text("已加入分组“城区社区”：6 个单位。 已停用，未加入：新渭路社区")).to_be_visible()
    expect(picker.get_by_role("status").first).to_contain_text("已选 6 个单位：金陵街道全部社区（6，不含金陵街道办事处本级）")
    _keep(shot(page, "picker-meeting-group-1366", full_page=True))

    page.get_by_label("会议名称").fill("城区社区养老服务推进会")
    page.get_by_label("领域").fill("民政")
    page.get_by_label("计划开始时间").fill("2026-12-15T09:00")
    page.get_by_role("button", name="保存草稿").click()
    expect(page.get_by_text("已保存为草稿。")).to_be_visible()
    meeting = Meeting.objects.get(topic="城区社区养老服务推进会")
    assert set(meeting.attendees.values_list("name", flat=True)) == {
        "新建路东段社区", "新开路社区", "金渭路社区", "新华巷社区", "机厂街社区", "金陵新村社区"
    }

    page.goto(f"{live_server.url}/org/recipient-groups/")
    row = page.get_by_role("row").filter(has_text="城区社区")
    expect(row).to_contain_text("渭滨区民政局")
    expect(row).to_contain_text("已停用，未加入：新渭路社区")
    _keep(shot(page, "picker-groups-page-1366"))


def test_on_a_phone_the_picker_fits_has_large_targets_and_picks_a_whole_county_kind(phone_page, live_server, weibin):
    page = phone_page
    login(page, live_server, "weibin_clerk", PASSWORD)
    page.goto(f"{live_server.url}/meetings/new/")
    picker = page.get_by_role("group", name="参会单位")
    expect(page.get_by_text(re.compile("Ctrl|⌘"))).to_have_count(0)

    picker.get_by_label("按名称或拼音查找单位").fill("xwl")
    box = picker.locator("label").filter(has_text="新渭路社区").bounding_box()
    assert box is not None and box["height"] >= 44
    picker.get_by_label("新渭路社区", exact=True).check()
    picker.get_by_label("按名称或拼音查找单位").fill("")
    picker.get_by_role("button", name=re.compile(r"^全部村（\d+）$")).click()
    villages = sum(1 for u in weibin.grassroots.values() if u.kind == "village")
    expect(picker.get_by_role("status").first).to_contain_text(f"已选 {villages + 1} 个单位")
    expect(picker.get_by_role("button", name=re.compile(r"^全部村")).first).to_have_attribute("aria-pressed", "true")
    picker.get_by_role("button", name=re.compile(r"^全部社区（\d+）$")).click()
    expect(picker.get_by_role("status").first).to_contain_text("已选 33 个单位：全部社区（20）、马营镇全部村（13）")
    assert not scrolls_sideways(page)
    picker.scroll_into_view_if_needed()
    _keep(shot(page, "picker-meeting-390"))
    _keep(shot(page, "picker-meeting-390-full", full_page=True))


def test_without_javascript_the_picker_is_plain_grouped_checkboxes_that_save(open_page, live_server, weibin):
    page = open_page(**PHONE, java_script_enabled=False)
    login(page, live_server, "weibin_clerk", PASSWORD)
    page.goto(f"{live_server.url}/documents/new/")
    picker = page.get_by_role("group", name="主送单位（镇、街道、村、社区）")
    expect(picker.get_by_text("勾选需要的单位；展开街道或乡镇可看到其下的社区和村。")).to_be_visible()
    expect(picker.get_by_label("按名称或拼音查找单位")).to_be_hidden()

    picker.get_by_text("经二路街道", exact=True).click()
    picker.get_by_label("新渭路社区", exact=True).check()
    picker.get_by_role("checkbox", name=re.compile("^经二路街道办事处")).check()
    _keep(shot(page, "picker-document-390-nojs"))
    page.get_by_label("标题", exact=True).fill("关于开展冬季消防安全检查的通知")
    page.get_by_label("正文", exact=True).fill("请各社区开展冬季消防安全检查。")
    page.get_by_role("button", name="保存草稿").click()
    expect(page.get_by_text("草稿已保存")).to_be_visible()

    doc = Document.objects.get(title="关于开展冬季消防安全检查的通知")
    assert set(doc.recipients.values_list("name", flat=True)) == {"新渭路社区", "经二路街道办事处"}
