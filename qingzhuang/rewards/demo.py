"""Demo data: 新渭路社区's riders in training over two years — courses by 渭滨区委办公室 and by the community, their
sessions, enrolments, attendance and completions (two marked by staff with a reason), each completion's points as the
county's rule sets them — and the community's store (爱心超市) with its stock and redemptions (handed over, waiting,
one cancelled and refunded). Raw records written in bulk (after the riders' demo, whose riders they train); the figures
on the pages are computed from them. Nobody's balance goes below zero: a redemption is made only within the balance."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.utils import timezone

from qingzhuang.ledger.services import ledger_add_many
from qingzhuang.org.models import Unit, UnitKind
from qingzhuang.rewards.models import (
    Attendance,
    CompletedBy,
    Completion,
    Course,
    CourseKind,
    Enrolment,
    Redemption,
    RedemptionStatus,
    Session,
    StockMove,
    StoreItem,
)
from qingzhuang.rewards.services import COMPLETIONS
from qingzhuang.riders import points
from qingzhuang.riders.models import MemberStatus, PointsEntry, Rider
from qingzhuang.riders.selectors import with_status

COMMUNITY = "新渭路社区"
# (offered by the county office?, kind, title, first session, sessions required, share of members enrolled, trainer, place)
COURSES = (
    (True, CourseKind.LAW, "骑手普法讲堂：民法典与防范电信诈骗", dt.date(2023, 4, 12), 1, 0.5, "渭滨区司法局 李律师", "渭滨区新时代文明实践中心"),
    (False, CourseKind.TRAFFIC, "交通安全与文明骑行", dt.date(2023, 6, 8), 2, 0.6, "渭滨交警大队 王警官", "新渭路社区党群服务中心"),
    (True, CourseKind.RESCUE, "应急救护：心肺复苏与AED使用", dt.date(2023, 11, 16), 2, 0.35, "宝鸡市红十字会 张老师", "渭滨区应急管理局培训室"),
    (False, CourseKind.FIRE, "消防安全与电动车规范充电", dt.date(2024, 5, 22), 1, 0.55, "经二路消防救援站 赵队长", "新渭路社区党群服务中心"),
    (False, CourseKind.LAW, "普法：邻里纠纷调解与未成年人保护", dt.date(2024, 9, 19), 1, 0.4, "社区法律顾问 陈律师", "新渭路社区党群服务中心"),
    (True, CourseKind.TRAFFIC, "交规复训：电动自行车新国标", dt.date(2025, 3, 27), 1, 0.45, "渭滨交警大队 王警官", "渭滨区新时代文明实践中心"),
)
# (item, price in points, stock received)
ITEMS = (("洗衣液 2kg", 30, 20), ("食用油 5L", 60, 10), ("大米 5kg", 80, 10), ("雨衣", 40, 15), ("保温杯", 35, 12), ("手机支架", 15, 30))


def _at(day: dt.date, hour: int = 19) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def _members_on(community: Unit, day: dt.date) -> list[Rider]:
    return list(with_status(Rider.objects.filter(community=community, joined_on__lte=day), day).filter(status_now=MemberStatus.ACTIVE)
                .order_by("id"))


def seed(ctx: Any) -> None:
    community = ctx.unit(COMMUNITY)
    office = Unit.objects.filter(county_id=community.county_id, kind=UnitKind.PARTY_GOV_OFFICE).order_by("id").first()
    if office is None or not Rider.objects.filter(community=community).exists():
        return
    star = Rider.objects.filter(community=community, user__isnull=False).order_by("id").first()
    completions = _seed_training(ctx, community, office, star)
    redemptions = _seed_store(ctx, community)
    ctx.say(f"rewards: {len(COURSES)} courses, {completions} completions, {redemptions} store redemptions at {COMMUNITY}")


def _seed_training(ctx: Any, community: Unit, office: Unit, star: Rider | None) -> int:
    rng = ctx.rng
    staff = ctx.users.get("xinweilu_secretary")
    course_points = points.points_for(community.county, "course")
    made: list[Completion] = []
    for by_county, kind, title, first, required, share, trainer, place in COURSES:
        course = Course.objects.create(offered_by=office if by_county else community, kind=kind, title=title, required_sessions=required,
                                       description=f"{title}（{'区级' if by_county else '社区'}培训）", created_by=staff)
        days = [first + dt.timedelta(days=7 * n) for n in range(required)]
        members = _members_on(community, first)
        chosen = rng.sample(members, int(len(members) * share))
        if star is not None and star in members and star not in chosen:
            chosen.append(star)
        seats = len(chosen) + 10
        sessions = Session.objects.bulk_create([Session(course=course, starts_at=_at(day), place=place, trainer=trainer, seats=seats)
                                                for day in days])
        Enrolment.objects.bulk_create([Enrolment(course=course, rider=r, enrolled_on=first - dt.timedelta(days=10), enrolled_by=staff)
                                       for r in chosen])
        attended: dict[int, int] = {}
        rows = []
        for session in sessions:
            for rider in chosen:
                if rider == star or rng.random() < 0.88:
                    rows.append(Attendance(session=session, rider=rider, recorded_by=staff))
                    attended[rider.pk] = attended.get(rider.pk, 0) + 1
        Attendance.objects.bulk_create(rows)
        done = [Completion(course=course, rider=r, completed_on=days[-1], how=CompletedBy.ATTENDANCE, recorded_by=staff)
                for r in chosen if attended.get(r.pk, 0) >= required]
        missed = [r for r in chosen if attended.get(r.pk, 0) < required]
        done += [Completion(course=course, rider=r, completed_on=days[-1] + dt.timedelta(days=30), how=CompletedBy.STAFF,
                            reason="参加了街道组织的补课并通过考核", recorded_by=staff) for r in missed[:1]]
        made += Completion.objects.bulk_create(done)
    if course_points:
        titles = dict(Course.objects.filter(pk__in={c.course_id for c in made}).values_list("pk", "title"))
        PointsEntry.objects.bulk_create([PointsEntry(rider_id=c.rider_id, points=course_points, act=f"course:{c.pk}",
                                                     reason=f"完成培训：{titles[c.course_id]}"[:200], at=_at(c.completed_on, 21)) for c in made])
    ledger_add_many(measure=COMPLETIONS, rows=[(community.pk, c.completed_on, 1.0, c.course.offered_by_id) for c in made])
    return len(made)


def _balances(community: Unit) -> dict[int, int]:
    found: dict[int, int] = {}
    for rider_id, amount in PointsEntry.objects.filter(rider__community=community).values_list("rider_id", "points"):
        found[rider_id] = found.get(rider_id, 0) + amount
    return found


def _seed_store(ctx: Any, community: Unit) -> int:
    rng = ctx.rng
    staff = ctx.users.get("xinweilu_secretary")
    opened = dt.date(2024, 1, 8)
    items = StoreItem.objects.bulk_create([StoreItem(community=community, name=name, price=price, stock=stock) for name, price, stock in ITEMS])
    StockMove.objects.bulk_create([StockMove(item=i, change=i.stock, reason="爱心企业捐赠入库", by=staff, at=_at(opened, 10)) for i in items])
    balances = _balances(community)
    rich = sorted((pk for pk, b in balances.items() if b > 0), key=lambda pk: (-balances[pk], pk))
    redemptions: list[Redemption] = []
    for index, rider_id in enumerate(rich[:40]):
        affordable = [i for i in items if i.price <= balances[rider_id] and i.stock > 0]
        if not affordable:
            continue
        item = rng.choice(affordable)
        day = opened + dt.timedelta(days=10 + index * 15)
        status = RedemptionStatus.RESERVED if index % 13 == 5 else RedemptionStatus.CANCELLED if index == 7 else RedemptionStatus.HANDED_OVER
        closed = None if status == RedemptionStatus.RESERVED else _at(day + dt.timedelta(days=2), 15)
        redemptions.append(Redemption(item=item, rider_id=rider_id, points=item.price, code=f"{secrets.randbelow(1_000_000):06d}", status=status,
                                      redeemed_at=_at(day, 12), closed_at=closed, closed_by=staff if closed else None,
                                      note="骑手改选其他物品" if status == RedemptionStatus.CANCELLED else ""))
        if status != RedemptionStatus.CANCELLED:
            item.stock -= 1
            balances[rider_id] -= item.price
    made = Redemption.objects.bulk_create(redemptions)
    entries = [PointsEntry(rider_id=r.rider_id, points=-r.points, act=f"store:{r.pk}", reason=f"爱心超市兑换：{r.item.name}", at=r.redeemed_at)
               for r in made]
    entries += [PointsEntry(rider_id=r.rider_id, points=r.points, act=f"store_refund:{r.pk}", reason=f"取消兑换，退回积分：{r.item.name}",
                            at=r.closed_at or r.redeemed_at) for r in made if r.status == RedemptionStatus.CANCELLED]
    PointsEntry.objects.bulk_create(entries)
    StoreItem.objects.bulk_update(items, ["stock"])
    return len(made)
