"""The necessity review as people meet it: a clerk drafts a copy of an issued document, the reviewer sees
the quota colour, the length, the near-duplicate with its overlap highlighted, and rejects it."""

import datetime as dt
import random
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from qingzhuang.documents import services
from qingzhuang.documents.models import Document, Status
from qingzhuang.gate.services import quota_set, quota_take
from qingzhuang.lib import doc_corpus
from qingzhuang.org.testing import PASSWORD
from tests.browser.support import login, logout, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_copied_draft_is_caught_at_review_and_rejected(page, live_server, live_world):
    w = live_world
    original = services.document_create(
        actor=None, issuer=w.office, title="关于做好安全生产大排查大整治工作的通知",
        text=doc_corpus.build(doc_corpus.base_recipe(77, level="county", length=2400)).text, recipients=[w.xincheng, w.changfa],
    )
    Document.objects.filter(pk=original.pk).update(status=Status.APPROVED, explanation="试点", explanation_status="accepted")
    services.document_issue(actor=None, document=Document.objects.get(pk=original.pk), issued_on=dt.date(2025, 4, 2))
    year = timezone.localdate().year
    quota_set(actor=None, unit=w.civil_affairs, year=year, kind="documents", limit=5)
    for unit in (w.xincheng, w.changfa, w.yongle, w.xikou):
        quota_take(actor=None, unit=w.civil_affairs, year=year, kind="documents", item=unit)  # four of five used: yellow
    copy = doc_corpus.reword(original.text, random.Random(3), 0.25)

    login(page, live_server, "clerk", PASSWORD)
    page.goto(f"{live_server.url}/documents/new/")
    page.get_by_label("标题", exact=True).fill("关于进一步做好安全生产大排查大整治工作的通知")
    page.get_by_label("正文", exact=True).fill(copy)
    page.get_by_label("新城社区", exact=True).check()
    page.get_by_label("长发村", exact=True).check()
    page.get_by_label("要求基层报送材料", exact=True).check()
    page.get_by_role("button", name="保存草稿").click()
    expect(page.get_by_text("草稿已保存")).to_be_visible()
    page.get_by_role("button", name="报送审核").click()
    expect(page.get_by_text("已报送发文必要性审核")).to_be_visible()
    draft = Document.objects.get(title="关于进一步做好安全生产大排查大整治工作的通知")
    assert draft.status == Status.SUBMITTED
    logout(page)

    login(page, live_server, "reviewer", PASSWORD)
    page.goto(f"{live_server.url}/documents/review/")
    page.get_by_role("link", name="进入发文审核").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(draft.title)
    quota = page.get_by_role("region", name="发文配额")
    expect(quota.get_by_text("黄灯")).to_be_visible()
    expect(quota).to_contain_text("已用4 / 上限5")
    expect(page.get_by_role("region", name="篇幅")).to_contain_text(f"{draft.chars:,} 字")
    expect(page.get_by_role("region", name="报送要求")).to_contain_text("要求基层报送材料")
    nearest = page.get_by_role("region", name="最相似的文件：已印发文件，以及本县正在审核的草稿")
    expect(nearest.get_by_role("row").filter(has_text=original.title)).to_contain_text(re.compile(r"\d+%"))
    expect(page.get_by_text("照抄《关于做好安全生产大排查大整治工作的通知》")).to_be_visible()
    assert page.get_by_role("article", name="本稿").locator("mark").count() > 0
    assert page.get_by_role("article", name="已发文件").locator("mark").count() > 0
    page.get_by_role("article", name="本稿").locator("mark").first.scroll_into_view_if_needed()
    page.evaluate("window.scrollTo(0, 0)")
    shot(page, "documents-review-zh-1366")
    shot(page, "documents-review-zh-full", full_page=True)

    page.get_by_label("不予发文的理由").fill("与县委办2025年已发文件内容重复，属照抄照搬，不予发文。")
    page.get_by_role("button", name="不予发文").click()
    expect(page.get_by_text("不予发文：该文件不再印发")).to_be_visible()
    draft.refresh_from_db()
    assert draft.status == Status.REJECTED
    assert draft.events.get(action="reject").reason.startswith("与县委办")
