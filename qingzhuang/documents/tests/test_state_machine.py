import datetime as dt

import pytest
from django.utils import timezone

from qingzhuang.audit.models import Event
from qingzhuang.documents import services
from qingzhuang.documents.errors import DocumentError, DocumentInvalid
from qingzhuang.documents.models import Document, Status
from qingzhuang.gate.services import quota_set

pytestmark = pytest.mark.django_db


def test_a_draft_goes_through_review_approval_and_issue_with_an_event_and_audit_row_at_each_step(world, draft):
    quota_set(actor=None, unit=world.civil_affairs, year=dt.date.today().year, kind="documents", limit=10)  # noqa: DTZ011
    doc = draft()
    services.document_explain(actor=world.clerk, document=doc, explanation="新增民生任务")
    services.document_submit(actor=world.clerk, document=doc)
    services.document_review_start(actor=world.reviewer, document=doc)
    services.document_approve(actor=world.reviewer, document=doc)
    services.document_explanation_accept(actor=world.reviewer, document=doc)
    services.document_issue(actor=world.leader, document=doc)

    doc.refresh_from_db()
    assert doc.status == Status.ISSUED and doc.issued_on is not None
    assert [e.action for e in doc.events.all()] == ["create", "explain", "submit", "review_start", "approve", "explanation_accept", "issue"]
    assert Event.objects.filter(model="documents.document", object_id=str(doc.pk)).count() >= 6


def test_a_returned_document_can_be_changed_and_submitted_again(world, draft):
    doc = draft()
    services.document_submit(actor=world.clerk, document=doc)
    services.document_return(actor=world.reviewer, document=doc, reason="请压缩篇幅")
    services.document_update(actor=world.clerk, document=doc, title="关于做好社区服务工作的通知（修改稿）")
    services.document_submit(actor=world.clerk, document=doc)
    doc.refresh_from_db()
    assert doc.status == Status.SUBMITTED and doc.title.endswith("（修改稿）")
    assert doc.events.get(action="return").reason == "请压缩篇幅"


def test_a_rejected_document_cannot_be_approved_or_edited(world, draft):
    doc = draft()
    services.document_submit(actor=world.clerk, document=doc)
    services.document_reject(actor=world.reviewer, document=doc, reason="没有发文必要")
    with pytest.raises(DocumentError) as err:
        services.document_approve(actor=world.reviewer, document=doc)
    assert err.value.code == "wrong_status"
    with pytest.raises(DocumentError):
        services.document_update(actor=world.clerk, document=doc, title="改标题")
    assert Document.objects.get(pk=doc.pk).status == Status.REJECTED


def test_return_and_reject_need_reasons(world, draft):
    doc = draft()
    services.document_submit(actor=world.clerk, document=doc)
    for decide in (services.document_return, services.document_reject):
        with pytest.raises(DocumentInvalid) as err:
            decide(actor=world.reviewer, document=doc, reason="  ")
        assert err.value.code == "reason_required"
    assert Document.objects.get(pk=doc.pk).status == Status.SUBMITTED


def test_submitting_needs_text_and_recipients(world, draft):
    doc = draft(recipients=[])
    with pytest.raises(DocumentInvalid) as err:
        services.document_submit(actor=world.clerk, document=doc)
    assert err.value.code == "recipients_required"
    assert Document.objects.get(pk=doc.pk).status == Status.DRAFT


def test_recipients_must_be_grassroots_units_of_the_same_county(world, draft):
    with pytest.raises(DocumentInvalid) as err:
        draft(recipients=[world.caochangpo])
    assert err.value.field == "recipients"
    with pytest.raises(DocumentInvalid):
        draft(recipients=[world.education])


def test_merging_an_issued_document_releases_its_quota_and_records_the_target(world, draft, issued):
    target = issued(seed=3)
    year = timezone.localdate().year
    quota = quota_set(actor=None, unit=world.civil_affairs, year=year, kind="documents", limit=5)
    doc = draft()
    services.document_submit(actor=world.clerk, document=doc)
    services.document_approve(actor=world.reviewer, document=doc)
    quota.refresh_from_db()
    assert quota.used == 1
    services.document_merge(actor=world.reviewer, document=doc, into=target, reason="内容可并入县委办文件")
    doc.refresh_from_db()
    quota.refresh_from_db()
    assert doc.status == Status.MERGED and doc.merged_into_id == target.pk and quota.used == 0


def test_withdrawing_an_approved_document_gives_its_quota_slot_back(world, draft):
    year = timezone.localdate().year
    quota = quota_set(actor=None, unit=world.civil_affairs, year=year, kind="documents", limit=1)
    doc = draft()
    services.document_submit(actor=world.clerk, document=doc)
    services.document_approve(actor=world.reviewer, document=doc)
    services.document_withdraw(actor=world.clerk, document=doc, reason="工作已通过会议部署")
    quota.refresh_from_db()
    assert quota.used == 0 and Document.objects.get(pk=doc.pk).status == Status.WITHDRAWN
