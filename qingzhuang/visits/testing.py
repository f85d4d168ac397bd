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


def pair(department: Any, community: Any) -> None:
    """Pair a department with a community from 2024 on (liaison visits go to paired communities only)."""
    from qingzhuang.pairing.services import pairing_file

    pairing_file(actor=None, department=department, community=community, leader="王局长", cadres="李四、张三", valid_from=dt.date(2024, 1, 1))


def log(organiser: Any, community: Any, *, actor: Any = None, **changes: Any) -> Visit:
    """Log a liaison visit (走访) on TODAY with one finding, any value replaced."""
    values: dict[str, Any] = {"organiser": organiser, "community_id": community.pk, "visited_on": dt.date.fromisoformat(TODAY), "leader": "李四",
                              "members": "李四、张三", "member_count": 2, "purpose": "了解社区服务阵地情况",
                              "findings": [("党群服务中心面积不足，居民活动挤在走廊。", "facility")]}
    values.update(changes)
    return services.liaison_log(actor=actor, **values)
