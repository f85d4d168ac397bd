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
