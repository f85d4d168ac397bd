"""Demo data: 新渭路社区's riders (新渭骑士) from the first recruitment in 2022 — 60 members on 1 January 2023 and 136
on 1 January 2025, the article's "两年多时间从60人发展到136人" — as raw enrolments and status changes (joins, pauses,
leavings), never a stored figure; illustrative boundaries for 经二路街道's communities (rectangles, not surveyed); and
two years of hazard reports by the demo rider, routed through the same services as the page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from qingzhuang.lib import clock
from qingzhuang.org.models import Unit
from qingzhuang.riders import services
from qingzhuang.riders.models import Duty, HazardReport, HazardStatus, Platform

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
            services.hazard_decide(actor=reviewer, report=report, status=HazardStatus.CONFIRMED)
        if status == HazardStatus.FIXED:
            services.hazard_decide(actor=reviewer, report=HazardReport.objects.get(pk=report.pk), status=HazardStatus.FIXED)
