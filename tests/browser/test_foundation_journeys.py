"""The foundation as a person meets it in the browser: signing in, language, finding units, scope, lockout, phones."""

import re

import pytest
from playwright.sync_api import expect

from qingzhuang.org.models import User
from qingzhuang.org.testing import PASSWORD
from tests.browser.support import login, logout, scrolls_sideways, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BREADCRUMB = re.compile(r"^\s*陕西省\s*›\s*商洛市\s*›\s*镇安县\s*›\s*镇安县委办公室\s*$")


def test_the_county_reviewer_signs_in_and_sees_the_home_page_in_chinese(page, live_server, live_world):
    login(page, live_server, "reviewer", PASSWORD)

    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
    expect(page.get_by_role("heading", level=1)).to_have_text("您好，reviewer姓名")
    lead = page.get_by_role("paragraph").filter(has_text="县委（政府）办审核员")
    expect(lead).to_contain_text("镇安县委办公室")
    expect(lead).to_contain_text("及下级单位")
    expect(page.get_by_role("navigation", name="本单位所在位置")).to_have_text(BREADCRUMB)
    expect(page.get_by_role("button", name="退出")).to_be_visible()
    shot(page, "home-zh-1366")


def test_the_reviewer_switches_to_english_and_the_choice_follows_them_to_their_next_sign_in(
    page, open_page, live_server, live_world
):
    login(page, live_server, "reviewer", PASSWORD)

    page.get_by_role("button", name="English").click()

    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, reviewer姓名")
    expect(page.get_by_text("County office reviewer").first).to_be_visible()
    assert User.objects.get(username="reviewer").language == "en"

    logout(page)
    login(page, live_server, "reviewer", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, reviewer姓名")

    # Another browser, with none of the first one's cookies: the choice is the user's, not the browser's.
    elsewhere = open_page()
    login(elsewhere, live_server, "reviewer", PASSWORD)
    expect(elsewhere.get_by_role("heading", level=1)).to_have_text("Hello, reviewer姓名")

    elsewhere.get_by_role("button", name="中文").click()

    expect(elsewhere.locator("html")).to_have_attribute("lang", "zh-CN")
    expect(elsewhere.get_by_role("heading", level=1)).to_have_text("您好，reviewer姓名")
    assert User.objects.get(username="reviewer").language == "zh-hans"


def test_the_units_page_finds_zhenan_and_changfa_by_pinyin_as_the_reviewer_types(page, live_server, live_world):
    login(page, live_server, "reviewer", PASSWORD)
    page.goto(f"{live_server.url}/org/")
    page.evaluate("window.loadedOnce = true")  # a full page load would forget this
    search = page.get_by_role("searchbox", name="搜索")
    results = page.locator("#search-results")

    for typed, found in [("zhenan", "镇安县"), ("zax", "镇安县"), ("changfa", "长发村")]:
        search.clear()
        search.press_sequentially(typed, delay=40)  # key by key, as a person types; htmx waits for a pause
        expect(results.get_by_role("heading", name=f"“{typed}”的搜索结果")).to_be_visible()
        expect(results.get_by_role("link", name=found, exact=True).first).to_be_visible()

    expect(page).to_have_url(re.compile(r"/org/\?q=changfa$"))
    assert page.evaluate("window.loadedOnce") is True, "the search reloaded the page instead of updating it"

    # 长发村 is both a region (the village) and a unit (its committee); units are listed after regions.
    expect(results.get_by_role("heading", name="单位")).to_be_visible()
    results.get_by_role("link", name="长发村", exact=True).last.click()
    expect(page).to_have_url(re.compile(rf"/org/units/{live_world.changfa.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("长发村")


def test_another_countys_reviewer_is_refused_changfa_and_cannot_find_it(page, live_server, live_world, browser_errors):
    browser_errors.allow(r"status of 403")  # the refusal page itself is served with 403 Forbidden
    login(page, live_server, "outsider", PASSWORD)

    response = page.goto(f"{live_server.url}/org/units/{live_world.changfa.pk}/")

    assert response is not None and response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("无权访问")
    expect(page.get_by_role("alert")).to_contain_text("超出")
    body = page.locator("body").inner_text()
    for secret in ("长发村", "西口回族镇", "611025106205", "3046", "8895"):
        assert secret not in body

    page.goto(f"{live_server.url}/org/")
    page.get_by_role("searchbox", name="搜索").fill("changfa")
    results = page.locator("#search-results")
    expect(results).to_contain_text("在您的权限范围内未找到。")
    expect(results.get_by_role("link")).to_have_count(0)


def test_five_wrong_passwords_lock_the_account_and_then_the_right_one_is_refused_too(
    page, live_server, live_world, browser_errors
):
    browser_errors.allow(r"status of 4(03|29)")  # the lockout page is served with an error status

    for _ in range(4):
        login(page, live_server, "reviewer", "wrong-password-1")
        expect(page.get_by_role("alert")).to_contain_text("请输入一个正确的用户名和密码")
    login(page, live_server, "reviewer", "wrong-password-1")

    expect(page.get_by_role("heading", level=1)).to_have_text("登录失败次数过多")
    expect(page.get_by_role("alert")).to_contain_text("锁定")

    login(page, live_server, "reviewer", PASSWORD)

    expect(page.get_by_role("heading", level=1)).to_have_text("登录失败次数过多")
    expect(page.get_by_role("button", name="退出")).to_have_count(0)
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))


def test_the_pages_fit_a_phone_screen_without_sideways_scrolling(phone_page, live_server, live_world):
    page = phone_page
    page.goto(f"{live_server.url}/accounts/login/")
    assert not scrolls_sideways(page), "login page"

    login(page, live_server, "reviewer", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("您好，reviewer姓名")
    assert not scrolls_sideways(page), "home page"
    shot(page, "home-zh-phone")
    shot(page, "home-zh-phone-full", full_page=True)

    for path in ("/org/", f"/org/units/{live_world.changfa.pk}/", f"/org/regions/{live_world.zhenan.pk}/"):
        page.goto(f"{live_server.url}{path}")
        assert not scrolls_sideways(page), path
