"""While drafting, the clerk sees the 字 count and the gate's verdicts on what is typed: a read-only check
(no verdict stored, no audit row, no quota slot), scoped like the form, through the service, the page and the API."""

import pytest
from django.core.exceptions import PermissionDenied

from qingzhuang.accounts.services import api_token_create
from qingzhuang.audit.models import Event
from qingzhuang.documents import services
from qingzhuang.documents.models import Document, DocumentEvent
from qingzhuang.gate.models import GateCheck, Notice, Quota, QuotaUse
from qingzhuang.gate.services import quota_set

pytestmark = pytest.mark.django_db


def written():
    """Everything a check must not write."""
    quotas = list(Quota.objects.values_list("pk", "used"))
    return (Document.objects.count(), DocumentEvent.objects.count(), GateCheck.objects.count(), Event.objects.count(),
            QuotaUse.objects.count(), Notice.objects.count(), quotas)


def verdicts(report):
    return {v.rule: v for v in report.verdicts}


def test_checking_a_too_long_draft_shows_the_length_block_and_writes_nothing(world):
    quota_set(actor=None, unit=world.civil_affairs, year=2026, kind="documents", limit=1)
    before = written()
    report = services.document_preview(actor=world.clerk, issuer=world.civil_affairs, text="字" * 5320, dated="2026-05-01")
    length = verdicts(report)["document.length"]
    assert length.outcome == "block" and length.evidence == {"chars": 5320, "limit": 5000, "task_deployment": False}
    assert verdicts(report)["document.quota"].outcome in ("warn", "pass")  # the last slot, not taken
    assert written() == before


def test_checking_a_saved_draft_uses_what_is_typed_not_what_is_stored(world, draft):
    doc = draft(text="字" * 1000)
    before = written()
    report = services.document_preview(actor=world.clerk, document=doc, text="字" * 4100, is_task_deployment=True)
    assert verdicts(report)["document.length"].params == {"chars": 4100, "limit": 4000, "over": 100}
    doc.refresh_from_db()
    assert doc.chars == 1000 and written() == before


def test_a_clerk_cannot_check_as_another_unit_and_nothing_is_written(world):
    before = written()
    with pytest.raises(PermissionDenied):
        services.document_preview(actor=world.clerk, issuer=world.education, text="字" * 10)
    assert written() == before


def test_the_debounced_check_answers_with_the_panel_only_and_writes_nothing(world, client_for):
    client = client_for(world.clerk)
    before = written()
    response = client.post("/documents/new/", {"issuer": world.civil_affairs.pk, "title": "", "text": "字" * 5320, "then": "check"},
                           headers={"HX-Request": "true"})
    page = response.content.decode()
    assert response.status_code == 200 and "<form" not in page
    assert "5,320 字" in page and "超出 320 字" in page
    assert "doc-summary-block" in page and "暂不能报送" in page and "请精简正文至 5,000 字以内" in page
    assert written() == before


def test_the_check_button_works_without_javascript_and_keeps_the_form(world, client_for, draft):
    doc = draft(text="字" * 100)
    client = client_for(world.clerk)
    before = written()
    response = client.post(f"/documents/{doc.pk}/edit/", {"title": doc.title, "text": "字" * 6000 + "新增的一段", "then": "check"})
    page = response.content.decode()
    assert response.status_code == 200 and "<form" in page and "新增的一段" in page and "6,005 字" in page
    doc.refresh_from_db()
    assert doc.chars == 100 and written() == before


def test_the_check_of_another_units_draft_or_issuer_is_refused(world, client_for, draft):
    doc = draft()
    client = client_for(world.clerk)
    before = written()
    assert client.post("/documents/new/", {"issuer": world.education.pk, "text": "字", "then": "check"}, headers={"HX-Request": "true"}).status_code == 403
    outsider = client_for(world.outsider)
    assert outsider.post(f"/documents/{doc.pk}/edit/", {"text": "字", "then": "check"}, headers={"HX-Request": "true"}).status_code in (403, 404)
    assert written() == before


@pytest.mark.parametrize(("field", "value", "shown"), [
    ("text", "正文\x00", "无法保存的字符"),
    ("text", "字" * 200_001, "最多 200,000 个字符"),
    ("kind", "bogus<script>", "不是有效的"),
    ("dated", "99999999999999999999999", "2000"),
])
def test_hostile_input_to_the_check_gets_a_clear_message_and_writes_nothing(world, client_for, field, value, shown):
    client = client_for(world.clerk)
    before = written()
    data = {"issuer": world.civil_affairs.pk, "text": "正文", "then": "check", field: value}
    response = client.post("/documents/new/", data, headers={"HX-Request": "true"})
    page = response.content.decode()
    assert response.status_code == 200 and "errorbox" in page and shown in page and "<script>" not in page
    assert written() == before


@pytest.mark.parametrize("issuer", ["99999999999999999999999", "-5", "１", ""])
def test_a_hostile_issuer_id_is_no_unit_and_no_server_error(world, client_for, issuer):
    response = client_for(world.clerk).post("/documents/new/", {"issuer": issuer, "text": "正文", "then": "check"}, headers={"HX-Request": "true"})
    assert response.status_code == 404


def test_the_api_check_gives_the_count_the_verdicts_and_what_to_do_next(world, client):
    _token, raw = api_token_create(actor=None, user=world.clerk, name="部门系统")
    headers = {"Authorization": f"Bearer {raw}"}
    before = written()
    response = client.post("/api/v1/documents/check", {"issuer_id": world.civil_affairs.pk, "text": "字" * 5320},
                           content_type="application/json", headers=headers)
    body = response.json()
    assert response.status_code == 200, body
    assert (body["chars"], body["limit"], body["blocked"], body["can_submit"]) == (5320, 5000, True, False)
    assert any("5,000" in step for step in body["next_steps"])
    assert written() == before

    other = client.post("/api/v1/documents/check", {"issuer_id": world.education.pk, "text": "字"}, content_type="application/json", headers=headers)
    assert other.status_code == 403 and other.json()["error"]["code"] == "forbidden"
    huge = client.post("/api/v1/documents/check", {"issuer_id": 10**23, "text": "字"}, content_type="application/json", headers=headers)
    assert huge.status_code in (400, 404) and "error" in huge.json()
    bad = client.post("/api/v1/documents/check", {"issuer_id": world.civil_affairs.pk, "text": "字", "kind": "bogus"},
                      content_type="application/json", headers=headers)
    assert bad.status_code == 400 and bad.json()["error"]["fields"] and written() == before
