import datetime as dt

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from qingzhuang.org.testing import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(world, client):
    response = client.post("/accounts/login/", {"username": "secretary", "password": PASSWORD})
    assert response.status_code == 302
    return client


def stored_session(client) -> Session:
    return Session.objects.get(session_key=client.cookies[settings.SESSION_COOKIE_NAME].value)


def test_the_idle_limit_comes_from_the_setting(signed_in):
    assert settings.SESSION_COOKIE_AGE == 30 * 60  # QZ_SESSION_IDLE_MINUTES default
    assert signed_in.session.get_expiry_age() == settings.SESSION_COOKIE_AGE


def test_the_session_cookie_ends_with_the_browser_and_is_renewed_on_every_request(signed_in):
    response = signed_in.get("/")
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == "" and cookie["expires"] == ""
    assert cookie["httponly"] and cookie["samesite"] == "Lax"


def test_every_request_pushes_the_server_side_expiry_forward(signed_in):
    session = stored_session(signed_in)
    session.expire_date = timezone.now() + dt.timedelta(minutes=1)
    session.save()
    assert signed_in.get("/").status_code == 200
    renewed = stored_session(signed_in).expire_date
    assert renewed > timezone.now() + dt.timedelta(seconds=settings.SESSION_COOKIE_AGE - 120)


def test_without_browser_close_the_cookie_lives_for_the_idle_limit(signed_in, settings):
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = False
    cookie = signed_in.get("/").cookies[settings.SESSION_COOKIE_NAME]
    assert int(cookie["max-age"]) == settings.SESSION_COOKIE_AGE


def test_an_expired_session_is_sent_back_to_sign_in(signed_in):
    session = stored_session(signed_in)
    session.expire_date = timezone.now() - dt.timedelta(seconds=1)
    session.save()
    response = signed_in.get("/org/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
