"""Meetings for tests, made through the services (so every test's data obeys the same rules)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from qingzhuang.meetings import services
from qingzhuang.meetings.models import Meeting


def at(days: int, hour: int = 9) -> dt.datetime:
    """A local time ``days`` from today (negative: in the past)."""
    now = timezone.localtime()
    return now.replace(hour=hour, minute=0, second=0, microsecond=0) + dt.timedelta(days=days)


def make(world: Any, **kw: Any) -> Meeting:
    values: dict[str, Any] = {
        "actor": world.clerk,
        "organiser": world.civil_affairs,
        "topic": "城乡低保专项治理工作推进会",
        "field": "民政",
        "starts_at": at(10),
        "planned_minutes": 45,
        "format": "video",
        "attendees": [world.yongle, world.xincheng, world.changfa],
        "speeches": [{"speaker": "局长", "minutes": 20, "is_main": True}],
    }
    values.update(kw)
    return services.meeting_create(**values)


def submitted(world: Any, **kw: Any) -> Meeting:
    return services.meeting_submit(actor=kw.get("actor", world.clerk), meeting=make(world, **kw))


def approved(world: Any, **kw: Any) -> Meeting:
    meeting = submitted(world, **kw)
    if meeting.status == "submitted":
        meeting = services.meeting_approve(actor=world.reviewer, meeting=meeting)
    return meeting


def held(world: Any, *, days_ago: int = 5, actual_minutes: int = 40, decisions: int = 1, attendance: dict[int, int] | None = None, **kw: Any) -> Meeting:
    meeting = approved(world, starts_at=at(-days_ago), **kw)
    return services.meeting_close(
        actor=world.clerk,
        meeting=meeting,
        actual_minutes=actual_minutes,
        attendance=attendance,
        decisions=[{"text": f"决定{i + 1}", "owner_unit": world.yongle, "owner_person": "张三", "due": timezone.localdate()} for i in range(decisions)],
    )


def verdict(meeting: Meeting, rule: str) -> dict[str, Any]:
    from qingzhuang.gate.rules import latest_check

    check = latest_check(meeting)
    assert check is not None, "the meeting was never checked"
    return next(v for v in check.verdicts if v["rule"] == rule)
