"""A rider on a 390 px phone opens the household paired with them (masked name, address, needs — no ID, no health),
reveals the phone for a reason (on the audit trail), and records an errand in two taps; the community's secretary on a
laptop confirms it, and the rider's points rise by the county's rule."""

import pytest
from playwright.sync_api import expect

from qingzhuang.audit.models import Event
from qingzhuang.households import services
from qingzhuang.households.models import Help, HelpStatus
from qingzhuang.households.testing import ID_NUMBER, PHONE, paired_household
from qingzhuang.org.testing import PASSWORD
from tests.browser.support import login, scrolls_sideways, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_rider_reveals_the_phone_records_an_errand_and_staff_confirm_it(phone_page, page, live_server, live_world, settings):
    settings.QZ_TODAY = "2026-11-27"
    household, _rider = paired_household(live_world)
    phone = phone_page

    login(phone, live_server, "rider", PASSWORD)
    phone.goto(f"{live_server.url}/households/mine/")
    expect(phone.locator("main")).to_contain_text("张某")
    expect(phone.locator("main")).not_to_contain_text("张桂兰")
    assert not scrolls_sideways(phone)
    shot(phone, "households-mine-390", full_page=True)

    phone.get_by_role("link", name="张某").click()
    main = phone.locator("main")
    expect(main).to_contain_text("新城社区3号楼2单元101")
    expect(main).to_contain_text("腿脚不便")
    for secret in (ID_NUMBER, "高血压", PHONE):
        expect(main).not_to_contain_text(secret)
    shot(phone, "households-mine-detail-390", full_page=True)

    phone.get_by_label("为什么需要电话？").select_option(label="上门前电话联系")
    phone.get_by_role("button", name="显示电话").click()
    expect(phone.locator("#phone")).to_contain_text(PHONE)
    reveal = Event.objects.get(action=services.REVEAL, object_id=str(household.pk))
    assert reveal.reason == "上门前电话联系" and reveal.actor == live_world.rider
    assert not scrolls_sideways(phone)
    shot(phone, "households-phone-revealed-390", full_page=True)

    phone.get_by_role("link", name="代购代办").click()  # tap 1
    shot(phone, "households-record-errand-390", full_page=True)
    phone.get_by_role("button", name="提交").click()  # tap 2
    expect(phone.locator(".messages")).to_contain_text("已记录，等待社区确认")
    made = Help.objects.get()
    assert made.kind == "errand" and made.status == HelpStatus.RECORDED and made.minutes == 30

    phone.goto(f"{live_server.url}/riders/mine/")
    expect(phone.locator(".points")).to_contain_text("我的积分：0")

    login(page, live_server, "secretary", PASSWORD)
    page.goto(f"{live_server.url}/households/")
    expect(page.locator("#to-confirm")).to_contain_text("代购代办")
    shot(page, "households-index-1366", full_page=True)
    page.locator("#to-confirm").get_by_role("button", name="确认", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("已确认：马骏 获得积分")
    assert Help.objects.get().status == HelpStatus.CONFIRMED

    page.get_by_role("link", name="张桂兰").click()
    expect(page.locator("main")).to_contain_text(ID_NUMBER)
    shot(page, "households-detail-1366", full_page=True)
    assert Event.objects.filter(action=services.READ, object_id=str(household.pk), actor=live_world.secretary).exists()

    phone.reload()
    expect(phone.locator(".points")).to_contain_text("我的积分：5")


def test_the_staff_pages_fit_a_phone_and_a_laptop(phone_page, page, live_server, live_world, settings, browser_errors):
    settings.QZ_TODAY = "2026-11-27"
    browser_errors.allow(r"status of 400 \(Bad Request\).*/households/new/")  # the refused ID number, on purpose
    household, _rider = paired_household(live_world)
    login(page, live_server, "secretary", PASSWORD)
    page.goto(f"{live_server.url}/households/new/")
    page.get_by_label("户主姓名").fill("李大爷")
    page.get_by_label("地址", exact=True).fill("新城社区5号楼1单元202")
    page.get_by_label("独居老人").check()
    page.get_by_label("帮扶需求（结对骑手可以看到）").fill("代买菜")
    page.get_by_label("身份证号（可不填）").fill("610125194503120019")
    page.get_by_label("同意人").fill("李大爷本人")
    page.get_by_role("button", name="保存").click()
    expect(page.locator(".errorbox")).to_contain_text("身份证号无效")
    expect(page.get_by_label("地址", exact=True)).to_have_value("新城社区5号楼1单元202")
    shot(page, "households-new-error-1366", full_page=True)

    login(phone_page, live_server, "secretary", PASSWORD)
    for url, name in ((f"/households/{household.pk}/", "households-detail-390"), ("/households/", "households-index-390")):
        phone_page.goto(f"{live_server.url}{url}")
        assert not scrolls_sideways(phone_page), url
        shot(phone_page, name, full_page=True)
