import pytest
from django.conf import settings
from django.test import Client

from qingzhuang.org.testing import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def strict_client():
    return Client(enforce_csrf_checks=True)


def test_a_post_without_a_token_is_refused_and_changes_nothing(world, strict_client):
    strict_client.force_login(world.secretary)
    response = strict_client.post("/accounts/language/", {"language": "en", "next": "/"})
    assert response.status_code == 403
    world.secretary.refresh_from_db()
    assert world.secretary.language == "zh-hans"


def test_sign_in_without_a_token_is_refused(world, strict_client):
    response = strict_client.post("/accounts/login/", {"username": "secretary", "password": PASSWORD})
    assert response.status_code == 403
    assert "_auth_user_id" not in strict_client.session


def test_a_post_with_the_token_goes_through(world, strict_client):
    strict_client.get("/accounts/login/")
    token = strict_client.cookies[settings.CSRF_COOKIE_NAME].value
    response = strict_client.post(
        "/accounts/login/", {"username": "secretary", "password": PASSWORD, "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302


def test_the_admin_refuses_a_post_without_a_token(world, strict_client):
    strict_client.force_login(world.admin)
    response = strict_client.post(f"/admin/org/unit/{world.xincheng.pk}/change/", {"name": "改名", "is_active": "on"})
    assert response.status_code == 403
    world.xincheng.refresh_from_db()
    assert world.xincheng.name == "新城社区"
