"""Test helpers: a secondment from the test world's 新城社区 to its 民政局, asked by the department's clerk."""

from __future__ import annotations

import datetime as dt
from typing import Any

from qingzhuang.secondments import services


def secondment_request(world: Any, **changes: Any) -> Any:
    """Asked by the 民政局 clerk for 新城社区's 李明, 2026-03-01 to 2026-09-01 (six months), unless changed."""
    values = {"actor": world.clerk, "borrower": world.civil_affairs, "lender": world.xincheng, "person_name": "李明", "post": "社会救助股",
              "purpose": "协助低保年度复核", "basis": "镇民发〔2026〕12号", "start_on": dt.date(2026, 3, 1), "planned_end": dt.date(2026, 9, 1)}
    return services.secondment_request(**{**values, **changes})


def approved(world: Any, **changes: Any) -> Any:
    return services.secondment_decide(actor=world.reviewer, secondment=secondment_request(world, **changes), approve=True)
