"""The main menu: the gate's, documents' and meetings' entries under one group that opens and closes."""

import pytest
from playwright.sync_api import expect

from qingzhuang.org.testing import PASSWORD
from tests.browser.support import login, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_reviewer_opens_the_burden_gate_group_and_the_page_is_marked_in_the_menu(page, live_server, live_world):
    login(page, live_server, "reviewer", PASSWORD)
    menu = page.get_by_role("navigation", name="主菜单")
    group = menu.locator("details.navgroup").filter(has_text="减负把关")

    expect(menu.get_by_role("link", name="红黄预警看板")).to_be_hidden()
    group.locator("summary").click()
    for name in ("红黄预警看板", "配额管理", "把关规则", "发文", "发文审核", "发文计划", "会议"):
        expect(group.get_by_role("link", name=name, exact=True)).to_be_visible()
    shot(page, "menu-open-zh-1366")
    page.keyboard.press("Escape")
    expect(group.get_by_role("link", name="会议", exact=True)).to_be_hidden()

    group.locator("summary").click()
    group.get_by_role("link", name="发文审核", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("审核")
    group = page.get_by_role("navigation", name="主菜单").locator("details.navgroup").filter(has_text="减负把关")
    expect(group).to_have_class("navgroup active")
    expect(group.locator('a[aria-current="page"]')).to_have_text("发文审核")
    # One line of menu at 1366 px: the top bar is no taller than the brand row.
    assert page.locator("header.topbar").bounding_box()["height"] < 70


def test_a_secretary_sees_in_the_group_only_what_she_may_open(page, live_server, live_world):
    login(page, live_server, "secretary", PASSWORD)
    menu = page.get_by_role("navigation", name="主菜单")
    group = menu.locator("details.navgroup").filter(has_text="减负把关")

    group.locator("summary").click()
    names = [a.text_content() for a in group.locator("a").all()]
    assert "配额管理" not in names and "把关规则" not in names and "发文审核" not in names
    assert names, "the secretary reads documents and meetings sent to her community"
    expect(menu.get_by_role("link", name="本单位负担")).to_be_visible()
    shot(page, "menu-secretary-zh-1366")


def test_on_a_phone_the_open_group_lists_its_entries_in_the_scrolling_row(phone_page, live_server, live_world):
    page = phone_page
    login(page, live_server, "reviewer", PASSWORD)
    menu = page.get_by_role("navigation", name="主菜单")
    group = menu.locator("details.navgroup").filter(has_text="减负把关")

    group.locator("summary").click()
    link = group.get_by_role("link", name="红黄预警看板")
    link.scroll_into_view_if_needed()
    expect(link).to_be_visible()
    assert link.bounding_box()["y"] < page.locator("header.topbar").bounding_box()["height"]  # inside the bar, not over the page
    shot(page, "menu-open-zh-phone-390")
