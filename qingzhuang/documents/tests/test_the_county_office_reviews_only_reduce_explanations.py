"""只减不增: the clerk's written explanation is reviewed by the county office, accepted or returned with a
reason (audited, the other side notified after commit); the document cannot be issued while its explanation
is pending or returned — by the service, the page and the API alike."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from qingzhuang.accounts.services import api_token_create
from qingzhuang.audit.models import Event
from qingzhuang.documents import services
from qingzhuang.documents.models import Document, DocumentEvent, Status
from qingzhuang.documents.tests.conftest import corpus_text
from qingzhuang.gate.errors import GateError
from qingzhuang.gate.models import Notice, QuotaUse
from qingzhuang.gate.services import notice_text
from qingzhuang.lib.errors import DomainError

pytestmark = pytest.mark.django_db


@pytest.fixture
def exceeding(world, draft):
    """An approved 民政局 document that would be its first this year against none last year: it needs an explanation."""
    doc = draft(text=corpus_text(700, 1500))
    Document.objects.filter(pk=doc.pk).update(status=Status.APPROVED)
    doc.refresh_from_db()
    return doc


def state(doc):
    doc.refresh_from_db()
    return (doc.status, doc.explanation, doc.explanation_status, doc.explanation_reply, DocumentEvent.objects.filter(document=doc).count(),
            Event.objects.count(), QuotaUse.objects.count(), Notice.objects.count())


def issue(world, doc):
    return services.document_issue(actor=world.clerk, document=doc, issued_on=dt.date(2026, 3, 1))


def test_a_filed_explanation_waits_for_the_county_office_and_blocks_issue(world, exceeding, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.document_explain(actor=world.clerk, document=exceeding, explanation="承接省级下放的养老服务补贴事项")
    exceeding.refresh_from_db()
    assert exceeding.explanation_status == "pending" and len(callbacks) == 1
    notice = Notice.objects.get(unit=world.office)
    assert "提交了“只减不增”说明" in notice_text(notice)
    assert Event.objects.filter(model="documents.document", object_id=str(exceeding.pk), changes__has_key="explanation_status").exists()

    before = state(exceeding)
    with pytest.raises(GateError) as err:
        issue(world, exceeding)
    assert err.value.code == "explanation_pending" and "等待县委办审核" in err.value.message
    assert state(exceeding) == before


def test_a_returned_explanation_blocks_issue_until_filed_again_and_accepted(world, exceeding, django_capture_on_commit_callbacks):
    services.document_explain(actor=world.clerk, document=exceeding, explanation="工作需要")
    with django_capture_on_commit_callbacks(execute=True):
        services.document_explanation_return(actor=world.reviewer, document=exceeding, reason="请说明为何不能与已有文件合并")
    exceeding.refresh_from_db()
    assert (exceeding.explanation_status, exceeding.explanation_reply) == ("returned", "请说明为何不能与已有文件合并")
    event = exceeding.events.get(action="explanation_return")
    assert event.by == world.reviewer and event.reason == "请说明为何不能与已有文件合并"
    assert Event.objects.filter(model="documents.document", object_id=str(exceeding.pk), reason="请说明为何不能与已有文件合并").exists()
    assert Notice.objects.filter(unit=world.civil_affairs, params__reply="请说明为何不能与已有文件合并").exists()

    before = state(exceeding)
    with pytest.raises(GateError) as err:
        issue(world, exceeding)
    assert err.value.code == "explanation_returned" and "请说明为何不能与已有文件合并" in err.value.message
    assert state(exceeding) == before

    services.document_explain(actor=world.clerk, document=exceeding, explanation="省级下放事项，无法与已有文件合并")
    services.document_explanation_accept(actor=world.reviewer, document=exceeding)
    issue(world, exceeding)
    exceeding.refresh_from_db()
    assert exceeding.status == Status.ISSUED
    assert [e.action for e in exceeding.events.all()] == ["create", "explain", "explanation_return", "explain", "explanation_accept", "issue"]


def test_only_the_county_office_decides_and_a_refused_decision_changes_nothing(world, exceeding):
    services.document_explain(actor=world.clerk, document=exceeding, explanation="工作需要")
    before = state(exceeding)
    for user in (world.clerk, world.leader, world.outsider, world.secretary):
        with pytest.raises(PermissionDenied):
            services.document_explanation_accept(actor=user, document=exceeding)
        with pytest.raises(PermissionDenied):
            services.document_explanation_return(actor=user, document=exceeding, reason="越权")
    for reason in ("", "\u3000\u200b", "理由\x00"):
        with pytest.raises(DomainError):
            services.document_explanation_return(actor=world.reviewer, document=exceeding, reason=reason)
    with pytest.raises(DomainError):
        services.document_explanation_return(actor=world.reviewer, document=exceeding, reason="理" * 20_001)
    assert state(exceeding) == before
    services.document_explanation_accept(actor=world.reviewer, document=exceeding)
    after = state(exceeding)
    with pytest.raises(DomainError) as err:
        services.document_explanation_accept(actor=world.reviewer, document=exceeding)
    assert err.value.code == "explanation_not_pending" and state(exceeding) == after


def test_the_explanation_cannot_slip_in_through_an_edit(world, draft):
    doc = draft()
    with pytest.raises(TypeError):
        services.document_update(actor=world.clerk, document=doc, explanation="绕过审核")


def test_the_reviewer_returns_and_accepts_on_the_review_page(world, exceeding, client_for):
    services.document_explain(actor=world.clerk, document=exceeding, explanation="工作需要")
    reviewer = client_for(world.reviewer)
    queue = reviewer.get("/documents/review/").content.decode()
    assert "待审核的“只减不增”说明" in queue and exceeding.title in queue
    page = reviewer.get(f"/documents/{exceeding.pk}/review/").content.decode()
    assert "工作需要" in page and "退回说明" in page and "通过说明" in page
    reviewer.post(f"/documents/{exceeding.pk}/explanation_return/", {"reason": "请写明新增任务的依据"})
    exceeding.refresh_from_db()
    assert exceeding.explanation_status == "returned"
    detail = client_for(world.clerk).get(f"/documents/{exceeding.pk}/").content.decode()
    assert "县委办已退回" in detail and "请写明新增任务的依据" in detail

    refused = client_for(world.clerk).post(f"/documents/{exceeding.pk}/issue/", follow=True).content.decode()
    assert "msg-error" in refused and "县委办退回了书面说明" in refused
    exceeding.refresh_from_db()
    assert exceeding.status == Status.APPROVED

    client_for(world.clerk).post(f"/documents/{exceeding.pk}/explain/", {"explanation": "依据省民政厅2026年1号文件新增部署"})
    client_for(world.reviewer).post(f"/documents/{exceeding.pk}/explanation_accept/", {"reply": "同意"})
    issued = client_for(world.clerk).post(f"/documents/{exceeding.pk}/issue/", follow=True).content.decode()
    assert "msg-error" not in issued, issued[issued.find("msg-error"):][:300]
    exceeding.refresh_from_db()
    assert exceeding.status == Status.ISSUED and exceeding.explanation_status == "accepted"


def test_the_api_refuses_to_issue_until_the_county_office_accepts(world, exceeding, client):
    clerk = {"Authorization": f"Bearer {api_token_create(actor=None, user=world.clerk, name='部门系统')[1]}"}
    reviewer = {"Authorization": f"Bearer {api_token_create(actor=None, user=world.reviewer, name='县委办')[1]}"}
    explained = client.post(f"/api/v1/documents/{exceeding.pk}/explain", {"explanation": "工作需要"}, content_type="application/json", headers=clerk)
    assert explained.json()["explanation_status"] == "pending"
    refused = client.post(f"/api/v1/documents/{exceeding.pk}/issue", headers=clerk)
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "explanation_pending"
    self_accept = client.post(f"/api/v1/documents/{exceeding.pk}/explanation/accept", {}, content_type="application/json", headers=clerk)
    assert self_accept.status_code == 403
    blank = client.post(f"/api/v1/documents/{exceeding.pk}/explanation/return", {"reason": "\u3000"}, content_type="application/json", headers=reviewer)
    assert blank.status_code == 400 and blank.json()["error"]["fields"]
    accepted = client.post(f"/api/v1/documents/{exceeding.pk}/explanation/accept", {"reply": "同意"}, content_type="application/json", headers=reviewer)
    assert accepted.status_code == 200 and accepted.json()["explanation_status"] == "accepted"
    issued = client.post(f"/api/v1/documents/{exceeding.pk}/issue", headers=clerk)
    assert issued.status_code == 200 and issued.json()["status"] == "issued"
