"""A rider on a 390 px phone reports a blocked fire exit with a photo and a GCJ-02 location typed from a map app: it
lands at the community whose boundary holds the point (长发村, not the rider's own 新城社区 where the unconverted
numbers would fall); a second report nearby is offered as a duplicate (是这个吗？) and added to the first instead; the
county office confirms it and marks it fixed, and the rider sees it fixed and their points rise by the county's rule."""

import pytest
from playwright.sync_api import expect

from qingzhuang.org.testing import PASSWORD
from qingzhuang.riders import services
from qingzhuang.riders.models import HazardAddition, HazardPhoto, HazardReport
from qingzhuang.riders.testing import SPOT_GCJ, import_world_areas, jpeg_with_gps
from tests.browser.support import login, scrolls_sideways, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fill_report(page, live_server, text):
    page.goto(f"{live_server.url}/riders/report/")
    page.get_by_label("是什么隐患？").select_option(label="消防通道堵塞")
    page.get_by_label("简单描述").fill(text)
    photo = jpeg_with_gps()
    page.get_by_label("照片").set_input_files({"name": "fire_exit.jpg", "mimeType": "image/jpeg", "buffer": photo.read()})
    page.get_by_text("填写坐标（来自地图应用）").click()
    page.get_by_label("坐标来源").select_option("gcj02")
    page.get_by_label("纬度").fill(f"{SPOT_GCJ[0]:.6f}")
    page.get_by_label("经度").fill(f"{SPOT_GCJ[1]:.6f}")


def test_a_rider_reports_a_blocked_fire_exit_and_a_second_report_nearby_is_offered_as_a_duplicate(phone_page, page, live_server, live_world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    import_world_areas()
    services.rider_enrol(actor=None, community=live_world.xincheng, name="马骏", phone="13912345678", duties=["safety_publicist"],
                         joined_on="2025-03-01", platform="meituan", title="永乐骑士", user=live_world.rider)
    phone = phone_page

    login(phone, live_server, "rider", PASSWORD)
    fill_report(phone, live_server, "3号楼东侧消防通道被电动车堵死")
    assert not scrolls_sideways(phone)
    shot(phone, "rider-report-390", full_page=True)
    phone.get_by_role("button", name="提交上报").click()

    expect(phone.locator(".messages")).to_contain_text("已上报至长发村")
    expect(phone.locator(".report-status")).to_contain_text("位于社区边界内")
    expect(phone.get_by_role("img", name="照片 1")).to_be_visible()
    first = HazardReport.objects.get()
    assert first.unit == live_world.changfa and HazardPhoto.objects.filter(report=first).count() == 1
    shot(phone, "rider-report-detail-390", full_page=True)

    fill_report(phone, live_server, "消防通道还是堵着")
    offers = phone.locator("#offers")
    expect(offers).to_contain_text("是这个吗？")
    expect(offers).to_contain_text("3号楼东侧消防通道被电动车堵死")
    shot(phone, "rider-report-offer-390", full_page=True)
    offers.get_by_role("button", name="是的，补充到这一条").click()

    expect(phone.locator(".messages")).to_contain_text("已补充到原有上报")
    assert HazardReport.objects.count() == 1 and HazardAddition.objects.filter(report=first).count() == 1
    expect(phone.locator("main")).to_contain_text("消防通道堵塞")

    phone.goto(f"{live_server.url}/riders/mine/")
    expect(phone.locator(".points")).to_contain_text("我的积分：0")

    login(page, live_server, "reviewer", PASSWORD)
    page.goto(f"{live_server.url}/riders/reports/")
    expect(page.locator("main")).to_contain_text("长发村")
    shot(page, "rider-reports-1366", full_page=True)
    page.get_by_role("link", name="消防通道堵塞").click()
    page.get_by_role("button", name="已确认").click()
    expect(page.locator(".messages")).to_contain_text("已记录")
    page.get_by_role("button", name="已整改").click()
    expect(page.locator(".report-status")).to_contain_text("已整改")

    phone.reload()
    expect(phone.locator(".points")).to_contain_text("我的积分：10")
    expect(phone.locator(".report-list")).to_contain_text("已整改")
    assert not scrolls_sideways(phone)
    shot(phone, "rider-mine-390", full_page=True)
