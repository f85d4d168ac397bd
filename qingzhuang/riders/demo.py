"""Demo data: 新渭路社区's riders (新渭骑士) from the first recruitment in 2022 — 60 members on 1 January 2023 and 136
on 1 January 2025, the article's "两年多时间从60人发展到136人" — as raw enrolments and status changes (joins, pauses,
leavings), never a stored figure; illustrative boundaries for 经二路街道's communities (rectangles, not surveyed); and
a few hazard reports by the demo rider, routed through the same services as the page. Then, as raw records made in
bulk (fast): 2023–2024's publicity hand-outs (over 1,000 copies) and 48 patrols, and hazard reports from January 2023
to last week with realistic mixes of confirmed, fixed and rejected and times to fix by kind — each by a rider who was a
member that day. Riders without an account phone their finding in and the secretary enters it (the reporter is the
secretary, the rider the one who found it)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from qingzhuang.ledger.services import ledger_add_many
from qingzhuang.lib import clock
from qingzhuang.org.models import Unit
from qingzhuang.riders import figures, points, services
from qingzhuang.riders.models import (
    Duty,
    HazardReport,
    HazardStatus,
    Patrol,
    PatrolStatus,
    Platform,
    PointsEntry,
    Publicity,
    Rider,
    RoutedBy,
    StatusChange,
)

COMMUNITY = "新渭路社区"
START, TWO_YEARS_ON = dt.date(2023, 1, 1), dt.date(2025, 1, 1)
# (joined in the first recruitment of 2022, left before 2023), (joined 2023–2024, left 2023–2024), (joined since 2025, left since).
COHORTS = ((64, 4), (95, 19), (8, 5))
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = "伟强磊军勇杰涛明超斌鹏辉浩宇航飞龙凯帅亮刚建国志华文博俊峰晨阳鑫波东海平"
STATIONS = ("饿了么经二路站", "美团渭滨一站", "美团新建路站", "饿了么火车站站", "顺丰同城渭滨站")
# 经二路街道's communities in a grid of illustrative rectangles (WGS-84): (row, column) of each.
GRID = {"新建路社区": (0, 0), "渭工路社区": (0, 1), "新宝路社区": (0, 2), "南关路社区": (1, 0), "新渭路社区": (1, 1),
        "新民路社区": (1, 2), "经一路社区": (2, 1)}
ORIGIN = (34.3660, 107.1400)  # the grid's north-west corner
CELL = (0.008, 0.010)  # about 890 m × 920 m
REPORTS = (
    ("楼道杂物堆放", "3号楼2单元楼道堆放纸箱和旧家具，影响通行", 0.3, 0.4, "fixed"),
    ("消防通道堵塞", "小区东门消防通道被私家车长期占用", 0.6, 0.7, "fixed"),
    ("飞线充电", "5号楼一楼窗户拉出电线给电动车充电", 0.2, 0.8, "confirmed"),
    ("井盖破损缺失", "新渭路人行道井盖破损，夜间易绊倒行人", 0.7, 0.2, "fixed"),
    ("独居老人需要帮助", "2号楼独居老人多日未见下楼取外卖", 0.5, 0.5, "fixed"),
    ("路面坑洼积水", "巷口路面塌陷积水，电动车易滑倒", 0.8, 0.6, "open"),
)


def _name(rng: Any, used: set[str]) -> str:
    while True:
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
        if name not in used:
            used.add(name)
            return name


def _day_between(rng: Any, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randrange(max(1, (end - start).days)))


def seed(ctx: Any) -> None:
    community = ctx.unit(COMMUNITY)
    _seed_areas(ctx, community)
    services.categories_for(community.county)
    rider_user = ctx.users.get("xinweilu_rider")
    rng = ctx.rng
    today = clock.today()
    used: set[str] = {"马骏"}
    phones: set[str] = set()
    windows = ((dt.date(2022, 3, 1), START), (START, TWO_YEARS_ON), (TWO_YEARS_ON, today))
    made = 0
    for (joining, leaving), (start, end) in zip(COHORTS, windows, strict=True):
        riders = []
        for index in range(joining):
            phone = f"13{rng.randrange(5, 10)}{rng.randrange(10**7, 10**8)}"
            while phone in phones:
                phone = f"13{rng.randrange(5, 10)}{rng.randrange(10**7, 10**8)}"
            phones.add(phone)
            first = start == windows[0][0] and index == 0 and rider_user is not None
            platform = rng.choice((Platform.ELEME, Platform.MEITUAN, Platform.MEITUAN, Platform.OTHER))
            duties = rng.sample(list(Duty.values), rng.choice((1, 1, 2, 3)))
            riders.append(services.rider_enrol(
                actor=None, community=community, name="马骏" if first else _name(rng, used), phone=phone, duties=duties,
                joined_on=_day_between(rng, start, end - dt.timedelta(days=40)), platform=platform,
                station=rng.choice(STATIONS) if platform != Platform.OTHER else "", title="新渭骑士", user=rider_user if first else None))
        # Leavers of the window: riders of this window, leaving after they joined and before the window ends.
        for rider in rng.sample(riders[1:], leaving):
            services.rider_status_set(actor=None, rider=rider, status="left", since=_day_between(rng, rider.joined_on + dt.timedelta(days=1), end),
                                      note="工作调动离开辖区")
        # A few pause for a while (still members) and come back.
        for rider in rng.sample([r for r in riders if r.statuses.count() == 1], 3):
            paused = rider.joined_on + dt.timedelta(days=20)
            services.rider_status_set(actor=None, rider=rider, status="paused", since=paused, note="回老家过年")
            services.rider_status_set(actor=None, rider=rider, status="active", since=paused + dt.timedelta(days=15))
        made += joining
    if rider_user is not None:
        _seed_reports(ctx, community, rider_user)
    _seed_activity(ctx, community)
    ctx.say(f"riders: {made} riders and volunteers enrolled with {COMMUNITY}")


def _seed_areas(ctx: Any, community: Unit) -> None:
    features = []
    for name, (row, col) in GRID.items():
        if not Unit.objects.filter(name=name, parent=community.parent).exists():
            continue
        north, west = ORIGIN[0] - row * CELL[0], ORIGIN[1] + col * CELL[1]
        south, east = north - CELL[0], west + CELL[1]
        ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
        features.append({"type": "Feature", "properties": {"name": name}, "geometry": {"type": "Polygon", "coordinates": [ring]}})
    import json

    services.areas_import(actor=None, text=json.dumps({"type": "FeatureCollection", "features": features}))


def _seed_reports(ctx: Any, community: Unit, rider_user: Any) -> None:
    categories = {c.name: c for c in services.categories_for(community.county)}
    row, col = GRID[COMMUNITY]
    north, west = ORIGIN[0] - row * CELL[0], ORIGIN[1] + col * CELL[1]
    now = timezone.now()
    reviewer = ctx.users.get("xinweilu_secretary")
    for index, (category, text, fy, fx, status) in enumerate(REPORTS):
        lat, lng = north - fy * CELL[0], west + fx * CELL[1]
        report = services.hazard_report(actor=rider_user, category=categories[category].pk, description=text, lat=lat, lng=lng,
                                        datum="wgs84", now=now - dt.timedelta(days=700 - index * 120))
        if status in (HazardStatus.CONFIRMED, HazardStatus.FIXED):
            services.hazard_decide(actor=reviewer, report=report, status=HazardStatus.CONFIRMED, now=report.reported_at + dt.timedelta(hours=20))
        if status == HazardStatus.FIXED:
            services.hazard_decide(actor=reviewer, report=HazardReport.objects.get(pk=report.pk), status=HazardStatus.FIXED,
                                   now=report.reported_at + dt.timedelta(days=4 + index))


PATROLS = 48  # the article's "巡查48次", in 2023–2024
MATERIALS = (("反诈骗宣传单", 3), ("消防安全提示卡", 2), ("交通安全告知书", 1), ("燃气安全使用手册", 1), ("文明城市倡议书", 1))
PLACES = ("新渭路12号院门口", "经二路菜市场", "新渭路沿街商铺", "渭滨花园小区", "新渭路社区党群服务中心", "经二路公交站")
ROUTES = ("新渭路—经二路沿街商铺", "渭滨花园小区楼道", "新渭路12号院及周边", "经二路菜市场周边", "新渭路社区老旧小区")
FINDINGS = ("楼道堆放杂物，已提醒住户", "发现一处飞线充电", "消防通道有车辆占用", "井盖松动", "")
# (category, typical description, days to fix: low, high) — a blocked fire exit is cleared in a day or two, a sunken road
# surface waits for the works department for weeks.
KINDS = (
    ("楼道杂物堆放", "楼道堆放纸箱和旧家具，影响通行", 2, 7),
    ("消防通道堵塞", "消防通道被车辆占用", 0.5, 3),
    ("井盖破损缺失", "人行道井盖破损", 3, 12),
    ("飞线充电", "楼上拉电线给电动车充电", 0.5, 2),
    ("电线私拉乱接", "沿街商铺私拉电线", 3, 15),
    ("路面坑洼积水", "路面塌陷积水", 7, 35),
    ("独居老人需要帮助", "独居老人多日未见下楼", 0.1, 1),
    ("其他安全隐患", "广告牌松动", 2, 10),
)


def _members_by_day(community: Unit) -> list[tuple[Rider, dt.date, dt.date | None]]:
    left = dict(StatusChange.objects.filter(rider__community=community, status="left").values_list("rider_id", "since"))
    return [(r, r.joined_on, left.get(r.pk)) for r in Rider.objects.filter(community=community).order_by("pk")]


def _member_on(rng: Any, members: list[tuple[Rider, dt.date, dt.date | None]], day: dt.date) -> Rider:
    return rng.choice([r for r, joined, left in members if joined <= day and (left is None or left > day)])


def _at(day: dt.date, hour: float) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time()) + dt.timedelta(hours=hour))


def _seed_activity(ctx: Any, community: Unit) -> None:
    import random

    # Its own random stream: the apps seeded after this one draw the same numbers whatever is added here.
    rng = random.Random(4012)
    members = _members_by_day(community)
    secretary = ctx.users.get("xinweilu_secretary")
    handouts = _seed_publicity(rng, community, members)
    patrols = _seed_patrols(rng, community, members, secretary)
    reports = _seed_hazards(rng, community, members, secretary)
    ctx.say(f"riders: {handouts} publicity copies, {patrols} patrols, {reports} hazard reports at {COMMUNITY}")


def _seed_publicity(rng: Any, community: Unit, members: list[Any]) -> int:
    rows = []
    for week in range(0, 104, 1):
        day = START + dt.timedelta(days=week * 7 + rng.randrange(7))
        material = rng.choice([m for m, weight in MATERIALS for _ in range(weight)])
        rows.append(Publicity(rider=_member_on(rng, members, day), community=community, material=material, count=rng.randrange(8, 17),
                              place=rng.choice(PLACES), day=day))
    made = Publicity.objects.bulk_create(rows, batch_size=500)
    ledger_add_many(measure=services.MATERIALS, rows=list(figures.materials_rows(Publicity.objects.filter(pk__in=[p.pk for p in made]))))
    return sum(p.count for p in made)


def _seed_patrols(rng: Any, community: Unit, members: list[Any], secretary: Any) -> int:
    rows = []
    for index in range(PATROLS):
        day = START + dt.timedelta(days=index * 15 + rng.randrange(10))
        start = _at(day, rng.choice((9, 14, 15, 19, 20)))
        rows.append(Patrol(rider=_member_on(rng, members, day), community=community, area=rng.choice(ROUTES), started_at=start,
                           ended_at=start + dt.timedelta(minutes=rng.choice((40, 60, 90))), day=day, findings=rng.choice(FINDINGS),
                           status=PatrolStatus.ACCEPTED, decided_by=secretary, decided_at=start + dt.timedelta(days=1)))
    made = Patrol.objects.bulk_create(rows)
    worth = points.points_for(community.county, "patrol")
    if worth:
        PointsEntry.objects.bulk_create([PointsEntry(rider=p.rider, points=worth, act=f"patrol:{p.pk}", reason=f"巡查经社区认可：{p.area}",
                                                     at=p.started_at + dt.timedelta(days=1)) for p in made])
    ledger_add_many(measure=services.PATROLS, rows=list(figures.patrols_rows(Patrol.objects.filter(pk__in=[p.pk for p in made]))))
    return len(made)


def _hazard(rng: Any, community: Unit, members: list[Any], secretary: Any, day: dt.date, categories: dict[str, Any]) -> HazardReport:
    name, text, low, high = rng.choice(KINDS)
    assert community.county_id is not None
    row, col = GRID[COMMUNITY]
    north, west = ORIGIN[0] - row * CELL[0], ORIGIN[1] + col * CELL[1]
    reported = _at(day, rng.uniform(7, 22))
    report = HazardReport(county_id=community.county_id, category=categories[name], description=text, unit=community,
                          lat=round(north - rng.uniform(0.05, 0.95) * CELL[0], 6), lng=round(west + rng.uniform(0.05, 0.95) * CELL[1], 6),
                          datum="wgs84", routed_by=RoutedBy.BOUNDARY, reporter=secretary, rider=_member_on(rng, members, day),
                          reported_at=reported)
    age = (clock.today() - day).days
    roll = rng.random()
    if roll < 0.08:
        report.status = HazardStatus.REJECTED
    elif age > 45 or roll < 0.6:
        report.confirmed_at = reported + dt.timedelta(hours=rng.uniform(0.5, 30))
        fix = reported + dt.timedelta(days=rng.uniform(low, high))
        fixed = fix.date() < clock.today() and (age > 45 or roll < 0.5)
        report.status, report.fixed_at = (HazardStatus.FIXED, fix) if fixed else (HazardStatus.CONFIRMED, None)
    return report


def _seed_hazards(rng: Any, community: Unit, members: list[Any], secretary: Any) -> int:
    if secretary is None:
        return 0
    categories = {c.name: c for c in services.categories_for(community.county)}
    days = []
    day = START
    while day < clock.today() - dt.timedelta(days=7):
        days.append(day)
        day += dt.timedelta(days=rng.choice((3, 4, 5, 6, 7)))
    made = HazardReport.objects.bulk_create([_hazard(rng, community, members, secretary, d, categories) for d in days], batch_size=500)
    worth = points.points_for(community.county, "hazard")
    if worth:
        PointsEntry.objects.bulk_create([PointsEntry(rider=r.rider, points=worth, act=f"hazard_confirmed:{r.pk}",
                                                     reason=f"隐患上报经确认：{r.category.name}", at=r.confirmed_at)
                                         for r in made if r.confirmed_at is not None and r.status != HazardStatus.REJECTED])
    created = HazardReport.objects.filter(pk__in=[r.pk for r in made])
    ledger_add_many(measure=services.REPORTED, rows=figures.reported_rows(created))
    ledger_add_many(measure=services.CONFIRMED, rows=figures.confirmed_rows(created))
    ledger_add_many(measure=services.FIXED, rows=figures.fixed_rows(created))
    return len(made)
