"""Test helpers: a cadre of the test world's 民政局 attached to 新城社区 since 2026-01-01."""

from __future__ import annotations

import datetime as dt
from typing import Any

from qingzhuang.teams import services
from qingzhuang.teams.models import Team


def cadre(world: Any, **changes: Any) -> Any:
    values = {"actor": world.clerk, "unit": world.civil_affairs, "team": Team.DEPARTMENT_CADRE, "name": "李秀梅", "position": "社会救助股股长",
              "phone": "13912340001", "skills": "低保、临时救助"}
    member = services.member_add(**{**values, **changes})
    services.member_attach(actor=world.clerk if member.unit_id == world.civil_affairs.pk else None, member=member, community=world.xincheng,
                           since=dt.date(2026, 1, 1))
    return member
