"""The public page's try limit holds across worker processes: without Redis it is counted in the database (Django's
default local-memory cache is per process), and with Redis in the shared cache."""

import pytest
from django.core.cache import cache
from django.test import RequestFactory

from qingzhuang.centers import throttle
from qingzhuang.centers.models import PublicTry

pytestmark = pytest.mark.django_db


def _request(address="10.1.2.3"):
    return RequestFactory().post("/c/xincheng/cancel/", REMOTE_ADDR=address)


def test_without_redis_the_tries_are_counted_in_the_database_so_every_worker_sees_them(settings):
    settings.REDIS_CACHE_URL = ""
    settings.QZ_PUBLIC_TRIES = 3

    first = [throttle.try_allowed(_request()) for _ in range(2)]
    cache.clear()  # another worker process: its own empty local-memory cache
    after = [throttle.try_allowed(_request()) for _ in range(2)]

    assert first + after == [True, True, True, False]
    assert list(PublicTry.objects.values_list("address", "count")) == [("10.1.2.3", 4)]
    assert throttle.try_allowed(_request("10.9.9.9")) is True


def test_an_old_window_is_cleared_when_a_new_one_starts(settings, monkeypatch):
    settings.REDIS_CACHE_URL = ""
    monkeypatch.setattr(throttle.time, "time", lambda: 3600 * 10 + 5)
    throttle.try_allowed(_request())
    monkeypatch.setattr(throttle.time, "time", lambda: 3600 * 11 + 5)

    assert throttle.try_allowed(_request()) is True
    assert PublicTry.objects.count() == 1


def test_with_redis_configured_the_shared_cache_counts(settings, monkeypatch):
    settings.REDIS_CACHE_URL = "redis://127.0.0.1:1/0"  # the cache itself is the test's local one: only the choice is tested
    settings.QZ_PUBLIC_TRIES = 1

    assert [throttle.try_allowed(_request("10.4.4.4")) for _ in range(2)] == [True, False]
    assert PublicTry.objects.count() == 0
