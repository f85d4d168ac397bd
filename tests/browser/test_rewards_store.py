"""On 390 px phones, two riders of 新城社区 with points look at the community store (爱心超市) with one 保温杯 left:
the first redeems it and gets a collection code, the second presses "兑换" a moment later and is told politely that
someone took the last one, keeping their points; the first rider's growth page shows the course they completed on the
political-quality axis. The secretary's counter (1366 px) hands the item over against the code."""

import pytest
from playwright.sync_api import expect

from qingzhuang.org.models import Role
from qingzhuang.org.testing import PASSWORD, _user
from qingzhuang.rewards import services
from qingzhuang.rewards.models import Redemption
from qingzhuang.rewards.testing import county_course, give_points, rider, store_item
from qingzhuang.riders import points
from tests.browser.support import PHONE, login, logout, scrolls_sideways, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_last_item_goes_to_one_rider_and_the_other_is_refused_politely(phone_page, open_page, page, live_server, live_world, settings,
                                                                          browser_errors):
    browser_errors.allow(r"status of 400 \(Bad Request\).*/rewards/shop/")  # the refused redemption, on purpose
    settings.QZ_TODAY = "2026-11-27"
    second_user = _user("rider2", live_world.xincheng, Role.RIDER)
    ma = rider(live_world, user=live_world.rider)
    li = rider(live_world, name="李强", phone="13912345679", user=second_user)
    give_points(ma, 30)
    give_points(li, 60)
    course = county_course(live_world, title="骑手普法讲堂：民法典与防范电信诈骗")
    services.completion_mark(actor=live_world.secretary, course=course, rider=ma, reason="参加了街道组织的补课")
    store_item(live_world, name="保温杯", price=35, stock=1)
    store_item(live_world, name="手机支架", price=15, stock=8)
    first, second = phone_page, open_page(**PHONE)

    login(first, live_server, "rider", PASSWORD)
    login(second, live_server, "rider2", PASSWORD)
    first.goto(f"{live_server.url}/rewards/shop/")
    second.goto(f"{live_server.url}/rewards/shop/")
    expect(first.locator("#balance")).to_contain_text("35")  # 30 granted + 5 for the course
    assert not scrolls_sideways(first)
    shot(first, "rewards-shop-390", full_page=True)

    first.get_by_role("button", name="兑换保温杯").click()
    expect(first.locator(".messages")).to_contain_text("已兑换“保温杯”")
    code = Redemption.objects.get().code
    expect(first.locator("main")).to_contain_text(code)
    shot(first, "rewards-shop-redeemed-390", full_page=True)

    second.get_by_role("button", name="兑换保温杯").click()
    expect(second.get_by_role("alert")).to_contain_text("抱歉，“保温杯”刚刚被兑换完了")
    expect(second.locator("main")).to_contain_text("已兑完")
    assert not scrolls_sideways(second)
    shot(second, "rewards-shop-refused-390", full_page=True)
    assert points.balance(li) == 60 and points.balance(ma) == 0 and Redemption.objects.count() == 1

    first.goto(f"{live_server.url}/rewards/")
    political = first.locator("#axis-political")
    expect(political).to_contain_text("1")
    political.get_by_text("该数字对应的记录").click()
    expect(political).to_contain_text("骑手普法讲堂：民法典与防范电信诈骗")
    expect(first.locator("main")).to_contain_text("已结业")
    assert not scrolls_sideways(first)
    shot(first, "rewards-growth-390", full_page=True)

    login(page, live_server, "secretary", PASSWORD)
    page.goto(f"{live_server.url}/rewards/store/")
    page.get_by_label("领取码").fill(code)
    page.get_by_role("button", name="查找").click()
    expect(page.locator("main")).to_contain_text("马骏")
    shot(page, "rewards-store-counter-1366", full_page=True)
    page.get_by_role("button", name="交付").click()
    expect(page.locator(".messages")).to_contain_text("已交付给马骏")
    assert Redemption.objects.get().status == "handed_over"
    page.goto(f"{live_server.url}/rewards/courses/{course.pk}/")
    expect(page.locator("main")).to_contain_text("工作人员认定结业")
    shot(page, "rewards-course-1366", full_page=True)


def test_the_staff_pages_read_on_a_laptop_and_a_phone(page, phone_page, open_page, live_server, live_world, settings):
    settings.QZ_TODAY = "2026-11-27"
    ma = rider(live_world, user=live_world.rider)
    course = county_course(live_world, kind="fire", title="消防安全与电动车规范充电")
    services.completion_mark(actor=live_world.secretary, course=course, rider=ma, reason="出示了消防培训合格证")
    give_points(ma, 40, act="patrol:1")
    store_item(live_world, name="保温杯", price=35, stock=3)

    login(page, live_server, "secretary", PASSWORD)
    page.goto(f"{live_server.url}/rewards/riders/")
    page.get_by_role("link", name="马骏").click()
    expect(page.locator("#axis-professional")).to_contain_text("2")
    expect(page.locator("#axis-social")).to_contain_text("1")
    shot(page, "rewards-rider-growth-1366", full_page=True)
    login(phone_page, live_server, "rider", PASSWORD)
    phone_page.goto(f"{live_server.url}/rewards/")
    shot(phone_page, "rewards-growth-second-390", full_page=True)

    worker_phone = open_page(**PHONE)
    logout(page)
    login(page, live_server, "worker", PASSWORD)
    login(worker_phone, live_server, "worker", PASSWORD)
    for path, name in (("/rewards/store/", "rewards-store-counter"), (f"/rewards/courses/{course.pk}/", "rewards-course"),
                       ("/rewards/courses/", "rewards-courses")):
        for shown, width in ((page, 1366), (worker_phone, 390)):
            shown.goto(f"{live_server.url}{path}")
            expect(shown.locator("h1")).to_be_visible()
            shot(shown, f"{name}-worker-{width}", full_page=True)
        assert not scrolls_sideways(worker_phone), path
