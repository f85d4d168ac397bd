"""Liaison visits (走访) in the browser (1366 and 390 px): a department cadre logs a visit to a paired community with a
finding from a phone, turns the finding into a case with a photo in one step; the community sees the visit, the finding
and the case, and the case's timeline says who raised it for the community; the case page shows the photo."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from qingzhuang.cases.models import Case, Source
from qingzhuang.lib.tests import photo_files
from qingzhuang.org.testing import PASSWORD
from qingzhuang.pairing.services import pairing_file
from qingzhuang.visits.models import Visit
from tests.browser.support import login, logout, scrolls_sideways, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
FINDING = "党群服务中心面积不足，居民活动挤在走廊。"


def test_a_cadre_logs_a_visit_with_a_finding_turns_it_into_a_case_and_the_community_sees_it(page, phone_page, live_server, live_world,
                                                                                            settings, tmp_path):
    settings.QZ_TODAY = "2026-11-27"
    settings.MEDIA_ROOT = tmp_path
    pairing_file(actor=None, department=live_world.civil_affairs, community=live_world.xincheng, leader="王局长", cadres="李四",
                 valid_from=dt.date(2026, 1, 1))
    photo = tmp_path / "corridor.jpg"
    photo.write_bytes(photo_files.jpeg_with_gps(size=(400, 300)).read())

    # The cadre, on a phone, logs the visit from the menu's page.
    login(phone_page, live_server, "clerk", PASSWORD)
    phone_page.goto(f"{live_server.url}/visits/liaison/")
    phone_page.get_by_label("走访的社区").select_option(label="新城社区（永乐街道办事处）")
    phone_page.get_by_label("带队人").fill("李四")
    phone_page.get_by_label("人数").fill("2")
    phone_page.get_by_label("走访内容").fill("了解社区服务阵地情况")
    phone_page.get_by_label("发现的问题（可不填，之后还可补充）").fill(FINDING)
    phone_page.get_by_label("问题类别").select_option(label="服务阵地与场所")
    assert not scrolls_sideways(phone_page)
    shot(phone_page, "liaison-log-zh-390", full_page=True)
    phone_page.get_by_role("button", name="登记走访").click()
    expect(phone_page.locator(".messages")).to_contain_text("已登记：新城社区")
    expect(phone_page.locator("#findings")).to_contain_text(FINDING)

    # One step: the finding becomes a case, with a photo.
    phone_page.get_by_text("转为诉求（吹哨）").click()
    phone_page.get_by_label("标题").fill("党群服务中心面积不足")
    phone_page.get_by_label("超出社区能力（办不了）").check()
    phone_page.locator("#findings input[type=file]").set_input_files(str(photo))
    assert not scrolls_sideways(phone_page)
    shot(phone_page, "liaison-finding-raise-zh-390", full_page=True)
    phone_page.get_by_role("button", name="转为诉求").click()
    expect(phone_page.locator(".messages")).to_contain_text("已代新城社区吹哨")
    case = Case.objects.get()
    assert (case.source, case.community, case.photos.count()) == (Source.VISIT, live_world.xincheng, 1)
    expect(phone_page.locator(".case-photos img")).to_have_count(1)
    assert not scrolls_sideways(phone_page)
    shot(phone_page, "liaison-case-zh-390", full_page=True)
    logout(phone_page)

    # The community sees who came, what they found and the case; the timeline names who raised it for it.
    login(page, live_server, "secretary", PASSWORD)
    page.goto(f"{live_server.url}/visits/liaison/")
    visit_row = page.locator("li.liaison-visit").first
    expect(visit_row).to_contain_text("镇安县民政局")
    expect(visit_row).to_contain_text(FINDING)
    expect(visit_row.locator("a.finding-case")).to_contain_text(f"诉求{case.pk}号")
    shot(page, "liaison-community-zh-1366", full_page=True)
    visit_row.locator("a.finding-case").click()
    expect(page.locator("ol.timeline")).to_contain_text("代新城社区")
    expect(page.locator("ol.timeline")).to_contain_text("镇安县民政局")
    expect(page.locator(".case-photos img")).to_have_count(1)
    # The thumbnail is served to the community (lazy-loaded: scrolled into view, then waited for, not read at once).
    page.locator(".case-photos img").scroll_into_view_if_needed()
    page.wait_for_function("() => { const img = document.querySelector('.case-photos img'); return img.complete && img.naturalWidth > 0; }",
                           timeout=30_000)
    shot(page, "liaison-case-timeline-zh-1366", full_page=True)
    login(phone_page, live_server, "secretary", PASSWORD)
    phone_page.goto(f"{live_server.url}/visits/liaison/")
    assert not scrolls_sideways(phone_page)
    shot(phone_page, "liaison-community-zh-390", full_page=True)
    assert Visit.objects.get().status == "done"
