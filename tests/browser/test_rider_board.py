"""The county office on a laptop sets the department answerable for a hazard category, and reads the riders' section
of the county board (riders enrolled, copies handed out, patrols, hazards and the median time to fix, one row per
community); the same board on a 390 px phone does not scroll sideways."""

import pytest
from playwright.sync_api import expect

from qingzhuang.org.testing import PASSWORD
from qingzhuang.riders import services
from qingzhuang.riders.models import HazardCategory
from qingzhuang.riders.testing import import_world_areas
from tests.browser.support import login, scrolls_sideways, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_county_sets_a_categorys_department_and_reads_the_riders_on_its_board(page, phone_page, live_server, live_world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    import_world_areas()
    services.rider_enrol(actor=None, community=live_world.xincheng, name="马骏", phone="13912345678", duties=["road_clearer"],
                         joined_on="2025-03-01", user=live_world.rider)
    services.publicity_record(actor=live_world.rider, material="反诈骗宣传单", count=60, place="菜市场", day="2026-03-02")
    services.patrol_record(actor=live_world.rider, area="沿街商铺", started_at="2026-04-01T19:00", ended_at="2026-04-01T20:00")

    login(page, live_server, "reviewer", PASSWORD)
    page.goto(f"{live_server.url}/riders/categories/")
    page.get_by_label("“井盖破损缺失”的责任部门").select_option(label="镇安县民政局")
    page.get_by_role("row", name="井盖破损缺失").get_by_role("button", name="保存").click()
    expect(page.locator(".messages")).to_contain_text("已记录")
    assert HazardCategory.objects.get(name="井盖破损缺失", county=live_world.zhenan).department == live_world.civil_affairs
    shot(page, "rider-categories-1366", full_page=True)

    page.goto(f"{live_server.url}/ledger/?unit={live_world.office.pk}&p=2026")
    section = page.locator("#riders-board")
    expect(section).to_contain_text("2026年骑手和志愿者")
    expect(section).to_contain_text("新城社区")
    expect(section).to_contain_text("60")
    section.screenshot(path="var/screenshots/rider-board-1366.png")

    login(phone_page, live_server, "reviewer", PASSWORD)
    phone_page.goto(f"{live_server.url}/ledger/?unit={live_world.office.pk}&p=2026")
    expect(phone_page.locator("#riders-board")).to_contain_text("宣传资料发放份数")
    assert not scrolls_sideways(phone_page)
    phone_page.locator("#riders-board").screenshot(path="var/screenshots/rider-board-390.png")
