import pytest

from qingzhuang.accounts.services import api_token_create
from qingzhuang.documents.models import Document, Status

pytestmark = pytest.mark.django_db


def bearer(user):
    _token, raw = api_token_create(actor=None, user=user, name="部门系统")
    return {"Authorization": f"Bearer {raw}"}


def test_a_departments_system_drafts_submits_and_reads_the_gate_verdicts(world, client):
    headers = bearer(world.clerk)
    created = client.post("/api/v1/documents/", {
        "issuer_id": world.civil_affairs.pk, "title": "关于开展养老服务质量提升行动的通知", "text": "字" * 4200,
        "recipient_ids": [world.xincheng.pk, world.changfa.pk], "is_task_deployment": True, "demands_reports_back": True,
    }, content_type="application/json", headers=headers)
    assert created.status_code == 201, created.content
    doc_id = created.json()["id"]
    assert created.json()["chars"] == 4200 and created.json()["status"] == "draft"

    refused = client.post(f"/api/v1/documents/{doc_id}/submit", headers=headers)
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "fix_before_submit"
    assert "4,200" in refused.json()["error"]["message"] and Document.objects.get(pk=doc_id).status == Status.DRAFT

    client.patch(f"/api/v1/documents/{doc_id}", {"text": "字" * 3900}, content_type="application/json", headers=headers)
    submitted = client.post(f"/api/v1/documents/{doc_id}/submit", headers=headers)
    body = submitted.json()
    assert submitted.status_code == 200 and body["status"] == "submitted" and body["gate_outcome"] == "block"
    by_rule = {v["rule"]: v for v in body["verdicts"]}
    assert by_rule["document.length"]["outcome"] == "pass" and by_rule["document.length"]["evidence"]["limit"] == 4000
    assert by_rule["document.reply_demand"]["outcome"] == "warn"
    assert by_rule["document.only_reduce"]["outcome"] == "block"  # no document last year: the explanation is for the county office

    read = client.get(f"/api/v1/documents/{doc_id}", headers=headers)
    assert read.json()["status"] == "submitted"


def test_the_api_refuses_drafting_for_another_unit_with_the_common_error_shape(world, client):
    response = client.post("/api/v1/documents/", {"issuer_id": world.education.pk, "title": "越权", "text": "正文"},
                           content_type="application/json", headers=bearer(world.clerk))
    assert response.status_code == 403 and response.json()["error"]["code"] == "forbidden"
    assert not Document.objects.exists()


def test_domain_errors_come_back_with_code_and_field(world, client):
    headers = bearer(world.clerk)
    response = client.post("/api/v1/documents/", {"issuer_id": world.civil_affairs.pk, "title": "跨县", "text": "正文",
                                                  "recipient_ids": [world.caochangpo.pk]}, content_type="application/json", headers=headers)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "recipient_not_below" and response.json()["error"]["fields"][0]["loc"] == ["recipients"]


def test_an_outsider_cannot_read_or_submit_a_document(world, client, draft):
    doc = draft()
    headers = bearer(world.outsider)
    assert client.get(f"/api/v1/documents/{doc.pk}", headers=headers).status_code == 403
    assert client.post(f"/api/v1/documents/{doc.pk}/submit", headers=headers).status_code == 403
    assert Document.objects.get(pk=doc.pk).status == Status.DRAFT
