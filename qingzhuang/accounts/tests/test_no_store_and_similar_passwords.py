"""Pages and API answers made for a signed-in person are never stored; a password like the user name is refused."""

import pytest

from qingzhuang.accounts.services import api_token_create
from qingzhuang.org.testing import PASSWORD

pytestmark = pytest.mark.django_db


def test_authenticated_pages_and_api_answers_carry_no_store(world, client):
    _token, raw = api_token_create(actor=world.clerk, user=world.clerk, name="系统")
    api = client.get("/api/v1/org/me", headers={"Authorization": f"Bearer {raw}"})
    assert api.status_code == 200 and "no-store" in api.headers["Cache-Control"]
    client.force_login(world.secretary)
    for url in ("/", "/documents/"):
        response = client.get(url)
        assert response.status_code == 200 and "no-store" in response.headers["Cache-Control"], url


@pytest.mark.parametrize("new", ["Secretary2026x", "secretary-2026-A", "2026Secretary", "Secretarx2026"])
def test_a_password_close_to_the_user_name_is_refused_in_chinese(world, client, new):
    client.force_login(world.secretary)
    response = client.post("/accounts/password/", {"old_password": PASSWORD, "new_password1": new, "new_password2": new})
    assert response.status_code == 200
    errors = response.context["form"].errors.get("new_password2", [])
    assert any("用户名" in e for e in errors), errors
    world.secretary.refresh_from_db()
    assert world.secretary.check_password(PASSWORD)
