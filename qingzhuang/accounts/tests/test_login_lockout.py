import pytest
from django.conf import settings

from qingzhuang.org.testing import PASSWORD

pytestmark = pytest.mark.django_db


def sign_in(client, username: str, password: str):
    return client.post("/accounts/login/", {"username": username, "password": password})


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_right_password_is_refused_after_the_failure_limit(world, client):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = sign_in(client, "secretary", "wrong-password-1")
        assert not signed_in(client)
    response = sign_in(client, "secretary", PASSWORD)
    assert response.status_code == 429
    assert "登录失败次数过多" in response.content.decode()
    assert not signed_in(client)


def test_failures_below_the_limit_do_not_lock(world, client):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "secretary", "wrong-password-1")
    response = sign_in(client, "secretary", PASSWORD)
    assert response.status_code == 302
    assert signed_in(client)


def test_a_locked_name_does_not_lock_other_users(world, client):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "secretary", "wrong-password-1")
    response = sign_in(client, "worker", PASSWORD)
    assert response.status_code == 302 and signed_in(client)


def test_a_wrong_password_shows_a_chinese_message(world, client):
    response = sign_in(client, "secretary", "wrong-password-1")
    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert errors and "正确的" in errors[0]
    assert errors[0] in response.content.decode()
