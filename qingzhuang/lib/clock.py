"""Today's date, read from one place.

The ledger's periods ("a period not yet over"), the gate's pace warnings and the services' default
dates (a draft's date, an issue date) all ask ``today()``. Tests set ``settings.QZ_TODAY`` (a date or
"YYYY-MM-DD") to stand on any day — 31 December, 2 January — without touching the system clock.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone


def today() -> dt.date:
    fixed = getattr(settings, "QZ_TODAY", None)
    if fixed:
        return fixed if isinstance(fixed, dt.date) else dt.date.fromisoformat(str(fixed))
    return timezone.localdate()


def now() -> dt.datetime:
    """The current moment: ``settings.QZ_NOW`` (an aware datetime or ISO text) when set, else noon of ``QZ_TODAY`` when that
    is set, else the system clock — so a test stands on the hour a case falls overdue."""
    fixed = getattr(settings, "QZ_NOW", None)
    if fixed:
        moment = fixed if isinstance(fixed, dt.datetime) else dt.datetime.fromisoformat(str(fixed))
        return moment if timezone.is_aware(moment) else timezone.make_aware(moment)
    if getattr(settings, "QZ_TODAY", None):
        return timezone.make_aware(dt.datetime.combine(today(), dt.time(12, 0)))
    return timezone.now()
