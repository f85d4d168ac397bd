import pytest

from qingzhuang.accounts.services import api_token_create
from qingzhuang.org import services

pytestmark = pytest.mark.django_db


def test_api_lists_events_in_scope_with_the_same_filters(world, client):
    services.unit_update(actor=world.reviewer, unit=world.xincheng, short_name="新城")
    _token, raw = api_token_create(actor=None, user=world.reviewer, name="test")
    response = client.get(
        "/api/v1/audit/events", {"action": "update", "model": "org.unit"}, headers={"Authorization": f"Bearer {raw}"}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    event = body["items"][0]
    assert event["object_repr"] == "新城社区" and event["actor"] == "reviewer"
    assert {"field": "short_name", "label": "简称", "before": "", "after": "新城"} in event["changes"]


def test_api_never_returns_another_countys_events(world, client):
    client.force_login(world.outsider)
    body = client.get("/api/v1/audit/events", {"limit": 500}).json()
    assert body["count"] > 0
    assert "新城社区" not in {e["object_repr"] for e in body["items"]}
    assert {e["unit_name"] for e in body["items"]} <= {"碑林区委办公室", "长安路街道办事处", "草场坡社区"}


def test_api_pages_with_limit_and_offset(world, client):
    client.force_login(world.reviewer)
    first = client.get("/api/v1/audit/events", {"limit": 2}).json()
    second = client.get("/api/v1/audit/events", {"limit": 2, "offset": 2}).json()
    assert len(first["items"]) == 2 and first["count"] == second["count"]
    assert not {e["id"] for e in first["items"]} & {e["id"] for e in second["items"]}


def test_api_rejects_a_malformed_date(world, client):
    client.force_login(world.reviewer)
    response = client.get("/api/v1/audit/events", {"start": "yesterday"})
    assert response.status_code == 422
