"""Helpers for visit tests: a booking with sensible values, any of them replaced."""

from __future__ import annotations

import datetime as dt
from typing import Any

from qingzhuang.visits import services
from qingzhuang.visits.models import Visit

TODAY = "2026-11-27"  # a Friday: next week runs from Monday 2026-11-30
MONDAY = dt.date(2026, 11, 30)


def booking(organiser: Any, places: list[Any], **changes: Any) -> dict[str, Any]:
    values: dict[str, Any] = {"organiser": organiser, "kind": "research", "team_name": f"{organiser.name}调研组", "leader": "王建平",
                              "members": "王建平、刘洋", "member_count": 2, "purpose": "了解养老服务政策落实情况",
                              "place_ids": [p.pk for p in places], "start_on": MONDAY, "end_on": MONDAY + dt.timedelta(days=1)}
    values.update(changes)
    return values


def book(organiser: Any, places: list[Any], *, actor: Any = None, **changes: Any) -> Visit:
    return services.visit_book(actor=actor, **booking(organiser, places, **changes))
