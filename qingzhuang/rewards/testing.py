"""Test helpers: the test world's rider (user ``rider``) enrolled with 新城社区 with points to spend, another rider of the
same community, a course of the county office with a past session, the community's store with an item."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from qingzhuang.rewards import services, store
from qingzhuang.riders import points
from qingzhuang.riders import services as rider_services
from qingzhuang.riders.models import PointsEntry, Rider

TODAY = "2026-11-27"


def rider(world: Any, *, name: str = "马骏", phone: str = "13912345678", user: Any = None, community: Any = None) -> Rider:
    return rider_services.rider_enrol(actor=None, community=community or world.xincheng, name=name, phone=phone, duties=["caring_helper"],
                                      joined_on="2025-01-01", platform="meituan", title="永乐骑士", user=user)


def give_points(target: Rider, amount: int, act: str = "grant:1") -> PointsEntry:
    """Points as an award from outside training (the raw line, as a confirmed report's would be)."""
    with transaction.atomic():
        return PointsEntry.objects.create(rider=target, points=amount, act=act, reason="测试积分", at=timezone.now())


def county_course(world: Any, **changes: Any) -> Any:
    values = {"actor": world.reviewer, "offered_by": world.office, "kind": "law", "title": "骑手普法讲堂", "required_sessions": 1}
    return services.course_create(**{**values, **changes})


def past_session(world: Any, course: Any, *, seats: int = 30, days_ago: int = 3) -> Any:
    when = dt.datetime.fromisoformat(TODAY) - dt.timedelta(days=days_ago)
    return services.session_add(actor=world.reviewer, course=course, starts_at=when.replace(hour=19), place="县新时代文明实践中心",
                                trainer="李律师", seats=seats)


def store_item(world: Any, *, name: str = "洗衣液", price: int = 30, stock: int = 5) -> Any:
    return store.item_create(actor=world.secretary, community=world.xincheng, name=name, price=price, stock=stock)


__all__ = ["county_course", "give_points", "past_session", "points", "rider", "store_item"]
