"""Submitting: a block the drafter can fix (too long) refuses the submission with the form kept and nothing
written; a submission blocked by something the county office settles is accepted but never greeted with a
green success banner: it says it is blocked and what happens next."""

import pytest

from qingzhuang.audit.models import Event
from qingzhuang.documents import services
from qingzhuang.documents.models import Document, DocumentEvent, Status
from qingzhuang.gate.errors import GateError
from qingzhuang.gate.models import GateCheck

pytestmark = pytest.mark.django_db


def state(doc):
    doc.refresh_from_db()
    return (doc.status, doc.text, DocumentEvent.objects.filter(document=doc).count(), GateCheck.objects.count(), Event.objects.count())


def test_the_service_refuses_a_too_long_draft_saying_how_much_to_cut_and_changes_nothing(world, draft):
    doc = draft(text="字" * 5320)
    before = state(doc)
    with pytest.raises(GateError) as err:
        services.document_submit(actor=world.clerk, document=doc)
    assert err.value.code == "fix_before_submit"
    assert err.value.message == "未报送：正文 5,320 字，超过上限 5,000 字 320 字，请精简至 5,000 字以内。"
    assert state(doc) == before


def test_a_shortened_draft_is_submitted(world, draft):
    doc = draft(text="字" * 5320)
    services.document_update(actor=world.clerk, document=doc, text="字" * 4990)
    services.document_submit(actor=world.clerk, document=doc)
    doc.refresh_from_db()
    assert doc.status == Status.SUBMITTED


def test_save_and_submit_of_a_too_long_new_draft_keeps_the_form_and_writes_nothing(world, client_for):
    client = client_for(world.clerk)
    documents, events = Document.objects.count(), Event.objects.count()
    response = client.post("/documents/new/", {
        "issuer": world.civil_affairs.pk, "title": "关于开展冬季送温暖活动的通知", "text": "字" * 5320 + "结尾一句",
        "recipients": [world.xincheng.pk], "then": "submit",
    })
    page = response.content.decode()
    assert response.status_code == 400
    assert "未报送：正文 5,324 字" in page and "关于开展冬季送温暖活动的通知" in page and "结尾一句" in page
    assert "doc-summary-block" in page and "msg-success" not in page
    assert (Document.objects.count(), Event.objects.count()) == (documents, events)


def test_the_detail_pages_submit_button_refuses_a_too_long_draft_with_the_reason(world, client_for, draft):
    doc = draft(text="字" * 5320)
    client = client_for(world.clerk)
    response = client.post(f"/documents/{doc.pk}/submit/", follow=True)
    page = response.content.decode()
    assert "msg-error" in page and "请精简至 5,000 字以内" in page and "msg-success" not in page
    doc.refresh_from_db()
    assert doc.status == Status.DRAFT


def test_a_submission_blocked_by_only_reduce_says_blocked_and_what_to_do_never_success(world, client_for, draft):
    doc = draft(text="字" * 2000)  # 民政局 issued nothing last year: only-reduce blocks until an explanation is accepted
    response = client_for(world.clerk).post(f"/documents/{doc.pk}/submit/", follow=True)
    page = response.content.decode()
    doc.refresh_from_db()
    assert doc.status == Status.SUBMITTED
    assert "msg-success" not in page and "msg-warning" in page
    assert "已报送发文必要性审核，但有拦截项" in page and "请在文件页面填写书面说明" in page
    assert "有拦截项：标红的问题解决前不能印发。" in page


def test_save_and_submit_of_a_fine_draft_is_a_success(world, client_for, issued):
    issued(issuer=world.civil_affairs, seed=1)  # one document last year: this year's first needs no explanation
    client = client_for(world.clerk)
    response = client.post("/documents/new/", {
        "issuer": world.civil_affairs.pk, "title": "关于做好社区养老服务的通知", "text": "请各社区做好养老服务工作。" * 50,
        "recipients": [world.xincheng.pk], "then": "submit", "dated": "2026-03-02",
    }, follow=True)
    page = response.content.decode()
    doc = Document.objects.get(title="关于做好社区养老服务的通知")
    assert doc.status == Status.SUBMITTED and "msg-success" in page and "已报送发文必要性审核" in page
