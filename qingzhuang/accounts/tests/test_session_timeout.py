import datetime as dt
import os
import subprocess
import sys

import pytest
import time_machine
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from qingzhuang.org.testing import PASSWORD

pytestmark = pytest.mark.django_db

IDLE = dt.timedelta(seconds=30 * 60)  # QZ_SESSION_IDLE_MINUTES' default


@pytest.fixture
def clock():
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False) as traveller:
        yield traveller


@pytest.fixture(params=["qingzhuang.accounts.sessions.db", "qingzhuang.accounts.sessions.cached_db"])
def engine(request, settings):
    """Both shapes: sessions in the database (one machine) and read through a cache (Redis in production)."""
    settings.SESSION_ENGINE = request.param
    return request.param


@pytest.fixture
def signed_in(world, client, clock):
    response = client.post("/accounts/login/", {"username": "secretary", "password": PASSWORD})
    assert response.status_code == 302
    return client


def stored_session(client) -> Session:
    return Session.objects.get(session_key=client.cookies[settings.SESSION_COOKIE_NAME].value)


def session_writes(queries: CaptureQueriesContext) -> int:
    return sum(
        1 for q in queries.captured_queries
        if "django_session" in q["sql"] and q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT"))
    )


def test_the_idle_limit_comes_from_the_setting(signed_in):
    assert IDLE.total_seconds() == settings.SESSION_COOKIE_AGE
    assert signed_in.session.get_expiry_age() == settings.SESSION_COOKIE_AGE


def test_the_session_cookie_ends_with_the_browser(world, client):
    response = client.post("/accounts/login/", {"username": "secretary", "password": PASSWORD})
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == "" and cookie["expires"] == ""
    assert cookie["httponly"] and cookie["samesite"] == "Lax"


def test_signed_in_requests_write_the_session_at_most_once_a_minute(engine, signed_in, clock):
    with CaptureQueriesContext(connection) as first_minute:
        for _ in range(29):  # a click every two seconds for the 58 s after signing in (which saved it)
            clock.shift(2)
            assert signed_in.get("/").status_code == 200
    assert session_writes(first_minute) == 0

    clock.shift(2)  # a minute after the last save
    with CaptureQueriesContext(connection) as next_minute:
        for _ in range(12):
            assert signed_in.get("/").status_code == 200
            clock.shift(4)
    assert session_writes(next_minute) == 1
    assert stored_session(signed_in).expire_date == dt.datetime(2026, 3, 2, 9, 1, tzinfo=dt.UTC) + IDLE


def test_use_keeps_a_session_alive_past_the_idle_limit_and_idleness_ends_it(engine, signed_in, clock):
    for _ in range(3):  # 75 minutes of use, a click every 25 minutes
        clock.shift(25 * 60)
        assert signed_in.get("/org/").status_code == 200

    clock.shift(IDLE.total_seconds() - 1)
    assert signed_in.get("/org/").status_code == 200

    clock.shift(IDLE.total_seconds() + 1)
    response = signed_in.get("/org/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_the_idle_limit_counts_from_the_last_renewal_at_most_a_minute_before_the_last_request(signed_in, clock):
    clock.shift(5 * 60)
    assert signed_in.get("/org/").status_code == 200  # renews: expiry = now + idle limit
    renewed = stored_session(signed_in).expire_date
    clock.shift(50)
    assert signed_in.get("/org/").status_code == 200  # within the minute: nothing written
    assert stored_session(signed_in).expire_date == renewed

    clock.shift(IDLE.total_seconds() - 50 + 1)  # the idle limit after the renewal, 50 s short of it after the click
    response = signed_in.get("/org/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_without_browser_close_the_cookie_lives_for_the_idle_limit(signed_in, settings, clock):
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = False
    clock.shift(61)
    cookie = signed_in.get("/").cookies[settings.SESSION_COOKIE_NAME]
    assert int(cookie["max-age"]) == settings.SESSION_COOKIE_AGE


def test_an_expired_session_is_sent_back_to_sign_in(signed_in):
    session = stored_session(signed_in)
    session.expire_date = timezone.now() - dt.timedelta(seconds=1)
    session.save()
    response = signed_in.get("/org/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_signing_out_leaves_no_session_behind(engine, signed_in, clock):
    clock.shift(120)
    assert signed_in.post("/accounts/logout/").status_code == 302
    assert not Session.objects.exists()
    clock.shift(120)
    assert signed_in.get("/accounts/login/").status_code == 200
    assert not Session.objects.exists()
    response = signed_in.get("/org/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_anonymous_visits_store_no_session(world, client):
    for path in ("/accounts/login/", "/healthz", "/org/"):
        client.get(path)
    assert not Session.objects.exists()


def settings_under(env: dict[str, str], expression: str) -> str:
    """A setting as a server started with `env` would read it (settings are read once, at start-up)."""
    code = f"import django; django.setup(); from django.conf import settings; print({expression})"
    environ = {k: v for k, v in os.environ.items() if k != "REDIS_CACHE_URL"}
    run = subprocess.run([sys.executable, "-c", code], env={**environ, **env}, cwd=settings.BASE_DIR,
                         capture_output=True, text=True, check=True)
    return run.stdout.strip()


def test_with_a_redis_cache_sessions_are_read_through_it_and_without_one_from_the_database():
    expression = "settings.SESSION_ENGINE, settings.CACHES['default']['BACKEND']"
    assert settings_under({"REDIS_CACHE_URL": "redis://127.0.0.1:6379/1"}, expression) == (
        "qingzhuang.accounts.sessions.cached_db django.core.cache.backends.redis.RedisCache"
    )
    assert settings_under({}, expression) == (
        "qingzhuang.accounts.sessions.db django.core.cache.backends.locmem.LocMemCache"
    )
