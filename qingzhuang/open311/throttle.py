"""A limit on calls per api_key (or, without one, per client address) in a one-minute window, kept in the cache, so
one app gone wrong cannot flood a county's hazard reports."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache


def call_allowed(ident: str) -> bool:
    """Count one call of ``ident``; False once it has used up this minute's calls."""
    limit = int(settings.QZ_OPEN311_PER_MINUTE)
    key = f"open311:calls:{ident}:{int(time.time()) // 60}"
    if cache.add(key, 1, timeout=60):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=60)
        return True
    return bool(count <= limit)
