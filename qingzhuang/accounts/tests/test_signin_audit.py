"""Logins, logouts, failed logins and password changes are on the audit trail with the client's address (等保)."""

import pytest

from qingzhuang.audit.models import Event
from qingzhuang.org.testing import PASSWORD

pytestmark = pytest.mark.django_db

ADDRESS = "198.51.100.7"
NEW_PASSWORD = "Anders-Wort-2027"


def events(action):
    return list(Event.objects.filter(action=action).order_by("id"))


def test_a_login_and_a_logout_are_recorded_with_the_address(world, client):
    client.post("/accounts/login/", {"username": "secretary", "password": PASSWORD}, REMOTE_ADDR=ADDRESS)
    client.post("/accounts/logout/", REMOTE_ADDR=ADDRESS)
    (login,), (logout,) = events("login"), events("logout")
    for event in (login, logout):
        assert event.actor == world.secretary and event.object_id == str(world.secretary.pk)
        assert event.changes["address"] == ADDRESS and event.unit == world.xincheng


def test_a_failed_login_is_recorded_for_a_known_and_an_unknown_name(world, client):
    client.post("/accounts/login/", {"username": "secretary", "password": "wrong-password-1"}, REMOTE_ADDR=ADDRESS)
    client.post("/accounts/login/", {"username": "nobody-here", "password": "wrong-password-1"}, REMOTE_ADDR=ADDRESS)
    known, unknown = events("login_failed")
    assert known.object_id == str(world.secretary.pk) and known.actor is None and known.changes["address"] == ADDRESS
    assert unknown.object_id == "" and unknown.object_repr == "nobody-here" and unknown.changes["address"] == ADDRESS
    assert not events("login")


def test_a_password_change_is_recorded_and_a_refused_one_is_not(world, client):
    client.post("/accounts/login/", {"username": "secretary", "password": PASSWORD}, REMOTE_ADDR=ADDRESS)
    client.post("/accounts/password/", {"old_password": PASSWORD, "new_password1": "short", "new_password2": "short"}, REMOTE_ADDR=ADDRESS)
    assert not events("password_change")
    client.post("/accounts/password/", {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}, REMOTE_ADDR=ADDRESS)
    (changed,) = events("password_change")
    world.secretary.refresh_from_db()
    assert world.secretary.check_password(NEW_PASSWORD)
    assert changed.actor == world.secretary and changed.changes == {"address": ADDRESS}


def test_the_audit_page_names_sign_in_events_in_chinese(world, client):
    client.post("/accounts/login/", {"username": "secretary", "password": "wrong-password-1"}, REMOTE_ADDR=ADDRESS)
    client.force_login(world.admin)
    body = client.get("/audit/").content.decode()
    assert "登录失败" in body and ADDRESS in body
