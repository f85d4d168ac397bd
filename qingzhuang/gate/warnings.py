"""Red/yellow warning (红黄预警) of a quota, from its usage and its pace against the calendar.

Shaanxi reconciles quotas quarterly and warns on signs of over-issuing (超发苗头): a unit that has
used more than the quarters gone by allow is warned before it reaches its limit.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_noop

from qingzhuang.gate.models import Colour

# Defaults of the "quota.warning" rule settings; counties may change them.
WARNING_DEFAULTS = {
    "yellow_ratio": 0.8,  # yellow from 80% of the year's quota used
    "red_ratio": 1.0,  # red when the quota is used up
    "pace_tolerance": 0,  # items allowed above the quarterly pace before yellow
}

MSG_RED = gettext_noop("%(used)s of %(limit)s used: the quota is exhausted.")
MSG_YELLOW_USAGE = gettext_noop("%(used)s of %(limit)s used (%(percent)s%%): close to the limit.")
MSG_YELLOW_PACE = gettext_noop("%(used)s used by quarter %(quarter)s, ahead of the pace of %(pace)s for the quarters so far.")
MSG_GREEN = gettext_noop("%(used)s of %(limit)s used.")


@dataclass(frozen=True)
class Warning:
    colour: Colour
    message: str
    params: dict[str, Any]


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def quota_warning(*, limit: int, used: int, year: int, today: dt.date, params: dict[str, float] | None = None) -> Warning:
    p = {**WARNING_DEFAULTS, **(params or {})}
    base = {"used": used, "limit": limit}
    if limit <= 0 or used >= math.ceil(limit * float(p["red_ratio"])):
        return Warning(Colour.RED, MSG_RED, base)
    percent = round(100 * used / limit)
    if used >= limit * float(p["yellow_ratio"]):
        return Warning(Colour.YELLOW, MSG_YELLOW_USAGE, {**base, "percent": percent})
    if today.year == year:
        quarter = quarter_of(today)
        pace = math.ceil(limit * quarter / 4)
        if used > pace + float(p["pace_tolerance"]):
            return Warning(Colour.YELLOW, MSG_YELLOW_PACE, {**base, "quarter": quarter, "pace": pace})
    return Warning(Colour.GREEN, MSG_GREEN, base)
