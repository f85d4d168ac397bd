import pytest

from qingzhuang.accounts.services import api_token_create

pytestmark = pytest.mark.django_db


def test_api_token_reads_units_in_scope_only(world, client):
    _token, raw = api_token_create(actor=None, user=world.outsider, name="test")
    ok = client.get("/api/v1/org/units?q=caochangpo", headers={"Authorization": f"Bearer {raw}"})
    assert ok.status_code == 200 and [u["name"] for u in ok.json()] == ["草场坡社区"]
    refused = client.get(f"/api/v1/org/units/{world.changfa.pk}", headers={"Authorization": f"Bearer {raw}"})
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "forbidden"


def test_api_without_credentials_gets_the_common_error_shape(world, client):
    response = client.get("/api/v1/org/me")
    assert response.status_code == 401
    assert set(response.json()["error"]) >= {"code", "message"}


def test_api_validation_errors_name_the_field(world, client):
    client.force_login(world.reviewer)
    response = client.get("/api/v1/org/units/not-a-number")
    assert response.status_code == 422
    assert response.json()["error"]["fields"][0]["loc"]
