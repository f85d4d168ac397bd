"""Test helpers: register an app or group of the test world's 民政局 for 新城社区 and 长发村, and the state a refused call must leave."""

from __future__ import annotations

from typing import Any

from qingzhuang.audit.models import Event
from qingzhuang.gate.models import GateCheck
from qingzhuang.govapps import services
from qingzhuang.govapps.models import Entry, Requirement
from qingzhuang.ledger.models import LedgerMonth

FILED = {"filing_status": "filed", "filing_number": "陕网信备61102526000001号", "filed_on": "2026-03-01"}


def register(world: Any, **changes: Any) -> Entry:
    """A filed app of 镇安县民政局 with no banned practice, imposed on 新城社区 and 长发村 by its clerk."""
    import datetime as dt

    values: dict[str, Any] = {"actor": world.clerk, "owner": world.civil_affairs, "name": "镇安民政服务", "kind": "app",
                              "purpose": "低保、特困、临时救助业务办理", "units": [world.xincheng, world.changfa], **FILED}
    values["filed_on"] = dt.date.fromisoformat(values["filed_on"])
    values.update(changes)
    return services.entry_register(**values)


def state() -> tuple[Any, ...]:
    """Everything a refused call must leave as it was."""
    return (Entry.objects.count(), list(Requirement.objects.values_list("id", "until")), Event.objects.count(), GateCheck.objects.count(),
            sorted(LedgerMonth.objects.filter(measure=services.IMPOSED).values_list("unit_id", "month", "value")),
            list(Entry.objects.values_list("id", "status", "filing_status", "filing_number")))
