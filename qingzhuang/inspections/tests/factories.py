"""Inspection items for tests, made through the services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from qingzhuang.inspections import services
from qingzhuang.inspections.models import Item
from qingzhuang.lib import clock

CLEAN_CRITERIA = "城乡低保政策落实情况：对象认定准确、资金按时足额发放、群众满意度。"


def window(days: int = 10, length: int = 5) -> tuple[dt.date, dt.date]:
    """A window ``days`` from today, kept inside this year."""
    today = clock.today()
    start = min(today + dt.timedelta(days=days), dt.date(today.year, 12, 31) - dt.timedelta(days=length))
    start = max(start, dt.date(today.year, 1, 1))
    return start, start + dt.timedelta(days=length)


def propose(world: Any, **kw: Any) -> Item:
    start, end = window()
    values: dict[str, Any] = {
        "actor": world.clerk,
        "lead": world.civil_affairs,
        "kind": "inspection",
        "subject": "城乡低保专项检查",
        "criteria": CLEAN_CRITERIA,
        "targets": [world.yongle, world.xikou],
        "window_start": start,
        "window_end": end,
    }
    values.update(kw)
    return services.item_propose(**values)


def filed(world: Any, **kw: Any) -> Item:
    """An item of a filed plan (accepted and the plan filed)."""
    item = propose(world, **kw)
    services.item_accept(actor=world.reviewer, item=item)
    services.plan_file(actor=world.reviewer, plan=item.plan)
    item.refresh_from_db()
    return item
