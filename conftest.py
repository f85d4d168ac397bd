import os

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM must still be allowed there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """A test database of this run's own on PostgreSQL, so parallel runs on one server don't collide.

    (SQLite tests use an in-memory database, private to the process.)
    """
    from django.conf import settings

    db = settings.DATABASES["default"]
    if "postgresql" in db["ENGINE"]:
        db.setdefault("TEST", {})["NAME"] = f"test_{db['NAME']}_{os.getpid()}"


@pytest.fixture(autouse=True)
def _sync_jobs(settings):
    """Background jobs run inline in tests, so a test sees their result when the call returns."""
    settings.QZ_INPROCESS_JOBS = "sync"
    # Fast hashing: tests create many users; the real hasher is covered by Django itself.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.AXES_ENABLED = True


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: a board cached by an earlier test (same ids, a database rolled
    back to the same rollup versions) must never be read by the next."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def world(db):
    from qingzhuang.org.testing import build_world

    return build_world()


@pytest.fixture
def client_for(client):
    """client_for(user): a test client signed in as user."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


def pytest_report_header(config):
    from django.conf import settings

    return f"database: {settings.DATABASES['default']['ENGINE']} {settings.DATABASES['default'].get('NAME')}"
