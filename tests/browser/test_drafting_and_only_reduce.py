"""Drafting as a department clerk meets it, on a laptop and on a phone: a too-long draft shows its live 字
count and the red block while typing, is refused when submitted, is shortened and submitted; its 只减不增
explanation is returned by the county office, filed again, accepted, and the document is issued with the
verdicts at issue on its page."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from qingzhuang.documents import services
from qingzhuang.documents.models import Document, Status
from qingzhuang.gate.services import quota_set
from qingzhuang.lib import doc_corpus
from qingzhuang.org.testing import PASSWORD
from tests.browser.support import DESKTOP, PHONE, login, scrolls_sideways, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "关于做好2026年冬季社区困难群众走访慰问工作的通知"


def prose(length: int) -> str:
    return doc_corpus.build(doc_corpus.base_recipe(4711, level="county", length=length)).text


@pytest.mark.parametrize("size", ["1366", "390"])
def test_a_too_long_draft_is_shortened_submitted_explained_and_issued(open_page, live_server, live_world, browser_errors, size):
    w = live_world
    browser_errors.allow(r"status of 400 \(Bad Request\).*/documents/\d+/edit/")  # the refused submission, on purpose
    quota_set(actor=None, unit=w.civil_affairs, year=timezone.localdate().year, kind="documents", limit=10)
    doc = services.document_create(actor=None, issuer=w.civil_affairs, title=TITLE, text="", recipients=[w.xincheng, w.changfa])
    screen = DESKTOP if size == "1366" else PHONE
    clerk, reviewer = open_page(**screen), open_page(**screen)
    login(clerk, live_server, "clerk", PASSWORD)
    login(reviewer, live_server, "reviewer", PASSWORD)

    # Typing a too-long text: about a second later the count and the red block appear, nothing is saved.
    clerk.goto(f"{live_server.url}/documents/{doc.pk}/edit/")
    too_long = prose(6000)
    clerk.get_by_label("正文", exact=True).fill(too_long)
    check = clerk.get_by_role("region", name="报送前检查")
    expect(check).to_contain_text(re.compile(r"超出 [\d,]+ 字"))
    expect(check).to_contain_text("已拦截：本稿暂不能报送")
    expect(check.locator(".doc-verdict-block").filter(has_text="篇幅")).to_contain_text("超出5000字限制")
    assert not scrolls_sideways(clerk)
    check.scroll_into_view_if_needed()
    shot(clerk, f"drafting-too-long-{size}")
    assert Document.objects.get(pk=doc.pk).text == ""

    clerk.get_by_role("button", name="保存并报送审核").click()
    expect(clerk.get_by_role("alert")).to_contain_text("未报送：正文")
    expect(clerk.get_by_label("正文", exact=True)).to_have_value(too_long)
    assert Document.objects.get(pk=doc.pk).status == Status.DRAFT

    # Shortened: the block goes; only-reduce remains (民政局 issued nothing last year), settled by the county office.
    clerk.get_by_label("正文", exact=True).fill(prose(3000))
    expect(check).not_to_contain_text("超出")
    expect(check).to_contain_text("有拦截项：可以报送审核")
    clerk.get_by_role("button", name="保存并报送审核").click()
    expect(clerk.locator(".messages")).to_contain_text("已报送发文必要性审核，但有拦截项")
    expect(clerk.locator(".msg-success")).to_have_count(0)
    assert Document.objects.get(pk=doc.pk).status == Status.SUBMITTED

    # The clerk files the 只减不增 explanation; the county office returns it with a reason.
    clerk.get_by_text("提交说明（只减不增）").click()
    clerk.get_by_label("本单位为什么需要比去年多发文？").fill("工作需要。")
    clerk.get_by_role("button", name="提交说明", exact=True).click()
    expect(clerk.locator(".messages")).to_contain_text("说明已提交")

    reviewer.goto(f"{live_server.url}/documents/review/")
    reviewer.get_by_role("region", name="待审核的“只减不增”说明").get_by_role("link", name="审核说明").click()
    explanation = reviewer.get_by_role("region", name="“只减不增”书面说明")
    expect(explanation).to_contain_text("工作需要。")
    expect(explanation).to_contain_text("待县委办审核")
    explanation.scroll_into_view_if_needed()
    shot(reviewer, f"drafting-review-explanation-{size}")
    explanation.get_by_label("需补充或修改的内容（起草人可见）").fill("请写明今年新增的走访慰问任务及其依据。")
    explanation.get_by_role("button", name="退回说明").click()
    expect(reviewer.locator(".messages")).to_contain_text("已将说明连同您的意见退回起草单位")

    clerk.reload()
    expect(clerk.get_by_text("县委办已退回", exact=True)).to_be_visible()
    expect(clerk.get_by_text("请写明今年新增的走访慰问任务及其依据。").first).to_be_visible()
    clerk.get_by_text("提交说明（只减不增）").click()
    clerk.get_by_label("本单位为什么需要比去年多发文？").fill("依据省民政厅2026年冬季救助部署，新增走访慰问低保、特困家庭任务，无法并入已有文件。")
    clerk.get_by_role("button", name="提交说明", exact=True).click()

    # The reviewer approves the document and accepts the explanation; the clerk issues it.
    reviewer.goto(f"{live_server.url}/documents/{doc.pk}/review/")
    reviewer.get_by_role("button", name="同意发文").click()
    expect(reviewer.locator(".messages")).to_contain_text("已同意")
    reviewer.goto(f"{live_server.url}/documents/{doc.pk}/review/#explanation")
    explanation.get_by_role("button", name="通过", exact=True).click()
    expect(reviewer.locator(".messages")).to_contain_text("已通过说明")

    clerk.reload()
    clerk.get_by_role("button", name="印发", exact=True).click()
    expect(clerk.locator(".messages")).to_contain_text("已印发")
    expect(clerk.get_by_role("heading", name="印发时的闸门结论")).to_be_visible()
    expect(clerk.get_by_text(re.compile("县委办已通过书面说明：依据省民政厅"))).to_be_visible()
    expect(clerk.locator(".doc-verdict-block")).to_have_count(0)
    assert Document.objects.get(pk=doc.pk).status == Status.ISSUED
    assert not scrolls_sideways(clerk)
    shot(clerk, f"drafting-issued-{size}", full_page=True)
