"""Demo data: duty lists, tasks with and without a basis (one refused, one admitted), and signboards for
新渭路社区 (渭滨区) and 长发村 (镇安县), through the same services as the pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from qingzhuang.duties import services
from qingzhuang.lib import clock

LISTS = {
    "新渭路社区": ("渭滨区", [
        ("basic", "组织居民开展自治活动，召开居民会议", None),
        ("basic", "开展社区养老服务需求摸底和台账登记", None),
        ("basic", "协助做好辖区困难群众帮扶和走访", None),
        ("supporting", "协助开展城乡居民养老保险参保登记", "民政局"),
        ("supporting", "协助开展适龄儿童入学信息核对", "教育局"),
        ("taken_back", "开具居住证明以外的各类证明", "民政局"),
        ("taken_back", "城乡居民最低生活保障对象入户核查", "民政局"),
        ("taken_back", "校外培训机构安全巡查", "教育局"),
    ]),
    "长发村": ("镇安县", [
        ("basic", "组织村民议事和村务公开", None),
        ("basic", "开展村级养老服务需求摸底", None),
        ("supporting", "协助开展耕地保护巡查", "自然资源局"),
        ("taken_back", "道路施工安全巡查", "住房和城乡建设局"),
    ]),
}
SIGNBOARDS = {
    "新渭路社区": [
        ("中共新渭路社区委员会", None, "outside", "2019-03-01"), ("新渭路社区居民委员会", None, "outside", "2019-03-01"),
        ("新渭路社区民兵连", None, "outside", "2020-06-01"), ("新渭路社区党群服务中心", None, "outside", "2021-07-01"),
        ("新渭路社区老年人协会", "民政局", "outside", "2022-05-10"), ("新渭路社区文明实践站创建示范点", "教育局", "outside", "2023-09-01"),
        ("新渭路社区图书室", "教育局", "inside", "2022-01-01"),
    ],
    "长发村": [
        ("中共长发村支部委员会", None, "outside", "2018-01-01"), ("长发村村民委员会", None, "outside", "2018-01-01"),
        ("长发村民兵连", None, "outside", "2018-01-01"), ("长发村党群服务中心", None, "outside", "2020-01-01"),
        ("长发村耕地保护监督站", "自然资源局", "outside", "2023-04-01"),
    ],
}


def _department(ctx: Any, county: str, name: str | None) -> Any:
    return ctx.unit(f"{county}{name}") if name else None


def seed(ctx: Any) -> None:
    today = clock.today()
    made = {"lists": 0, "tasks": 0, "boards": 0}
    for unit_name, (county, items) in LISTS.items():
        unit = ctx.unit(unit_name)
        rows = [{"section": s, "title": t, "department_id": d.pk if (d := _department(ctx, county, dept)) else None} for s, t, dept in items]
        adjustment = services.adjustment_propose(actor=None, unit=unit, effective_from=dt.date(today.year, 1, 1),
                                                 reason="依据区（县）委办公室关于规范村（社区）工作事项的通知制定", items=rows)
        services.adjustment_approve(actor=None, adjustment=adjustment, note="经区（县）委办公室审定")
        made["lists"] += 1
    # 新渭路社区: one task on its list, one with no basis refused, one admitted through 准入, one waiting for entry.
    xinweilu, civil, education = ctx.unit("新渭路社区"), ctx.unit("渭滨区民政局"), ctx.unit("渭滨区教育局")
    in_force = services.selectors.list_on(xinweilu, today)
    assert in_force is not None
    listed = next(i for i in in_force.items.all() if i.title.startswith("开展社区养老"))
    due = today + dt.timedelta(days=40)
    services.task_send(actor=None, issuer=civil, recipient=xinweilu, title="报送辖区老年人养老服务需求台账",
                       content="请于年底前报送辖区60岁以上老年人养老服务需求摸底台账。", due_on=due, effort_hours=24, needs_data=True, cited_item_id=listed.pk)
    refused = services.task_send(actor=None, issuer=education, recipient=xinweilu, title="组织辖区居民参加书香社区阅读打卡",
                                 content="请社区组织居民每日阅读打卡，上传照片和签到表。", due_on=due, effort_hours=40, needs_traces=True)
    services.task_refuse(actor=ctx.users.get("xinweilu_secretary"), task=refused, reason="不在社区履职事项清单内，未经准入，且要求留痕。")
    admitted = services.task_send(actor=None, issuer=civil, recipient=xinweilu, title="冬季独居老人安全走访",
                                  content="寒潮期间请社区配合走访辖区独居老人，发现问题及时报告。", due_on=due, effort_hours=16,
                                  application="社区掌握独居老人底数，需配合民政局走访；民政局派员同行。")
    services.entry_decide(actor=ctx.users.get("weibin_reviewer"), task=admitted, admit=True, note="确需社区配合，准予进入，限本次寒潮期间。")
    services.task_send(actor=None, issuer=education, recipient=xinweilu, title="校外培训机构安全隐患排查",
                       content="请社区排查辖区校外培训机构安全隐患并报送排查表。", due_on=due, effort_hours=12,
                       application="排查范围大，需社区协助摸底。")
    made["tasks"] += 4
    # 长发村: a task with no basis, refused by the village.
    changfa, resources = ctx.unit("长发村"), ctx.unit("镇安县自然资源局")
    task = services.task_send(actor=None, issuer=resources, recipient=changfa, title="报送村组道路施工安全巡查记录",
                              content="请村委会每周巡查道路施工安全，附巡查照片。", due_on=due, effort_hours=20, needs_traces=True)
    services.task_refuse(actor=ctx.users.get("changfa_secretary"), task=task, reason="道路施工安全巡查已由上级部门收回，不在村级清单内。")
    made["tasks"] += 1
    for unit_name, boards in SIGNBOARDS.items():
        unit = ctx.unit(unit_name)
        county = LISTS[unit_name][0]
        for name, dept, placement, since in boards:
            services.signboard_record(actor=None, unit=unit, name=name, placement=placement, since=dt.date.fromisoformat(since),
                                      issuer=_department(ctx, county, dept))
            made["boards"] += 1
    excess = [b for b in xinweilu.signboards.all() if not b.allowed]
    if excess:
        services.signboard_remove(actor=ctx.users.get("xinweilu_secretary"), board=excess[0], removed_on=today - dt.timedelta(days=20),
                                  photo="新渭路社区档案室 摘牌照片 2026-11-07 第1张", note="按区委办挂牌清理要求摘除")
    ctx.say(f"duties: {made['lists']} duty lists, {made['tasks']} tasks (listed, refused, admitted, waiting), {made['boards']} signboards, one excess removed")
