"""A burden report that needs a department, in the browser (1366 and 390 px): the secretary opens her report, raises it
as a case with the report's words prefilled; the report then shows the case and its state, which follows the case."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from qingzhuang.cases.models import Case, Source
from qingzhuang.cases.services import case_accept
from qingzhuang.feedback.models import ItemType
from qingzhuang.feedback.services import report_create
from qingzhuang.feedback.testing import issued_document
from qingzhuang.org.testing import PASSWORD
from qingzhuang.pairing.services import pairing_file
from tests.browser.support import login, scrolls_sideways, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TITLE = "关于报送社区养老服务台账的通知"


def test_the_secretary_raises_her_burden_report_as_a_case_and_sees_its_state(page, phone_page, live_server, live_world, browser_errors):
    browser_errors.allow(r"status of 400 \(Bad Request\).*/feedback/reports/")  # raised without a category first, on purpose
    pairing_file(actor=None, department=live_world.civil_affairs, community=live_world.xincheng, leader="王局长", cadres="李四",
                 valid_from=dt.date(2026, 1, 1))
    doc = issued_document(live_world, title=TITLE)
    report_create(actor=live_world.secretary, unit=live_world.xincheng, item_type=ItemType.DOCUMENT, item_id=doc.pk, kind="duplicate",
                  text="同一台账已在养老系统填报过，又要求纸质报送；需民政局打通系统数据。")

    login(page, live_server, "secretary", PASSWORD)
    page.goto(f"{live_server.url}/feedback/")
    page.get_by_role("link", name="查看反映（可转为诉求）").click()
    page.get_by_text("需要部门来解决？转为诉求（吹哨）").click()
    expect(page.get_by_label("需要部门做什么")).to_have_value("同一台账已在养老系统填报过，又要求纸质报送；需民政局打通系统数据。")
    page.get_by_role("button", name="转为诉求").click()
    expect(page.locator(".errorbox")).to_contain_text("类别")
    assert Case.objects.count() == 0
    page.get_by_label("类别").select_option(label="民生服务")
    page.get_by_label("超出社区权限（不能办）").check()
    shot(page, "feedback-report-to-case-zh-1366", full_page=True)
    page.get_by_role("button", name="转为诉求").click()
    expect(page.locator(".messages")).to_contain_text("已转为诉求")
    expect(page.locator(".feedback-case")).to_contain_text("待部门受理")
    case = Case.objects.get()
    assert case.source == Source.BURDEN_REPORT

    case_accept(actor=live_world.clerk, case=case)
    login(phone_page, live_server, "secretary", PASSWORD)
    phone_page.goto(f"{live_server.url}/feedback/")
    expect(phone_page.locator("li.feedback-item").filter(has_text=TITLE)).to_contain_text("已受理")
    phone_page.get_by_role("link", name="查看反映及其诉求").click()
    expect(phone_page.locator(".feedback-case")).to_contain_text("镇安县民政局")
    assert not scrolls_sideways(phone_page)
    shot(phone_page, "feedback-report-case-zh-390", full_page=True)
