"""Duty lists, tasks and signboards in the browser (1366 and 390 px): a task citing no duty is refused by the
community; another is admitted through 准入 with its decision due 15 working days later, across National Day and the
调休 Saturday 10-10; a deadline in 2027 (no calendar data) shows the warning; an excess plaque is flagged and removed."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from qingzhuang.duties import services
from qingzhuang.duties.models import Signboard, SignboardStatus, Task, TaskStatus
from qingzhuang.duties.testing import approved_list
from qingzhuang.org.testing import PASSWORD
from tests.browser.support import login, logout, scrolls_sideways, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def push_task(page, live_server, title, *, due, application=""):
    page.goto(f"{live_server.url}/duties/tasks/new/")
    page.get_by_label("承接单位").select_option(label="新城社区")
    page.get_by_role("button", name="显示其清单").click()
    page.get_by_label("标题").fill(title)
    page.get_by_label("内容").fill(f"请社区{title}，并报送相关材料。")
    page.get_by_label("完成时限").fill(due)
    page.get_by_label("预计工作量（小时）").fill("16")
    if application:
        page.get_by_label("同时申请准入：说明为何须由基层承担（引用清单事项时留空）").fill(application)
    page.get_by_role("button", name="提交审核并下派").click()
    expect(page.locator(".messages")).to_contain_text("任务已下派至新城社区")


def test_a_task_is_refused_another_admitted_across_national_day_and_an_excess_plaque_removed(page, phone_page, live_server, live_world, settings):
    settings.QZ_TODAY = "2026-09-28"
    approved_list(live_world)
    extra = services.signboard_record(actor=None, unit=live_world.xincheng, name="新城社区老年人协会", placement="outside",
                                      since=dt.date(2024, 5, 10), issuer=live_world.civil_affairs)

    login(page, live_server, "clerk", PASSWORD)
    push_task(page, live_server, "组织居民参加读书打卡", due="2026-11-20")
    expect(page.locator("main")).to_contain_text("未对应新城社区的任何清单事项")
    push_task(page, live_server, "城乡居民养老保险参保登记入户动员", due="2026-11-30", application="社区掌握居民底数，需配合民政局入户动员。")
    # Applied on 9-28: 9-29, 9-30, (10-1…10-7 National Day), 10-8, 10-9, Saturday 10-10 worked (调休), 10-12 … 10-23.
    expect(page.locator("main")).to_contain_text("2026-10-23")
    push_task(page, live_server, "跨年入户统计", due="2027-01-15")
    logout(page)

    login(page, live_server, "secretary", PASSWORD)
    page.get_by_role("link", name="收到的无依据任务（清单外、未准入）").click()
    expect(page.locator("main")).to_contain_text("2027年无节假日数据：未经核实")
    shot(page, "duties-tasks-received-zh-1366", full_page=True)
    page.get_by_role("link", name="组织居民参加读书打卡").click()
    page.get_by_label("理由").fill("不在社区履职事项清单内，且未经准入。")
    page.get_by_role("button", name="拒绝任务").click()
    expect(page.locator(".messages")).to_contain_text("已拒绝")
    assert Task.objects.get(title="组织居民参加读书打卡").status == TaskStatus.REFUSED
    logout(page)

    login(page, live_server, "reviewer", PASSWORD)
    page.get_by_role("link", name="待审批的准入申请").click()
    expect(page.locator("main")).to_contain_text("2026-10-23")
    page.get_by_role("link", name="城乡居民养老保险参保登记入户动员").click()
    expect(page.locator("main")).to_contain_text("与本任务相符的镇安县民政局自身职责")
    expect(page.locator("main")).to_contain_text("协助开展城乡居民养老保险参保登记")  # the department leads it: its own duty
    shot(page, "duties-entry-review-zh-1366", full_page=True)
    page.get_by_label("意见（不予准入时必填）").fill("确需社区配合，准予进入。")
    page.get_by_role("button", name="准予准入").click()
    expect(page.locator(".messages")).to_contain_text("已准予准入")
    assert Task.objects.get(title="城乡居民养老保险参保登记入户动员").basis == "admitted"

    page.goto(f"{live_server.url}/duties/signboards/?excess=1")
    expect(page.locator("main")).to_contain_text("新城社区老年人协会")
    shot(page, "duties-signboards-excess-zh-1366", full_page=True)
    logout(page)

    login(page, live_server, "secretary", PASSWORD)
    page.goto(f"{live_server.url}/duties/signboards/")
    page.locator("details.remove-board summary").click()
    page.get_by_label("照片编号（文件号或存档位置）").fill("社区档案室 摘牌照片 第3张")
    page.get_by_role("button", name="登记摘牌").click()
    expect(page.locator(".messages")).to_contain_text("多余牌子被摘下")
    expect(page.locator("main")).to_contain_text("今年摘下的多余牌子：1 块")
    assert Signboard.objects.get(pk=extra.pk).status == SignboardStatus.REMOVED
    shot(page, "duties-signboards-removed-zh-1366", full_page=True)
    page.goto(f"{live_server.url}/duties/tasks/")
    shot(page, "duties-tasks-after-zh-1366", full_page=True)

    login(phone_page, live_server, "secretary", PASSWORD)
    for path, name in (("/duties/tasks/", "duties-tasks-received-zh-390"), ("/duties/signboards/", "duties-signboards-zh-390"),
                       (f"/duties/unit/{live_world.xincheng.pk}/", "duties-list-zh-390")):
        phone_page.goto(f"{live_server.url}{path}")
        assert not scrolls_sideways(phone_page), path
        shot(phone_page, name, full_page=True)
