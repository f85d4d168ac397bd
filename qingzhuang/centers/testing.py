"""Test helpers: a service center at the test world's 新城社区 with a space, a service and a slot tomorrow."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from qingzhuang.centers import services
from qingzhuang.centers.models import Center, Service, Slot, Space
from qingzhuang.lib import clock


@dataclass
class Place:
    center: Center
    hall: Space
    office: Space
    service: Service
    slot: Slot


def build_center(world: Any, *, seats: int = 2, code: str = "xincheng") -> Place:
    center = services.center_create(actor=None, community=world.xincheng, name="新城社区党群服务中心", code=code, address="永乐街道新城路1号")
    services.hours_set(actor=None, center=center, week=dict.fromkeys(range(7), ("08:00", "18:00")))
    hall = services.space_create(actor=None, center=center, name="健康小屋", function="血压血糖检测", area="95", use="residents")
    office = services.space_create(actor=None, center=center, name="办公室", function="社区办公", area="5", use="office")
    service = services.service_create(actor=None, center=center, space_id=hall.pk, name="健康检测", kind="health", capacity=seats)
    tomorrow = clock.today() + dt.timedelta(days=1)
    slot = Slot.objects.create(service=service, day=tomorrow, starts=dt.time(9), ends=dt.time(10), seats=seats)
    return Place(center, hall, office, service, slot)


def later_slot(place: Place, *, days: int = 1, hour: int = 10, seats: int | None = None) -> Slot:
    return Slot.objects.create(service=place.service, day=clock.today() + dt.timedelta(days=days), starts=dt.time(hour),
                               ends=dt.time(hour + 1), seats=place.service.capacity if seats is None else seats)


# Hostile values every text field is tried with: blank after normalisation, unstorable, far too long.
BLANKS = ["", "   ", "\u3000\u3000", "\u00a0", "\u200b\u200b"]
UNSTORABLE = ["a\x00b", "x\ud800y"]
HUGE = "字" * 100_000
NUMBERS = ["10" + "0" * 23, "-5", "abc", "1.5", "", "\u3000"]
