import pytest

from qingzhuang.org.testing import PASSWORD

pytestmark = pytest.mark.django_db


def change_password(client, new: str):
    return client.post(
        "/accounts/password/", {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    )


def errors_of(response) -> list[str]:
    return response.context["form"].errors.get("new_password2", [])


@pytest.fixture
def signed_in(world, client):
    client.force_login(world.secretary)
    return client


def test_a_too_short_password_is_refused_in_chinese(signed_in):
    response = change_password(signed_in, "Ab12cd")
    assert response.status_code == 200
    assert any("太短" in e for e in errors_of(response))


def test_a_too_short_password_is_refused(world, signed_in):
    response = change_password(signed_in, "Ab12cd")
    assert response.status_code == 200 and errors_of(response)
    world.secretary.refresh_from_db()
    assert world.secretary.check_password(PASSWORD)


def test_an_all_numeric_password_is_refused_in_chinese(world, signed_in):
    response = change_password(signed_in, "8305719264831")
    assert "密码只包含数字。" in errors_of(response)
    world.secretary.refresh_from_db()
    assert world.secretary.check_password(PASSWORD)


def test_a_password_without_digits_is_refused_in_chinese(world, signed_in):
    response = change_password(signed_in, "Qingzhuang-Zhenan")
    assert "密码必须同时包含字母和数字。" in errors_of(response)
    world.secretary.refresh_from_db()
    assert world.secretary.check_password(PASSWORD)


def test_a_common_password_is_refused_in_chinese(signed_in):
    assert "这个密码太常见了。" in errors_of(change_password(signed_in, "password123"))


def test_a_good_password_is_accepted(world, signed_in):
    response = change_password(signed_in, "Xincheng-2026-ok")
    assert response.status_code == 302
    world.secretary.refresh_from_db()
    assert world.secretary.check_password("Xincheng-2026-ok")
