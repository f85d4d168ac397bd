"""碑林区's cases (吹哨报到) from raw case histories: 草场坡社区's service center moved to a new ~900 m² site through the
civil affairs bureau, the housing bureau's renovation office, 长安路街道 and the developer (a symposium and an on-site
meeting), and some two hundred more histories built from common problems of the district's communities, replayed
through the services in order — raise, accept, co-handlers, meetings, pause, resolve, callback — so every figure on the
board is computed from what happened. A few recent cases stay open: one overdue, one paused."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from qingzhuang.cases import services
from qingzhuang.cases.models import Case
from qingzhuang.lib import clock
from qingzhuang.org import services as org_services
from qingzhuang.org.demo import DEMO_PASSWORD
from qingzhuang.org.models import PersonKind, Region, Role, Unit, UnitKind
from qingzhuang.pairing.selectors import departments_for

BEILIN = "610103"
DEVELOPER = "西安南郊置业有限公司"
# Demo users of the paired department of 草场坡社区 (the civil affairs bureau): its clerk and its leader.
USERS = [("beilin_civil_clerk", Role.DEPARTMENT_CLERK, "碑林区民政局", "冯晓东"), ("beilin_civil_leader", Role.DEPARTMENT_LEADER, "碑林区民政局", "邓卫平")]


@dataclass
class Step:
    kind: str  # accept, handler, meeting, pause, resume, resolve, callback
    at: dt.datetime
    values: dict[str, Any] = field(default_factory=dict)


@dataclass
class History:
    community: str
    title: str
    description: str
    category: str
    urgency: str
    raised_at: dt.datetime
    steps: list[Step]
    location: str = ""
    beyond_power: bool = True
    beyond_ability: bool = False


def _at(text: str) -> dt.datetime:
    return timezone.make_aware(dt.datetime.fromisoformat(text))


CAOCHANGPO = History(
    community="草场坡社区", title="社区党群服务中心用房狭小，需另选新址", category="facility", urgency="complex", beyond_ability=True,
    description="草场坡社区党群服务中心现有用房不足200平方米，无法开展托育、助餐、卫生服务，居民活动只能在室外。社区无权调配用房，也无资金新建。",
    location="长安路街道草场坡", raised_at=_at("2024-03-12 09:30"),
    steps=[
        Step("accept", _at("2024-03-12 11:00"), {"note": "区民政局首接负责，牵头协调新址"}),
        Step("handler", _at("2024-03-13 10:00"), {"unit": "碑林区住房和城乡建设局", "part": "老旧小区改造办公室：将配建用房纳入长安路片区改造计划"}),
        Step("handler", _at("2024-03-13 10:10"), {"unit": "长安路街道办事处", "part": "牵头选址，组织居民议事和意见征询"}),
        Step("handler", _at("2024-03-13 10:20"), {"party": DEVELOPER, "part": "提供片区改造项目配建用房约900平方米"}),
        Step("meeting", _at("2024-03-20 17:00"), {"kind": "symposium", "held_on": dt.date(2024, 3, 20), "place": "长安路街道办事处会议室",
                                                   "participants": "区民政局、区住建局老旧小区改造办公室、长安路街道、西安南郊置业有限公司、草场坡社区",
                                                   "decisions": f"{DEVELOPER}：提供约900平方米配建用房作为社区党群服务中心\n"
                                                                "区住建局老旧小区改造办公室：将用房改造纳入2024年改造计划\n长安路街道：完成选址和居民意见征询"}),
        Step("pause", _at("2024-03-25 09:00"), {"reason": "等待开发商完成配建用房主体验收和交付"}),
        Step("meeting", _at("2024-04-10 16:00"), {"kind": "onsite", "held_on": dt.date(2024, 4, 10), "place": "草场坡配建用房现场",
                                                   "participants": "区民政局、区住建局老旧小区改造办公室、长安路街道、西安南郊置业有限公司、草场坡社区",
                                                   "decisions": f"{DEVELOPER}：6月底前交付用房\n区民政局：按95%面积服务居民规划托育、卫生服务、社区食堂等功能区\n"
                                                                "草场坡社区：组织居民提出功能需求"}),
        Step("resume", _at("2024-06-28 09:00")),
        Step("resolve", _at("2024-07-05 16:00"), {"note": "新党群服务中心约900平方米投入使用，95%的面积用于服务居民：托育、卫生服务、社区食堂等一站式服务。"}),
        Step("callback", _at("2024-07-10 10:00"), {"rating": "satisfied", "comment": "居民活动有了固定场所"}),
    ],
)

# Common problems of an old city district's communities: (title, description, category, urgency, co-handlers, meeting kind or "").
# A co-handler is ("unit", district unit name) or ("party", outside party), with its part.
PROBLEMS = [
    ("老旧小区雨污管网堵塞", "小区雨污合流管网老化，雨后污水倒灌一楼住户，社区无权施工。", "infrastructure", "general",
     [("unit", "碑林区住房和城乡建设局", "纳入管网改造计划"), ("party", "西安市水务集团", "疏通并更换破损管段")], "onsite"),
    ("背街小巷路灯长期不亮", "巷内路灯损坏多盏，夜间居民出行不便，存在安全隐患。", "infrastructure", "urgent",
     [("unit", "碑林区城市管理和综合执法局", "维修路灯")], ""),
    ("加装电梯协调难", "单元加装电梯意见不一，低层住户反对，需部门政策解释和协调。", "property", "complex",
     [("unit", "碑林区住房和城乡建设局", "解释加装电梯政策和补贴"), ("street", "", "组织居民协商")], "symposium"),
    ("无物业小区垃圾清运不及时", "弃管小区无物业，生活垃圾堆积，居民反映强烈。", "environment", "general",
     [("unit", "碑林区城市管理和综合执法局", "安排清运并纳入片区保洁")], ""),
    ("沿街餐饮油烟扰民", "临街餐馆油烟直排，楼上住户无法开窗。", "environment", "general",
     [("unit", "西安市生态环境局碑林分局", "检查油烟净化设施"), ("unit", "碑林区市场监督管理局", "督促商户整改")], ""),
    ("楼道堆物和电动车充电隐患", "楼道堆放杂物，电动车入户充电，存在火灾隐患，社区劝导无效。", "safety", "urgent",
     [("unit", "碑林区消防救援大队", "联合检查并清理楼道"), ("unit", "碑林区应急管理局", "宣传和督促整改")], "onsite"),
    ("小区燃气管道老化", "燃气立管锈蚀，住户闻到异味，需专业检测更换。", "safety", "urgent",
     [("party", "西安秦华天然气有限公司", "检测并更换老化管道")], ""),
    ("独居老人助餐点不足", "辖区独居老人多，附近没有助餐点，吃饭难。", "service", "general",
     [("unit", "碑林区民政局", "就近设立社区助餐点"), ("street", "", "协调场地")], "symposium"),
    ("社区卫生服务站用房到期", "社区卫生服务站租用房屋到期，面临停诊。", "facility", "complex",
     [("unit", "碑林区卫生健康局", "协调新址和设备搬迁"), ("street", "", "协调街道闲置用房")], "onsite"),
    ("学校周边交通拥堵", "上下学时段校门口道路拥堵，学生安全堪忧。", "safety", "general",
     [("unit", "西安市公安局碑林分局", "高峰时段疏导交通"), ("unit", "碑林区教育局", "错峰放学")], "onsite"),
    ("小区停车位严重不足", "老旧小区停车位不足，车辆占用消防通道。", "property", "complex",
     [("unit", "碑林区城市管理和综合执法局", "规划周边临时停车"), ("street", "", "组织居民议事")], "symposium"),
    ("灵活就业人员社保咨询", "辖区灵活就业人员多，社保参保政策不清楚，社区答不了。", "service", "general",
     [("unit", "碑林区人力资源和社会保障局", "上门宣讲并现场办理")], ""),
    ("二次供水水箱脏污", "小区二次供水水箱多年未清洗，水质浑浊。", "infrastructure", "urgent",
     [("party", "西安市水务集团", "清洗水箱并检测水质"), ("unit", "碑林区卫生健康局", "监督水质检测")], ""),
    ("违规群租房隐患", "一套住房隔成多间出租，人员复杂，存在安全隐患。", "safety", "general",
     [("unit", "西安市公安局碑林分局", "核查出租房屋"), ("unit", "碑林区住房和城乡建设局", "督促恢复原状")], ""),
    ("屋面防水失效漏雨", "顶层住户屋面漏雨，维修资金申请不下来。", "property", "general",
     [("unit", "碑林区住房和城乡建设局", "协调维修资金使用"), ("party", "小区物业服务企业", "组织维修")], "onsite"),
    ("残疾人无障碍设施缺失", "社区出入口无坡道，轮椅居民出行困难。", "facility", "general",
     [("unit", "碑林区残疾人联合会", "无障碍改造"), ("street", "", "协调施工")], ""),
]


def _office(community: Unit) -> Unit:
    return community.parent if community.parent and community.parent.kind == UnitKind.TOWN_OFFICE else community


def _generated(rng: Any, communities: list[Unit], count: int, latest: dt.datetime) -> list[History]:
    """``count`` resolved histories spread over 2024-01 to two months before ``latest``."""
    start = _at("2024-01-02 09:00")
    span_days = (latest - dt.timedelta(days=60) - start).days
    found = []
    for n in range(count):
        community = communities[n % len(communities)]
        title, description, category, urgency, helpers, meeting = rng.choice(PROBLEMS)
        raised = start + dt.timedelta(days=rng.randrange(span_days), hours=rng.randrange(0, 8), minutes=rng.randrange(60))
        respond_hours = 1 if urgency == "urgent" else rng.choice((2, 4, 20, 26))
        accepted = raised + dt.timedelta(hours=respond_hours if rng.random() > 0.06 else 80)
        steps = [Step("accept", accepted)]
        for i, (kind, name, part) in enumerate(helpers):
            target = {"unit": _office(community).name} if kind == "street" else ({"unit": name} if kind == "unit" else {"party": name})
            steps.append(Step("handler", accepted + dt.timedelta(hours=2 + i), {**target, "part": part}))
        day = accepted + dt.timedelta(days=1)
        if meeting:
            held = (accepted + dt.timedelta(days=2)).replace(hour=15)
            names = "、".join([community.name] + [name or _office(community).name for _kind, name, _part in helpers])
            owners = "\n".join(f"{name or _office(community).name}：{part}" for _kind, name, part in helpers)
            steps.append(Step("meeting", held, {"kind": meeting, "held_on": timezone.localtime(held).date(), "participants": names, "decisions": owners,
                                                "place": f"{community.name}会议室" if meeting == "symposium" else f"{community.name}现场"}))
            day = held + dt.timedelta(days=1)
        days = {"urgent": rng.choice((1, 2, 3)), "general": rng.choice((3, 5, 6, 9)), "complex": rng.choice((10, 14, 18, 25))}[urgency]
        resolved = max(day, accepted + dt.timedelta(days=days)).replace(hour=16)
        steps.append(Step("resolve", resolved, {"note": "已办结：" + "；".join(part for _k, _n, part in helpers)}))
        roll = rng.random()
        callback_at = resolved + dt.timedelta(days=2)
        if roll < 0.04:
            steps.append(Step("callback", callback_at, {"rating": "dissatisfied", "handler_side": True, "comment": "问题反复，未彻底解决"}))
            again = callback_at + dt.timedelta(days=5)
            steps.append(Step("resolve", again, {"note": "返工处理，彻底解决"}))
            steps.append(Step("callback", again + dt.timedelta(days=2), {"rating": "satisfied"}))
        elif roll < 0.07:
            steps.append(Step("callback", callback_at, {"rating": "dissatisfied", "comment": "居民期望更高，非办理原因"}))
        elif roll < 0.2:
            steps.append(Step("callback", callback_at, {"rating": "basic"}))
        elif roll < 0.93:
            steps.append(Step("callback", callback_at, {"rating": "satisfied"}))
        # the rest: resolved and not yet called back
        found.append(History(community=community.name, title=title, description=description, category=category, urgency=urgency,
                             raised_at=raised, steps=steps, beyond_ability=rng.random() < 0.4))
    return found


def _open(communities: list[Unit], now: dt.datetime) -> list[History]:
    """Recent cases still open: one waiting for a department, one in progress, one paused, one overdue."""
    first, second, third, fourth = communities[3], communities[17], communities[40], communities[66]
    lamp, pipes, lift, food = PROBLEMS[1], PROBLEMS[0], PROBLEMS[2], PROBLEMS[7]
    return [
        History(community=first.name, title=lamp[0], description=lamp[1], category=lamp[2], urgency="general", raised_at=now - dt.timedelta(hours=3), steps=[]),
        History(community=second.name, title=pipes[0], description=pipes[1], category=pipes[2], urgency="general", raised_at=now - dt.timedelta(days=2),
                steps=[Step("accept", now - dt.timedelta(days=2) + dt.timedelta(hours=2)),
                       Step("handler", now - dt.timedelta(days=1), {"party": "西安市水务集团", "part": "疏通管网"})]),
        History(community=third.name, title=lift[0], description=lift[1], category=lift[2], urgency="complex", raised_at=now - dt.timedelta(days=12),
                steps=[Step("accept", now - dt.timedelta(days=12) + dt.timedelta(hours=3)),
                       Step("pause", now - dt.timedelta(days=6), {"reason": "等待电梯企业出具加装方案"})]),
        History(community=fourth.name, title=food[0], description=food[1], category=food[2], urgency="general", raised_at=now - dt.timedelta(days=20),
                steps=[Step("accept", now - dt.timedelta(days=20) + dt.timedelta(hours=5))]),
    ]


def replay(history: History) -> Case:
    """Run one history through the services, in order, as it happened."""
    community = Unit.objects.get(name=history.community, kind=UnitKind.COMMUNITY)
    case = services.case_raise(actor=None, community=community, title=history.title, description=history.description, category=history.category,
                               urgency=history.urgency, location=history.location, beyond_power=history.beyond_power,
                               beyond_ability=history.beyond_ability, now=history.raised_at)
    lead = departments_for(community, timezone.localtime(history.raised_at).date())
    for step in history.steps:
        v = step.values
        if step.kind == "accept":
            services.case_accept(actor=None, case=case, unit=lead[0] if lead else None, note=v.get("note", ""), now=step.at)
        elif step.kind == "handler":
            unit = None
            if "unit" in v:
                unit = Unit.objects.filter(name=v["unit"], county_id=community.county_id).first()
                case.refresh_from_db()
                if unit is None or unit.pk == case.lead_id:
                    continue  # the lead itself is not its own co-handler
            services.handler_add(actor=None, case=case, unit=unit, party_name=v.get("party", ""), part=v["part"], now=step.at)
        elif step.kind == "meeting":
            services.meeting_record(actor=None, case=case, kind=v["kind"], held_on=v["held_on"], participants=v["participants"],
                                    decisions=v["decisions"], place=v.get("place", ""), now=step.at)
        elif step.kind == "pause":
            services.case_pause(actor=None, case=case, reason=v["reason"], now=step.at)
        elif step.kind == "resume":
            services.case_resume(actor=None, case=case, now=step.at)
        elif step.kind == "resolve":
            services.case_resolve(actor=None, case=case, note=v["note"], now=step.at)
        elif step.kind == "callback":
            services.callback_record(actor=None, case=case, rating=v["rating"], handler_side=v.get("handler_side", False), comment=v.get("comment", ""),
                                     now=step.at)
    return Case.objects.get(pk=case.pk)


def _users(ctx: Any) -> None:
    for username, role, unit_name, person_name in USERS:
        unit = Unit.objects.filter(name=unit_name).first()
        if unit is None:
            continue
        person = org_services.person_create(actor=None, name=person_name, kind=PersonKind.CADRE, unit=unit, phone=f"139{ctx.rng.randrange(10**7, 10**8)}",
                                            position=str(Role(role).label))
        user = org_services.user_create(actor=None, username=username, password=DEMO_PASSWORD, person=person)
        org_services.role_assign(actor=None, user=user, role=role, unit=unit)
        ctx.users[username] = user


HISTORIES = 205


def seed(ctx: Any) -> None:
    county = Region.objects.filter(code=BEILIN).first()
    if county is None:
        return
    _users(ctx)
    communities = list(Unit.objects.filter(county=county, kind=UnitKind.COMMUNITY, is_active=True).order_by("path"))
    now = clock.now()
    histories = [CAOCHANGPO, *_generated(ctx.rng, communities, HISTORIES, now)]
    histories.sort(key=lambda h: h.raised_at)
    for history in [*histories, *_open(communities, now)]:
        replay(history)
    services.cases_escalate(now=now)
    _liaison(ctx, now)
    ctx.say(f"cases: 碑林区 {Case.objects.filter(county=county).count()} cases")


def _liaison(ctx: Any, now: dt.datetime) -> None:
    """碑林区民政局's cadre visited 草场坡社区 last week (走访) and found two problems; one became a case for the community in
    one step (source: the visit). Replayed through the visits' services, so the visit counts as help in the ledger."""
    from qingzhuang.visits.services import finding_raise, liaison_log

    department, community = ctx.unit("碑林区民政局"), ctx.unit("草场坡社区")
    day = timezone.localtime(now).date() - dt.timedelta(days=7)
    day -= dt.timedelta(days=max(0, day.weekday() - 4))  # a working day
    visit = liaison_log(actor=None, organiser=department, community_id=community.pk, visited_on=day, leader="冯晓东", members="冯晓东、邓卫平",
                        member_count=2, purpose="回访新党群服务中心运行情况，听取社区意见",
                        findings=[("新中心助餐点每天午餐排队超过半小时，老年居民反映等候太久，社区无权增设餐位。", "service"),
                                  ("中心北侧人行道路灯两盏不亮，夜间老人来活动不安全。", "infrastructure")])
    first = visit.findings.order_by("id").first()
    assert first is not None
    finding_raise(actor=None, finding=first, title="新中心助餐点餐位不足", beyond_power=True, now=now)
