"""The community's voice in the browser: the secretary signs for a document and reports it; the county office
answers; the secretary sees the answer."""

import pytest
from playwright.sync_api import expect

from qingzhuang.feedback.models import Receipt, Report, ReportStatus
from qingzhuang.feedback.testing import issued_document
from qingzhuang.org.testing import PASSWORD
from tests.browser.support import login, logout, scrolls_sideways, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "关于报送社区养老服务台账的通知"


def test_the_secretary_signs_for_and_reports_a_document_and_reads_the_county_offices_answer(page, phone_page, live_server, live_world):
    issued_document(live_world, title=TITLE)
    login(page, live_server, "secretary", PASSWORD)

    page.get_by_role("link", name="新城社区：待签收事项").click()
    item = page.locator("li.feedback-item").filter(has_text=TITLE)
    shot(page, "feedback-received-zh-1366", full_page=True)
    item.get_by_role("button", name="签收").click()
    expect(page.locator(".messages")).to_contain_text("已签收")
    expect(page.locator("li.feedback-item").filter(has_text=TITLE)).to_contain_text("已签收")
    assert Receipt.objects.filter(unit=live_world.xincheng).count() == 1

    page.locator("li.feedback-item").filter(has_text=TITLE).get_by_role("link", name="反映问题").click()
    page.get_by_label("要求留痕（照片、签到表、笔记等）").check()
    page.get_by_label("说明问题所在，以及怎样改进会有帮助").fill("通知要求附活动照片和签到表，属于留痕要求，且三天时限过短。")
    shot(page, "feedback-report-zh-1366")
    page.get_by_role("button", name="提交县委（政府）办").click()
    expect(page.locator("li.feedback-item").filter(has_text=TITLE)).to_contain_text("待县委（政府）办答复")
    logout(page)

    login(page, live_server, "reviewer", PASSWORD)
    page.get_by_role("link", name="待答复的基层反映问题").click()
    page.get_by_role("link", name=TITLE).click()
    page.get_by_label("答复").fill("已责成县民政局取消照片和签到表要求，时限延长至十个工作日。")
    page.get_by_role("button", name="采纳", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("已答复")
    assert Report.objects.get().status == ReportStatus.ACCEPTED
    logout(page)

    login(page, live_server, "secretary", PASSWORD)
    page.goto(f"{live_server.url}/feedback/")
    answered = page.locator("li.feedback-item").filter(has_text=TITLE)
    expect(answered).to_contain_text("已采纳")
    expect(answered).to_contain_text("已责成县民政局取消照片和签到表要求")
    shot(page, "feedback-answered-zh-1366", full_page=True)

    login(phone_page, live_server, "secretary", PASSWORD)
    phone_page.goto(f"{live_server.url}/feedback/")
    assert not scrolls_sideways(phone_page)
    shot(phone_page, "feedback-answered-zh-390", full_page=True)
