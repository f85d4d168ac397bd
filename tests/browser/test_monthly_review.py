"""The county office's monthly review (月控): on a laptop it ticks two of three items outside the plan and approves
them together; on a phone the list reads as cards (each cell under its column's name), with nothing scrolling sideways."""

import pytest
from playwright.sync_api import expect

from qingzhuang.inspections.models import Item, ItemStatus
from qingzhuang.inspections.tests.factories import filed, propose
from qingzhuang.org.testing import PASSWORD
from tests.browser.support import PHONE, login, scrolls_sideways, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SUBJECTS = ["汛期安全生产临时检查", "城乡低保资金专项督查", "民政服务满意度测评"]


def _late(world):
    filed(world, subject="年度计划内的检查", targets=[world.yongle])
    return [propose(world, subject=s, targets=[world.xikou], kind=k) for s, k in zip(SUBJECTS, ["inspection", "supervision", "assessment"], strict=True)]


def test_the_reviewer_approves_two_ticked_items_together(page, live_server, live_world):
    late = _late(live_world)
    login(page, live_server, "reviewer", PASSWORD)
    page.goto(f"{live_server.url}/inspections/")
    page.get_by_role("link", name="月控审核").click()

    page.get_by_role("checkbox", name=SUBJECTS[0]).check()
    page.get_by_role("checkbox", name=SUBJECTS[2]).check()
    page.get_by_role("button", name="通过所勾选事项").click()

    expect(page.get_by_text("已通过月控：2 项。")).to_be_visible()
    expect(page.get_by_role("checkbox", name=SUBJECTS[1])).to_be_visible()
    expect(page.get_by_role("checkbox", name=SUBJECTS[0])).to_have_count(0)
    shot(page, "inspections-monthly-review-zh-1366", full_page=True)
    assert [Item.objects.get(pk=i.pk).status for i in late] == [ItemStatus.FILED, ItemStatus.MONTHLY_REVIEW, ItemStatus.FILED]


def test_on_a_phone_the_batch_reads_as_cards(open_page, live_server, live_world):
    _late(live_world)
    phone = open_page(**PHONE)
    login(phone, live_server, "reviewer", PASSWORD)
    phone.goto(f"{live_server.url}/inspections/monthly/")

    expect(phone.locator("td[data-label='牵头部门']").first).to_have_text("镇安县民政局")
    assert not scrolls_sideways(phone)
    assert phone.locator("table thead").evaluate("el => getComputedStyle(el).display") == "none"
    shot(phone, "inspections-monthly-review-zh-390", full_page=True)
