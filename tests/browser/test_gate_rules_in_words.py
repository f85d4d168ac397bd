"""The county reviewer sets the gate's rules in words: percentages, units, and a week picker for meeting-free weeks."""

import pytest
from playwright.sync_api import expect

from qingzhuang.gate.models import RuleSetting
from qingzhuang.org.testing import PASSWORD
from tests.browser.support import login, scrolls_sideways, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_reviewer_sets_the_duplicate_thresholds_in_percent_and_picks_meeting_free_weeks(page, phone_page, live_server, live_world):
    login(page, live_server, "reviewer", PASSWORD)
    page.goto(f"{live_server.url}/gate/rules/")
    duplicates = page.get_by_role("row", name="重复发文（照抄照搬）")
    expect(duplicates).to_contain_text("警告阈值 50%")
    expect(duplicates).to_contain_text("拦截阈值 85%")
    shot(page, "gate-rules-zh-1366", full_page=True)

    duplicates.get_by_role("link", name="修改").click()
    page.get_by_label("警告阈值").fill("45")
    page.get_by_label("拦截阈值").fill("90")
    page.get_by_role("button", name="保存").click()
    expect(duplicates).to_contain_text("警告阈值 45%")
    assert RuleSetting.objects.get(rule="document.duplicates").params["warn_score"] == 0.45

    page.get_by_role("row", name="无会周").get_by_role("link", name="修改").click()
    page.locator('input[type="week"]').first.fill("2026-W50")
    shot(page, "gate-rule-free-weeks-zh-1366")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("row", name="无会周")).to_contain_text("2026年第50周（12月7日—12月13日）")
    assert RuleSetting.objects.get(rule="meeting.free_week").params == {"weeks": "2026-W50"}

    login(phone_page, live_server, "reviewer", PASSWORD)
    phone_page.goto(f"{live_server.url}/gate/rules/")
    shot(phone_page, "gate-rules-zh-390", full_page=True)
    assert not scrolls_sideways(phone_page)
