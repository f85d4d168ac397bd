import pytest

from qingzhuang.accounts.models import ApiToken
from qingzhuang.accounts.services import api_token_create
from qingzhuang.audit.models import Event

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(world, client):
    world.reviewer.is_staff = True
    world.reviewer.save()
    client.force_login(world.reviewer)
    return client


def test_a_reviewer_sees_only_their_own_tokens(world, staff_client):
    own, _ = api_token_create(actor=world.reviewer, user=world.reviewer, name="own")
    other, _ = api_token_create(actor=world.clerk, user=world.clerk, name="other")
    listed = set(staff_client.get("/admin/accounts/apitoken/").context["cl"].result_list)
    assert listed == {own}
    assert staff_client.get(f"/admin/accounts/apitoken/{other.pk}/change/").status_code in (302, 403)


def test_creating_a_token_in_the_admin_shows_the_key_once_and_is_audited(world, staff_client):
    response = staff_client.post("/admin/accounts/apitoken/add/", {"name": "报表系统", "scope": "read"}, follow=True)
    token = ApiToken.objects.get(name="报表系统")
    assert token.user == world.reviewer
    shown = [str(m) for m in response.context["messages"]]
    assert any(token.prefix in m for m in shown)
    assert Event.objects.filter(model="accounts.apitoken", object_id=str(token.pk), action="create", actor=world.reviewer).exists()


def test_revoking_in_the_admin_is_audited_and_touches_only_own_tokens(world, staff_client):
    own, _ = api_token_create(actor=world.reviewer, user=world.reviewer, name="own")
    other, _ = api_token_create(actor=world.clerk, user=world.clerk, name="other")
    staff_client.post(
        "/admin/accounts/apitoken/",
        {"action": "revoke_selected", "_selected_action": [own.pk, other.pk], "index": 0},
    )
    own.refresh_from_db()
    other.refresh_from_db()
    assert own.revoked and not other.revoked
    assert Event.objects.filter(model="accounts.apitoken", object_id=str(own.pk), action="revoke").exists()
    assert not Event.objects.filter(model="accounts.apitoken", object_id=str(other.pk), action="revoke").exists()
