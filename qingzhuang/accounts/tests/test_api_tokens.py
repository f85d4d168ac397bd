import pytest

from qingzhuang.accounts.models import ApiToken
from qingzhuang.accounts.services import api_token_create, api_token_revoke
from qingzhuang.audit.models import Event

pytestmark = pytest.mark.django_db


def get_me(client, raw: str):
    return client.get("/api/v1/org/me", headers={"Authorization": f"Bearer {raw}"})


def test_a_token_works_until_it_is_revoked(world, client):
    token, raw = api_token_create(actor=world.clerk, user=world.clerk, name="民政系统")
    assert get_me(client, raw).json()["username"] == "clerk"
    api_token_revoke(actor=world.clerk, token=token)
    response = get_me(client, raw)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthenticated"


def test_only_the_hash_of_a_token_is_stored(world):
    token, raw = api_token_create(actor=world.clerk, user=world.clerk, name="民政系统")
    stored = ApiToken.objects.get(pk=token.pk)
    assert raw not in (stored.key_hash, stored.prefix) and len(stored.key_hash) == 64


def test_creating_and_revoking_are_audited(world):
    token, raw = api_token_create(actor=world.clerk, user=world.clerk, name="民政系统")
    api_token_revoke(actor=world.clerk, token=token)
    events = Event.objects.filter(model="accounts.apitoken", object_id=str(token.pk)).order_by("id")
    assert [e.action for e in events] == ["create", "revoke"]
    assert all(e.actor == world.clerk for e in events)
    assert raw not in str(events[0].changes)


def test_a_token_of_a_deactivated_user_is_refused(world, client):
    _token, raw = api_token_create(actor=world.clerk, user=world.clerk, name="民政系统")
    world.clerk.is_active = False
    world.clerk.save()
    assert get_me(client, raw).status_code == 401


def test_a_made_up_token_is_refused(world, client):
    assert get_me(client, "qz_not-a-real-token").status_code == 401
