"""Every API error, malformed bodies and bad values included, answers in the one shape in Chinese."""

import json

import pytest

from qingzhuang.documents.models import Document

pytestmark = pytest.mark.django_db


def _error(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"} and {"code", "message"} <= set(body["error"])
    return body["error"]


def _draft(world, **changes):
    return {"issuer_id": world.civil_affairs.pk, "title": "关于做好冬季安全生产工作的通知", "text": "各社区：现通知如下。",
            "recipient_ids": [world.xincheng.pk], **changes}


@pytest.mark.parametrize("body", [b"{not json", b'{"title": "\xff\xfe"}', b'{"title": ', b"\xef\xbb\xbf\x00"])
def test_a_malformed_body_is_refused_in_the_error_shape_and_nothing_is_written(world, client_for, body):
    response = client_for(world.clerk).post("/api/v1/documents/", body, content_type="application/json")

    error = _error(response, 400)
    assert error["code"] == "malformed_body" and "不是有效的 JSON" in error["message"]
    assert not Document.objects.exists()


@pytest.mark.parametrize("title", ["关于\u0000通知", "关于\ud800通知"], ids=["NUL", "lone surrogate"])
def test_a_string_no_database_can_store_is_refused_naming_the_field(world, client_for, title):
    body = json.dumps(_draft(world, title=title))  # json.dumps writes the surrogate as the escape \ud800

    error = _error(client_for(world.clerk).post("/api/v1/documents/", body, content_type="application/json"), 400)

    assert error["code"] == "unstorable" and error["fields"][0]["loc"] == ["title"] and "无法保存的字符" in error["message"]
    assert not Document.objects.exists()


def test_a_nul_in_a_query_string_is_refused_in_the_error_shape(world, client_for):
    error = _error(client_for(world.clerk).get("/api/v1/documents/?q=%00"), 400)

    assert error["code"] == "unstorable"


def test_missing_and_mistyped_values_are_listed_with_chinese_messages(world, client_for):
    body = json.dumps({"issuer_id": "民政局", "text": 5})

    error = _error(client_for(world.clerk).post("/api/v1/documents/", body, content_type="application/json"), 422)

    messages = {tuple(f["loc"][-1:]): f["message"] for f in error["fields"]}
    assert messages[("issuer_id",)] == "须为整数。" and messages[("title",)] == "必填。" and messages[("text",)] == "须为文本。"


@pytest.mark.parametrize("path", ["/documents/?q=%00", "/meetings/?q=%00", "/audit/?q=a%00b"])
def test_a_nul_in_a_search_box_gets_a_chinese_page_not_a_server_error(world, client_for, path):
    response = client_for(world.reviewer).get(path)

    assert response.status_code == 400 and "无法保存的字符" in response.content.decode()
