"""Demo inspections for 镇安县 (611025).

History as raw records (they predate the system: no gate, no audit), from which the figures are
computed, never typed in:

- 2023: 40 supervisions and inspections and 27 assessments carried out; the county's departments and
  towns received them 100 times (an item inspecting two units is received twice);
- 2024: 36 and 23 (the article's figures), received 88 times by departments and towns: 12% fewer.
  Two joint inspections each replaced two overlapping proposals (the four replaced items never count),
  and three proposals were refused for criteria demanding traces (留痕).

Some items also inspected a community or village: those receipts are on the grassroots boards but not
in the departments-and-towns figure. This year goes through the services: caps, a filed plan with items
carried out and one announced for 长发村, one outside the plan awaiting the monthly review; next year's
plan takes proposals, two of them overlapping, ready to be merged.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any

from qingzhuang.gate.selectors import county_office
from qingzhuang.gate.services import quota_set
from qingzhuang.inspections import ledger, services
from qingzhuang.inspections.errors import InspectionError
from qingzhuang.inspections.models import InspectionKind, InspectionPlan, Item, ItemStatus, PlanStatus, Visit
from qingzhuang.inspections.rules import TRACES_RULE
from qingzhuang.inspections.selectors import ASSESSMENTS_RECEIVED, ON_SITE_DAYS, RECEIVED
from qingzhuang.ledger.services import ledger_add_many
from qingzhuang.lib import clock
from qingzhuang.org.demo import DEPARTMENTS
from qingzhuang.org.models import Unit, UnitKind

COUNTY = "611025"
# year: (supervisions and inspections, assessments, receipts by departments and towns)
HISTORY = {2023: (40, 27, 100), 2024: (36, 23, 88)}
SUBJECTS = {
    InspectionKind.SUPERVISION: ["{d}重点任务落实情况督查", "{d}民生实事推进督查", "{d}整改落实情况督查"],
    InspectionKind.INSPECTION: ["{d}安全生产检查", "{d}专项资金使用检查", "{d}政策落实情况检查", "{d}服务窗口作风检查"],
    InspectionKind.ASSESSMENT: ["{d}年度目标责任考核", "{d}专项工作考核"],
}
CRITERIA = "以工作实绩和群众满意度为准：任务完成情况、问题整改情况、服务对象评价。"


def seed(ctx: Any) -> None:
    county = ctx.counties.get(COUNTY)
    if county is None:
        return
    office = county_office(county)
    if office is None:
        return
    departments = [ctx.unit(f"{county.name}{d}") for d in DEPARTMENTS]
    towns = list(Unit.objects.filter(county=county, kind=UnitKind.TOWN_OFFICE).order_by("path"))
    villages = list(Unit.objects.filter(county=county, kind__in=[UnitKind.COMMUNITY, UnitKind.VILLAGE]).order_by("path"))
    for year, (inspections, assessments, receipts) in HISTORY.items():
        _history(office, year, inspections, assessments, receipts, departments, towns, villages)
    start, end = dt.date(2023, 1, 1), dt.date(2025, 1, 1)
    for measure, compute in (
        (RECEIVED, ledger.compute_received),
        (ASSESSMENTS_RECEIVED, ledger.compute_assessments_received),
        (ON_SITE_DAYS, ledger.compute_on_site_days),
    ):
        ledger_add_many(measure=measure, rows=compute(start, end))
    _this_year(ctx, office, departments, towns)
    ctx.say(f"inspections: {Item.objects.count()} items (镇安县 2023/2024 history, this year's plan, next year's proposals)")


def _days(year: int, n: int) -> list[dt.date]:
    days = [d for d in (dt.date(year, 2, 20) + dt.timedelta(days=i) for i in range(300)) if d.weekday() < 5 and d.year == year]
    step = len(days) / n
    return [days[int(i * step)] for i in range(n)]


def _history(
    office: Unit, year: int, n_inspections: int, n_assessments: int, receipts: int,
    departments: list[Unit], towns: list[Unit], villages: list[Unit],
) -> None:
    plan = InspectionPlan.objects.create(office=office, year=year, status=PlanStatus.FILED)
    kinds = [InspectionKind.SUPERVISION if i % 3 == 0 else InspectionKind.INSPECTION for i in range(n_inspections)]
    kinds += [InspectionKind.ASSESSMENT] * n_assessments
    # Interleave so that the kinds spread over the year.
    order = sorted(range(len(kinds)), key=lambda i: (i * 7919) % len(kinds))
    kinds = [kinds[i] for i in order]
    receivers = departments + towns
    doubles = receipts - len(kinds)  # items inspecting two departments/towns; the rest inspect one
    items, targets, visits = [], [], []
    for i, (kind, day) in enumerate(zip(kinds, _days(year, len(kinds)), strict=True)):
        lead = office if kind == InspectionKind.SUPERVISION else departments[i % len(departments)]
        field = lead.name.removeprefix("镇安县") if lead != office else "全县"
        pool = [u for u in receivers if u != lead]
        chosen = [pool[(i * 3) % len(pool)]]
        if i < doubles:
            chosen.append(pool[(i * 3 + 5) % len(pool)])
        if i % 4 == 0 and villages:
            chosen.append(villages[(i * 5) % len(villages)])  # a grassroots unit too: not in the departments-and-towns figure
        on_site = i % 6 != 5
        items.append(Item(
            plan=plan, lead=lead, kind=kind, subject=SUBJECTS[kind][i % len(SUBJECTS[kind])].format(d=field), criteria=CRITERIA,
            window_start=day - dt.timedelta(days=7), window_end=day + dt.timedelta(days=3), on_site=on_site,
            status=ItemStatus.CARRIED_OUT, carried_out_on=day,
        ))
        targets.append(chosen)
    Item.objects.bulk_create(items)
    links = []
    for item, chosen in zip(items, targets, strict=True):
        links += [Item.targets.through(item_id=item.pk, unit_id=u.pk) for u in chosen]
        if item.on_site:
            days_on_site = 2 if year == 2023 and item.pk % 2 else 1
            visits += [Visit(item=item, unit=u, day=item.carried_out_on or item.window_start, inspectors="县督查组", on_site_days=days_on_site) for u in chosen]
    Item.targets.through.objects.bulk_create(links)
    Visit.objects.bulk_create(visits)
    if year == 2024:
        _merged_and_refused(plan, items, departments)


def _merged_and_refused(plan: InspectionPlan, items: list[Item], departments: list[Unit]) -> None:
    """Two of 2024's items are joint inspections, each replacing two proposals; three proposals were refused for traces."""
    joints = [i for i in items if i.kind == InspectionKind.INSPECTION][:2]
    replaced = []
    for n, joint in enumerate(joints):
        for k in range(2):
            replaced.append(Item(
                plan=plan, lead=departments[(n * 2 + k + 3) % len(departments)], kind=joint.kind, subject=f"{joint.subject}（原计划{k + 1}）",
                criteria=CRITERIA, window_start=joint.window_start, window_end=joint.window_end, status=ItemStatus.MERGED, merged_into=joint,
            ))
    refused = [
        Item(plan=plan, lead=departments[k], kind=InspectionKind.ASSESSMENT, subject=s, criteria=c, window_start=dt.date(2024, 5, 6),
             window_end=dt.date(2024, 5, 10), status=ItemStatus.REFUSED, refused_by_rule=TRACES_RULE, review_note="criteria demand traces")
        for k, (s, c) in enumerate([
            ("党建工作考核", "查看学习笔记和会议记录"), ("安全生产考核", "上传现场检查照片"), ("网格化管理考核", "按APP打卡率和在线时长评分"),
        ])
    ]
    Item.objects.bulk_create(replaced + refused)
    for item in replaced + refused:
        item.targets.set(joints[0].targets.all())


def _this_year(ctx: Any, office: Unit, departments: list[Unit], towns: list[Unit]) -> None:
    today = clock.today()
    year = today.year
    civil, education, emergency = departments[0], departments[1], departments[4]
    caps = {"inspection.supervision": 12, "inspection.inspection": 30, "inspection.assessment": 20, "inspection.grassroots_assess": 6}
    for kind, limit in caps.items():
        quota_set(actor=None, unit=office, year=year, kind=kind, limit=limit)
    for dept, limit in zip(departments, [4, 2, 3, 3, 3, 3, 3, 3, 3, 3], strict=True):
        quota_set(actor=None, unit=dept, year=year, kind="inspection", limit=limit)
    xikou = Unit.objects.filter(county=office.county, name="西口回族镇人民政府").first() or towns[0]
    changfa = Unit.objects.filter(county=office.county, name="长发村").first()
    yongle = Unit.objects.filter(county=office.county, name="永乐街道办事处").first() or towns[0]
    jan = dt.date(year, 1, 1)

    def window(offset: int, length: int = 5) -> tuple[dt.date, dt.date]:
        start = max(jan, min(today + dt.timedelta(days=offset), dt.date(year, 12, 31) - dt.timedelta(days=length)))
        return start, start + dt.timedelta(days=length)

    done = []
    for lead, kind, subject, targets, offset in [
        (civil, InspectionKind.INSPECTION, "城乡低保专项检查", [yongle, xikou], -120),
        (education, InspectionKind.INSPECTION, "校园安全检查", [yongle], -90),
        (emergency, InspectionKind.INSPECTION, "汛期安全生产检查", [xikou], -60),
        (office, InspectionKind.ASSESSMENT, "年度目标责任考核", [civil, education], -30),
    ]:
        start, end = window(offset)
        done.append(services.item_propose(actor=None, lead=lead, kind=kind, subject=f"{year}年{subject}", criteria=CRITERIA, targets=targets, window_start=start, window_end=end))
    start, end = window(8)
    coming = services.item_propose(
        actor=None, lead=civil, kind=InspectionKind.INSPECTION, subject=f"{year}年冬春救助政策落实检查", criteria=CRITERIA,
        targets=[xikou, *([changfa] if changfa else [])], window_start=start, window_end=end,
    )
    plan = coming.plan
    for item in [*done, coming]:
        services.item_accept(actor=None, item=item)
    services.plan_file(actor=None, plan=plan)
    for item in done:
        item.refresh_from_db()
        if item.window_end > today:
            continue
        for unit in item.targets.all():
            services.visit_record(actor=None, item=item, unit=unit, day=item.window_start, inspectors="县督查组", on_site_days=1)
        services.item_carry_out(actor=None, item=item)
    start, end = window(20)
    services.item_propose(
        actor=None, lead=education, kind=InspectionKind.SUPERVISION, subject=f"{year}年寒假校外培训治理督查", criteria=CRITERIA,
        targets=[yongle], window_start=start, window_end=end,
    )
    _next_year(office, civil, education, yongle, xikou, year + 1)


def _next_year(office: Unit, civil: Unit, education: Unit, yongle: Unit, xikou: Unit, year: int) -> None:
    """Next year's plan takes proposals: two overlap (the county office can merge them), one demanded photos."""
    services.item_propose(
        actor=None, lead=civil, kind=InspectionKind.INSPECTION, subject=f"{year}年养老服务机构安全检查", criteria=CRITERIA,
        targets=[yongle, xikou], window_start=dt.date(year, 3, 10), window_end=dt.date(year, 3, 20),
    )
    services.item_propose(
        actor=None, lead=education, kind=InspectionKind.SUPERVISION, subject=f"{year}年春季学期开学工作督查", criteria=CRITERIA,
        targets=[yongle], window_start=dt.date(year, 3, 15), window_end=dt.date(year, 3, 25),
    )
    with contextlib.suppress(InspectionError):  # refused for traces, as it should be: kept as refused
        services.item_propose(
            actor=None, lead=civil, kind=InspectionKind.ASSESSMENT, subject=f"{year}年社区工作考核", criteria="各社区上传入户走访照片，按签到表计分",
            targets=[xikou], window_start=dt.date(year, 6, 1), window_end=dt.date(year, 6, 10),
        )
