"""A limit on the public page's tries (bookings, cancellations) per client address in a fixed window.

The project's only other limit is django-axes on sign-in, which counts failed logins of a user name; the public
page has no user, so it counts every try from an address in a fixed window. The address is the one the lockout
uses (the socket's peer, or our own proxy's X-Forwarded-For), so nobody chooses the address they are counted under.

Where it is counted: in Redis when REDIS_CACHE_URL is set (shared by every worker); otherwise in the database
(``PublicTry``), because Django's default cache, local memory, is per process: with several gunicorn workers an
address would get the limit once per worker.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest

from qingzhuang.accounts.services import client_address
from qingzhuang.centers.models import PublicTry


def _window() -> tuple[int, int]:
    seconds = settings.QZ_PUBLIC_TRIES_MINUTES * 60
    return seconds, int(time.time()) // seconds


def _cache_count(address: str) -> int:
    seconds, window = _window()
    key = f"centers:tries:{address}:{window}"
    if cache.add(key, 1, timeout=seconds):
        return 1
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=seconds)
        return 1


def _database_count(address: str) -> int:
    _seconds, window = _window()
    with transaction.atomic():
        if not PublicTry.objects.filter(address=address, window=window).update(count=F("count") + 1):
            try:
                with transaction.atomic():
                    PublicTry.objects.create(address=address, window=window, count=1)
                PublicTry.objects.filter(window__lt=window).delete()  # once per new window and address: old windows go
            except IntegrityError:  # another worker created it first
                PublicTry.objects.filter(address=address, window=window).update(count=F("count") + 1)
        return PublicTry.objects.filter(address=address, window=window).values_list("count", flat=True).first() or 1


def try_allowed(request: HttpRequest) -> bool:
    """Count one try from the request's address; False once the address has used up its tries in this window."""
    address = (client_address(request) or "unknown")[:64]
    count = _cache_count(address) if settings.REDIS_CACHE_URL else _database_count(address)
    return count <= settings.QZ_PUBLIC_TRIES


def minutes_left() -> int:
    seconds, _window_number = _window()
    return max(1, (seconds - int(time.time()) % seconds + 59) // 60)
