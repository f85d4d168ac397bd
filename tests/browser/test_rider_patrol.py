"""A rider on a 390 px phone records a patrol (巡查) and reports its finding as a hazard in one step: the report form
comes pre-filled with what was found and where, and the report is linked to the patrol. With no tile server set the
report page has no map and still works (a typed address). The community secretary accepts the patrol on a laptop and
the rider's points rise by the county's rule; publicity handed out is recorded from the phone."""

import pytest
from playwright.sync_api import expect

from qingzhuang.org.testing import PASSWORD
from qingzhuang.riders import services
from qingzhuang.riders.models import HazardReport, Patrol, Publicity
from qingzhuang.riders.testing import import_world_areas
from tests.browser.support import login, scrolls_sideways, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_rider_records_a_patrol_whose_finding_becomes_a_report_without_a_map(phone_page, page, live_server, live_world, settings, tmp_path,
                                                                              browser_errors):
    browser_errors.allow(r"status of 400 \(Bad Request\).*/riders/publicity/")  # the refused count, on purpose
    settings.MEDIA_ROOT = tmp_path
    settings.QZ_MAP_TILE_URL = ""
    import_world_areas()
    services.rider_enrol(actor=None, community=live_world.xincheng, name="马骏", phone="13912345678", duties=["safety_publicist"],
                         joined_on="2025-03-01", platform="meituan", title="永乐骑士", user=live_world.rider)
    phone = phone_page

    login(phone, live_server, "rider", PASSWORD)
    phone.goto(f"{live_server.url}/riders/patrols/")
    expect(phone.get_by_role("heading", name="记录巡查")).to_be_visible()
    phone.get_by_label("巡查区域或路线").fill("新城社区3号楼—5号楼")
    phone.get_by_label("巡查发现（没有可不填）").fill("3号楼东侧消防通道被电动车堵死")
    assert not scrolls_sideways(phone)
    shot(phone, "rider-patrol-390", full_page=True)
    phone.get_by_role("button", name="提交巡查记录").click()

    expect(phone.locator(".messages")).to_contain_text("巡查已记录")
    expect(phone.locator(".patrol-status")).to_contain_text("待认可")
    patrol = Patrol.objects.get()
    shot(phone, "rider-patrol-detail-390", full_page=True)
    phone.get_by_role("link", name="把发现的问题上报为隐患").click()

    expect(phone.get_by_label("简单描述")).to_have_value("3号楼东侧消防通道被电动车堵死")
    expect(phone.get_by_label("或填写地址")).to_have_value("新城社区3号楼—5号楼")
    expect(phone.locator("#map")).to_have_count(0)
    assert not scrolls_sideways(phone)
    shot(phone, "rider-report-from-patrol-390", full_page=True)
    phone.get_by_label("是什么隐患？").select_option(label="消防通道堵塞")
    phone.get_by_role("button", name="提交上报").click()

    expect(phone.locator(".messages")).to_contain_text("已上报至新城社区")
    report = HazardReport.objects.get()
    assert report.patrol == patrol and report.address == "新城社区3号楼—5号楼" and report.lat is None
    expect(phone.locator("main")).to_contain_text("巡查中发现")

    login(page, live_server, "secretary", PASSWORD)
    page.goto(f"{live_server.url}/riders/patrols/")
    expect(page.locator("main")).to_contain_text("新城社区3号楼—5号楼")
    shot(page, "rider-patrols-1366", full_page=True)
    page.get_by_role("link", name="新城社区3号楼—5号楼").click()
    expect(page.locator("main")).to_contain_text("已作为隐患上报")
    page.get_by_role("button", name="认可", exact=True).click()
    expect(page.locator(".patrol-status")).to_contain_text("已认可")

    phone.goto(f"{live_server.url}/riders/mine/")
    expect(phone.locator(".points")).to_contain_text("我的积分：5")

    phone.goto(f"{live_server.url}/riders/publicity/")
    phone.get_by_label("宣传资料", exact=True).fill("反诈骗宣传单")
    phone.get_by_label("发放份数").fill("100000000000000000000000")
    phone.get_by_label("发放地点").fill("新城社区菜市场")
    phone.get_by_role("button", name="登记", exact=True).click()
    expect(phone.locator(".errorbox")).to_be_visible()
    assert not Publicity.objects.exists()
    phone.get_by_label("发放份数").fill("40")
    phone.get_by_role("button", name="登记", exact=True).click()
    expect(phone.locator("main")).to_contain_text("宣传资料发放份数：40")
    assert not scrolls_sideways(phone)
    shot(phone, "rider-publicity-390", full_page=True)


def test_with_a_tile_server_a_tap_on_the_map_sets_the_point_in_the_tiles_datum(phone_page, live_server, live_world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    # Tiles from this server (no network in tests): any image will do for the map to draw and take a tap.
    settings.QZ_MAP_TILE_URL = f"{live_server.url}/static/riders/vendor/leaflet/images/layers.png?z={{z}}&x={{x}}&y={{y}}"
    settings.QZ_MAP_ATTRIBUTION, settings.QZ_MAP_DATUM = "测试底图", "wgs84"
    import_world_areas()
    services.rider_enrol(actor=None, community=live_world.xincheng, name="马骏", phone="13912345678", duties=["road_clearer"],
                         joined_on="2025-03-01", user=live_world.rider)
    phone = phone_page

    login(phone, live_server, "rider", PASSWORD)
    phone.goto(f"{live_server.url}/riders/report/")
    expect(phone.locator("#map .leaflet-tile-loaded").first).to_be_visible()
    box = phone.locator("#map").bounding_box()
    assert box is not None
    phone.locator("#map").click(position={"x": box["width"] / 2 + 20, "y": box["height"] / 2 - 10})

    expect(phone.locator("#f-lat")).not_to_have_value("")
    expect(phone.locator("#f-datum")).to_have_value("wgs84")
    assert not scrolls_sideways(phone)
    shot(phone, "rider-report-map-390", full_page=True)
    phone.get_by_label("是什么隐患？").select_option(label="井盖破损缺失")
    phone.get_by_label("简单描述").fill("井盖松动")
    phone.get_by_role("button", name="提交上报").click()

    expect(phone.locator(".messages")).to_contain_text("已上报至新城社区")
    report = HazardReport.objects.get()
    assert report.datum == "wgs84" and abs(report.lat - 33.425) < 0.003 and abs(report.lng - 109.155) < 0.005
