"""A limit on the public page's tries (bookings, cancellations) per client address, kept in the cache.

The project's only other limit is django-axes on sign-in, which counts failed logins of a user name; the public
page has no user, so it counts every try from an address in a fixed window. The address is the one the lockout
uses (the socket's peer, or our own proxy's X-Forwarded-For), so nobody chooses the address they are counted under.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from qingzhuang.accounts.services import client_address


def _key(request: HttpRequest) -> str:
    window = settings.QZ_PUBLIC_TRIES_MINUTES * 60
    return f"centers:tries:{client_address(request) or 'unknown'}:{int(time.time()) // window}"


def try_allowed(request: HttpRequest) -> bool:
    """Count one try from the request's address; False once the address has used up its tries in this window."""
    key = _key(request)
    window = settings.QZ_PUBLIC_TRIES_MINUTES * 60
    if cache.add(key, 1, timeout=window):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
        return True
    return bool(count <= settings.QZ_PUBLIC_TRIES)


def minutes_left() -> int:
    window = settings.QZ_PUBLIC_TRIES_MINUTES * 60
    return max(1, (window - int(time.time()) % window + 59) // 60)
