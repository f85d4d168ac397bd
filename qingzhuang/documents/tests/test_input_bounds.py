"""Hostile text through every create/update of documents, by the API and the services: a Chinese
message naming the field, nothing written."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qingzhuang.audit.models import Event
from qingzhuang.documents import services
from qingzhuang.documents.errors import DocumentInvalid
from qingzhuang.documents.models import Document, DocumentEvent, PlanLine
from qingzhuang.lib.chinese_text import is_blank

pytestmark = pytest.mark.django_db

TITLE = "关于做好冬季安全生产工作的通知"
HOSTILE = [
    ("长" * 349_526, "too_long", "标题最多 200 个字符"),
    ("\u3000\u00a0\u200b", "title_required", ""),
    ("关于\x00通知", "unstorable", "标题含有无法保存的字符"),
    ("关于\ud800通知", "unstorable", "标题含有无法保存的字符"),
]


def _post(client, path, body):
    return client.post(path, json.dumps(body), content_type="application/json")


def _counts():
    return Document.objects.count(), DocumentEvent.objects.count(), Event.objects.count()


def _draft(world, **changes):
    values = {"title": TITLE, "text": "各社区：现通知如下。", **changes}
    return services.document_create(actor=world.clerk, issuer=world.civil_affairs, recipients=[world.xincheng], **values)


@pytest.mark.parametrize(("title", "code", "words"), HOSTILE, ids=["349,526 characters", "blank", "NUL", "lone surrogate"])
def test_a_hostile_title_is_refused_by_the_service_naming_the_field(world, title, code, words):
    before = _counts()

    with pytest.raises(DocumentInvalid) as err:
        _draft(world, title=title)

    assert err.value.code == code and err.value.field == "title" and words in err.value.message
    assert _counts() == before


def test_a_title_longer_than_its_column_is_refused_by_the_api_in_the_error_shape(world, client_for):
    before = _counts()

    response = _post(client_for(world.clerk), "/api/v1/documents/", {
        "issuer_id": world.civil_affairs.pk, "title": "长" * 349_526, "text": "正文", "recipient_ids": [world.xincheng.pk]})

    error = response.json()["error"]
    assert response.status_code == 400 and error["code"] == "too_long" and error["fields"][0]["loc"] == ["title"]
    assert "349,526" in error["message"]
    assert _counts() == before


def test_an_unknown_kind_on_patch_is_refused_and_the_draft_keeps_its_kind(world, client_for):
    doc = _draft(world)
    before = _counts()

    response = client_for(world.clerk).patch(f"/api/v1/documents/{doc.pk}", json.dumps({"kind": "bogus<script>"}),
                                             content_type="application/json")

    error = response.json()["error"]
    assert response.status_code == 400 and error["code"] == "not_a_choice" and "红头文件" in error["message"]
    doc.refresh_from_db()
    assert doc.kind == "red_head" and _counts() == before


@pytest.mark.parametrize(("field", "value", "code"), [
    ("title", "\u3000", "title_required"), ("title", "长" * 201, "too_long"), ("number", "号" * 61, "too_long"),
    ("text", "\x00", "unstorable"),
])
def test_a_hostile_value_on_update_changes_nothing(world, field, value, code):
    doc = _draft(world)
    before = _counts()

    with pytest.raises(DocumentInvalid) as err:
        services.document_update(actor=world.clerk, document=doc, **{field: value})

    assert err.value.code == code and err.value.field == field
    assert _counts() == before and Document.objects.get(pk=doc.pk).title == TITLE


def test_typed_text_longer_than_the_text_limit_is_refused(world, settings):
    settings.QZ_UPLOAD_TEXT_MAX_CHARS = 1000

    with pytest.raises(DocumentInvalid) as err:
        _draft(world, text="字" * 1001)

    assert err.value.code == "too_long" and err.value.field == "text"


def test_a_blank_explanation_and_a_blank_reason_are_refused(world):
    doc = _draft(world)
    before = _counts()

    for call in (lambda: services.document_explain(actor=world.clerk, document=doc, explanation="\u3000\u200b"),
                 lambda: services.document_withdraw(actor=world.clerk, document=doc, reason="\u00a0")):
        with pytest.raises(DocumentInvalid) as err:
            call()
        assert err.value.code == "reason_required"
    assert _counts() == before


def test_a_plan_line_with_a_month_13_or_a_year_past_the_column_is_refused(world):
    with pytest.raises(DocumentInvalid) as err:
        services.plan_line_add(actor=world.clerk, unit=world.civil_affairs, year=2026, title="年度工作要点", planned_month=13)
    assert err.value.code == "out_of_range" and "1 到 12" in err.value.message
    with pytest.raises(DocumentInvalid) as err:
        services.plan_line_add(actor=world.clerk, unit=world.civil_affairs, year=99999999999999999999999, title="年度工作要点")
    assert err.value.code == "out_of_range" and err.value.field == "year"
    assert not PlanLine.objects.exists()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(title=st.text(max_size=260), number=st.text(max_size=70))
def test_any_title_and_number_are_stored_within_bounds_or_refused_with_a_domain_error(world, title, number):
    try:
        doc = _draft(world, title=title, number=number)
    except DocumentInvalid as err:
        assert err.field in ("title", "number") and err.message
        return
    doc.refresh_from_db()
    assert 0 < len(doc.title) <= 200 and not is_blank(doc.title) and len(doc.number) <= 60
    assert "\x00" not in doc.title + doc.number
    (doc.title + doc.number).encode("utf-8")
