"""Demo data: 草场坡社区's new party-mass service center (碑林区), about 900 m² with 95% serving residents, its services
and two months of bookings, check-ins and no-shows.

The article's figure is not typed anywhere: the share is summed from the space records below, and the usage from
the booking records. Past slots and bookings are raw records (the services refuse a booking in the past); upcoming
ones go through the same services as the pages.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from qingzhuang.centers import selectors, services
from qingzhuang.centers.models import Booking, BookingStatus, Channel, Slot
from qingzhuang.ledger.services import ledger_add_many
from qingzhuang.lib import clock

# (space, function, m², use): 860 of 905 m² serve residents (95.0%).
SPACES = [
    ("一站式服务大厅", "政务服务、社保医保、证明办理", "120", "residents"),
    ("托育室", "0–3岁婴幼儿托育", "130", "residents"),
    ("健康小屋", "血压血糖检测、家庭医生签约", "80", "residents"),
    ("长者食堂", "老年助餐", "150", "residents"),
    ("日间照料中心", "老年人日间照料、康复", "160", "residents"),
    ("多功能活动室", "文体活动、议事协商", "120", "residents"),
    ("党员活动室", "党员学习、志愿服务", "60", "residents"),
    ("图书阅览室", "阅读、青少年课后学习", "40", "residents"),
    ("社区办公室", "社区工作人员办公", "45", "office"),
]
# (service, kind, space, seats, description, weekdays, [(starts, ends)]).
SERVICES = [
    ("托育服务", "child_care", "托育室", 12, "0–3岁婴幼儿半日托，家长陪同入托。", range(5), [("08:30", "11:30"), ("14:00", "17:00")]),
    ("健康检测（血压血糖）", "health", "健康小屋", 6, "家庭医生现场测量血压、血糖，解读结果。", range(5), [("09:00", "10:00"), ("10:00", "11:00")]),
    ("长者食堂午餐", "meals", "长者食堂", 40, "60岁以上老人午餐，凭预约就餐。", range(6), [("11:00", "12:30")]),
    ("日间照料", "day_care", "日间照料中心", 15, "白天照护、康复训练、午休。", range(5), [("08:30", "17:30")]),
]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = ["秀英", "桂兰", "建华", "玉兰", "志强", "淑珍", "国庆", "丽华", "明", "芳", "静", "伟", "凤英", "德明", "秀珍", "海燕"]
PAST_DAYS = 62


def seed(ctx: Any) -> None:
    community = ctx.unit("草场坡社区")
    center = services.center_create(actor=None, community=community, name="草场坡社区党群服务中心", code="caochangpo",
                                    address="西安市碑林区长安路街道草场坡社区（新址）", phone="029-85250000")
    services.hours_set(actor=None, center=center, week=dict.fromkeys(range(6), ("08:30", "18:00")) | {6: None})
    spaces = {name: services.space_create(actor=None, center=center, name=name, function=function, area=area, use=use)
              for name, function, area, use in SPACES}
    today = clock.today()
    rng = ctx.rng
    made = 0
    for name, kind, space, seats, description, weekdays, times in SERVICES:
        service = services.service_create(actor=None, center=center, space_id=spaces[space].pk, name=name, kind=kind, capacity=seats,
                                          description=description)
        for weekday in weekdays:
            for starts, ends in times:
                services.pattern_add(actor=None, service=service, weekday=weekday, starts=starts, ends=ends)
        past = [Slot(service=service, day=d, starts=s, ends=e, seats=seats)
                for d, s, e in services.slot_times(service, today - dt.timedelta(days=PAST_DAYS), today - dt.timedelta(days=1))]
        Slot.objects.bulk_create(past)
        made += _past_bookings(rng, service)
        services.slots_generate(actor=None, service=service, start=today, days=14)
    _upcoming_bookings(rng, center)
    first = today - dt.timedelta(days=PAST_DAYS)
    ledger_add_many(measure=services.USES, rows=list(selectors.service_uses_compute(first, today)))
    area = selectors.area_of(center)
    ctx.say(f"centers: {center.name} {area.total} m², {area.share}% for residents; {made} past bookings")


def _resident(rng: Any) -> tuple[str, str]:
    return rng.choice(SURNAMES) + rng.choice(GIVEN), f"1{rng.choice('3589')}{rng.randrange(10**8, 10**9)}"


def _past_bookings(rng: Any, service: Any) -> int:
    """Bookings of the service's past slots as raw records: most checked in, some no-shows, a few cancelled."""
    rows = []
    codes: set[str] = set(Booking.objects.values_list("code", flat=True))
    slots = list(Slot.objects.filter(service=service, day__lt=clock.today()))
    for slot in slots:
        holding = 0
        for _seat in range(int(slot.seats * rng.uniform(0.4, 0.9))):
            name, phone = _resident(rng)
            roll = rng.random()
            status = BookingStatus.CHECKED_IN if roll < 0.85 else (BookingStatus.BOOKED if roll < 0.93 else BookingStatus.CANCELLED)
            code = f"{rng.randrange(10**8):08d}"
            while code in codes:
                code = f"{rng.randrange(10**8):08d}"
            codes.add(code)
            rows.append(Booking(slot=slot, name=name, phone=phone if rng.random() < 0.9 else "", code=code, status=status,
                                channel=Channel.PUBLIC if rng.random() < 0.7 else Channel.STAFF))
            holding += status != BookingStatus.CANCELLED
        slot.booked = holding
    Booking.objects.bulk_create(rows, batch_size=500)
    Slot.objects.bulk_update(slots, ["booked"], batch_size=500)
    return len(rows)


def _upcoming_bookings(rng: Any, center: Any) -> None:
    """A few residents booked through the public page; the next health-check slot is left with one seat."""
    for item in selectors.upcoming_slots(center, 14):
        for slot in item.slots[:6]:
            wanted = slot.seats - 1 if item.service.kind == "health" and slot is item.slots[0] else int(slot.seats * rng.uniform(0.1, 0.5))
            for _seat in range(wanted):
                name, phone = _resident(rng)
                try:
                    services.booking_make(actor=None, slot_id=slot.pk, name=name, phone=phone)
                except services.CenterError:
                    continue
