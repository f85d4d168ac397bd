"""Demo data: 新渭路社区's vulnerable households (独居老人, 空巢, 残疾, 低保, 留守儿童), each with its consent, paired with
新渭骑士 who never left (the demo rider 马骏 among them), and their visits and errands since 2023 as raw help records —
confirmed ones earning points through riders.points. Ten households were helped one-on-one in 2023–2024 (the article's
"一对一帮扶10户"): the figure is counted from these records by the selector the pages use, never stored."""

from __future__ import annotations

import datetime as dt
from typing import Any

from qingzhuang.households import selectors, services
from qingzhuang.households.models import ConsentHow, Help, HelpKind, HelpStatus, Household, Pairing, Status
from qingzhuang.ledger.services import ledger_add_many
from qingzhuang.lib import clock
from qingzhuang.riders.models import Rider, StatusChange
from qingzhuang.riders.points import points_award

COMMUNITY = "新渭路社区"
START, TWO_YEARS_ON = dt.date(2023, 1, 1), dt.date(2025, 1, 1)
# (head, kinds, needs, helped in 2023–2024): ten helped, four not (two joined the list later, one whose visits were not
# confirmed, one that moved away before any help).
HOUSEHOLDS = (
    ("王秀英", ["elderly_alone"], "独居，子女在外地；每周代买菜，每月陪同取药", True),
    ("李建国", ["elderly_alone", "disabled"], "行动不便，需代购生活用品、代缴水电费", True),
    ("张淑兰", ["empty_nest"], "老两口独住，定期上门探访，帮忙更换灯泡等小事", True),
    ("刘德明", ["disabled"], "肢体残疾，轮椅出行；代办残疾人补贴年审材料", True),
    ("陈桂芳", ["hardship", "elderly_alone"], "低保户，代购米面油，冬季检查取暖", True),
    ("杨玉珍", ["elderly_alone"], "听力不好，敲门要大声；每周探访一次", True),
    ("赵志强", ["hardship", "disabled"], "低保，代取药品，代办医保报销", True),
    ("黄美华", ["empty_nest"], "子女在西安工作；代购、陪聊", True),
    ("周小雨", ["left_behind_children"], "父母外出务工，与奶奶同住；放学后看看、代买文具", True),
    ("吴秀珍", ["elderly_alone"], "独居，雨雪天代买菜", True),
    ("徐长海", ["elderly_alone"], "独居；2025年起列入帮扶", False),
    ("孙丽娟", ["hardship"], "低保，代办临时救助申请", False),
    ("马文斌", ["disabled"], "视力残疾；代读信件、代购", False),
    ("朱凤英", ["empty_nest"], "空巢老人，已随子女搬离", False),
)
STREETS = ("新渭路12号院", "新渭路18号院", "经二路35号院", "新渭路6号院", "渭滨花园")
TASKS = {HelpKind.VISIT: ("上门探访，聊天，检查水电燃气", "上门看看，帮忙收拾屋子", "探访，测血压并提醒按时吃药"),
         HelpKind.ERRAND: ("代购蔬菜和米面", "代取药品", "代缴水电费", "代办补贴材料")}


def seed(ctx: Any) -> None:
    community = ctx.unit(COMMUNITY)
    today = clock.today()
    helpers = _steady_riders(community)
    if not helpers:
        ctx.say("households: no riders to pair (run the riders demo first)")
        return
    demo_rider = Rider.objects.filter(user=ctx.users.get("xinweilu_rider")).first()
    if demo_rider in helpers:
        helpers.remove(demo_rider)
        helpers.insert(0, demo_rider)
    households, pairings = [], []
    for index, (head, kinds, needs, _helped) in enumerate(HOUSEHOLDS):
        consent = dt.date(2024, 11, 5) if index == 10 else dt.date(2022, 10, 10) + dt.timedelta(days=7 * index)
        status, since = Status.ACTIVE, consent
        if index == 13:
            status, since = Status.MOVED, dt.date(2023, 2, 20)
        households.append(Household(
            community=community, head_name=head, address=f"{STREETS[index % len(STREETS)]}{index % 6 + 1}号楼{index % 3 + 1}单元{100 + index}",
            phone=f"1399172{index:04d}", kinds=kinds, needs=needs, health="高血压，需每日服药" if index % 3 == 0 else "",
            consent_by=f"{head}本人" if index != 8 else "周小雨的奶奶（监护人）", consent_on=consent,
            consent_how=ConsentHow.GUARDIAN if index == 8 else (ConsentHow.WRITTEN if index % 2 == 0 else ConsentHow.ORAL),
            status=status, status_since=since))
    households = Household.objects.bulk_create(households)
    for index, household in enumerate(households):
        rider = helpers[0] if index in (0, 1) else helpers[index % len(helpers)]
        pairings.append(Pairing(household=household, rider=rider, since=max(household.consent_on, dt.date(2023, 1, 2)),
                                until=household.status_since if household.status != Status.ACTIVE else None))
    Pairing.objects.bulk_create(pairings)
    _seed_helps(ctx, households, pairings, today)
    helped = selectors.households_helped([community], START, TWO_YEARS_ON)
    ctx.say(f"households: {len(households)} vulnerable households of {COMMUNITY}, {helped} helped one-on-one in 2023–2024")


def _steady_riders(community: Any) -> list[Rider]:
    """Riders who joined before 2023 and never left: a pairing kept for years."""
    left = StatusChange.objects.filter(rider__community=community, status="left").values("rider_id")
    return list(Rider.objects.filter(community=community, joined_on__lt=START).exclude(pk__in=left).order_by("joined_on", "id")[:8])


def _seed_helps(ctx: Any, households: list[Household], pairings: list[Pairing], today: dt.date) -> None:
    rng = ctx.rng
    reviewer = ctx.users.get("xinweilu_secretary")
    made: list[Help] = []
    for index, ((_head, _kinds, _needs, helped), household, pairing) in enumerate(zip(HOUSEHOLDS, households, pairings, strict=True)):
        if household.status != Status.ACTIVE:
            continue
        first = max(pairing.since, START) if helped else max(pairing.since, TWO_YEARS_ON)
        day = first + dt.timedelta(days=rng.randrange(5, 30))
        while day < today - dt.timedelta(days=2):
            kind = rng.choice((HelpKind.VISIT, HelpKind.ERRAND))
            # One household's visits in the two years were never confirmed (recorded without the details staff need).
            unconfirmed = index == 12 and day < TWO_YEARS_ON
            status = HelpStatus.REJECTED if unconfirmed else (HelpStatus.RECORDED if day > today - dt.timedelta(days=20) else HelpStatus.CONFIRMED)
            made.append(Help(household=household, rider=pairing.rider, kind=kind, what=rng.choice(TASKS[kind]), done_on=day,
                             minutes=rng.choice((20, 30, 45, 60, 90)), status=status, recorded_by=pairing.rider.user,
                             decided_by=reviewer if status != HelpStatus.RECORDED else None,
                             decided_on=day + dt.timedelta(days=2) if status != HelpStatus.RECORDED else None,
                             note="未写明所做事项，请补充" if status == HelpStatus.REJECTED else ""))
            day += dt.timedelta(days=rng.randrange(20, 75))
        if index == 12:
            first_day = START + dt.timedelta(days=40)
            made.append(Help(household=household, rider=pairing.rider, kind=HelpKind.VISIT, what="上门", done_on=first_day, minutes=30,
                             status=HelpStatus.REJECTED, decided_by=reviewer, decided_on=first_day, note="未写明所做事项，请补充"))
    made = Help.objects.bulk_create(made)
    for item in made:
        if item.status == HelpStatus.CONFIRMED:
            points_award(actor=None, rider=item.rider_id, kind="help", act=f"help:{item.pk}", reason=f"{item.get_kind_display()} {item.done_on}")
    end = today + dt.timedelta(days=1)
    ledger_add_many(measure=services.HELPED, rows=list(selectors.helped_compute(services.EARLIEST, end)))
    ledger_add_many(measure=services.ACTS, rows=list(selectors.acts_compute(services.EARLIEST, end)))
