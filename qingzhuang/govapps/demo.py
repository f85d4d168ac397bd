"""Demo data for 镇安县: the apps and work groups its departments and towns imposed on the communities and villages of
永乐街道 and 西口回族镇, found by the county office's survey (整治, 2025), and what became of them — six groups of 永乐街道
become one, three of 西口回族镇 one, the check-in mini-program and the forced-install app closed — then a filed
mini-program registered through the gate. Every figure on the board is computed from these records."""

from __future__ import annotations

import datetime as dt
from typing import Any

from qingzhuang.govapps import services
from qingzhuang.org.models import Unit

D = dt.date.fromisoformat
FILED_MINSHENG = ("filed", "陕网信备61102522000013号", "2022-11-20")
FILED_YINGJI = ("filed", "陕网信备61102523000002号", "2023-02-10")
FILED_JIANKANG = ("filed", "陕网信备61102526000021号", "2026-09-15")
NOT_FILED = ("not_filed", "", None)

# (name, kind, platform, owner, purpose, what it asks, practices, filing, towns whose units must use it, in use since)
FOUND = [
    ("永乐街道疫情防控工作群", "group", "wechat", "永乐街道办事处", "疫情防控信息报送", "每日报送辖区人员流动情况。", [], NOT_FILED, ("永乐街道",), "2020-02-01"),
    ("永乐街道网格员工作群", "group", "wechat", "永乐街道办事处", "网格员日常工作部署", "每日8点前在群内接龙报到，未报到的通报。", ["check_in"], NOT_FILED,
     ("永乐街道",), "2021-03-01"),
    ("永乐街道安全生产工作群", "group", "wechat", "永乐街道办事处", "安全生产隐患排查通知", "", [], NOT_FILED, ("永乐街道",), "2021-06-01"),
    ("永乐街道文明创建工作群", "group", "wechat", "永乐街道办事处", "文明城市创建任务部署", "每周转发创建宣传文章，转发截图计入月度考核。", ["likes_assessed"],
     NOT_FILED, ("永乐街道",), "2022-03-01"),
    ("永乐街道防汛工作群", "group", "dingtalk", "永乐街道办事处", "汛期雨情通报和值守调度", "", [], NOT_FILED, ("永乐街道",), "2022-05-01"),
    ("永乐街道人居环境整治群", "group", "wechat", "永乐街道办事处", "人居环境整治进度上报", "", [], NOT_FILED, ("永乐街道",), "2022-08-01"),
    ("西口回族镇村干部工作群", "group", "wechat", "西口回族镇人民政府", "镇村日常工作部署", "", [], NOT_FILED, ("西口回族镇",), "2021-01-01"),
    ("西口回族镇产业发展群", "group", "wechat", "西口回族镇人民政府", "产业项目信息报送", "", [], NOT_FILED, ("西口回族镇",), "2022-04-01"),
    ("西口回族镇防汛值守群", "group", "dingtalk", "西口回族镇人民政府", "汛期防汛值守通报", "值班人员须全天在线，在线时长纳入考核。", ["online_time"], NOT_FILED,
     ("西口回族镇",), "2022-06-01"),
    ("镇安学习打卡", "mini_program", "wechat", "镇安县人力资源和社会保障局", "干部网上学习", "每日学习打卡，积分按村（社区）排名通报。", ["check_in", "ranking"],
     NOT_FILED, ("永乐街道", "西口回族镇"), "2022-09-01"),
    ("镇安应急通", "app", "", "镇安县应急管理局", "灾害预警信息推送", "村（社区）干部须全员下载安装，安装率按月通报。", ["forced_install"], FILED_YINGJI,
     ("永乐街道", "西口回族镇"), "2023-03-01"),
    ("镇安民政服务", "app", "", "镇安县民政局", "低保、特困、临时救助业务办理", "", [], FILED_MINSHENG, ("永乐街道", "西口回族镇"), "2023-01-01"),
    ("镇安发布", "account", "wechat", "镇安县委办公室", "县级政务信息发布", "", [], NOT_FILED, ("永乐街道", "西口回族镇"), "2021-01-01"),
]
# The successors the county office set up in the 整治, found in place from the day of the merge.
SUCCESSORS = [
    ("永乐街道综合工作群", "group", "wechat", "永乐街道办事处", "街道社区日常工作部署（一群通办）", ("永乐街道",), "2025-06-30"),
    ("西口回族镇综合工作群", "group", "wechat", "西口回族镇人民政府", "镇村日常工作部署（一群通办）", ("西口回族镇",), "2026-03-31"),
]
MERGES = [
    (["永乐街道网格员工作群", "永乐街道安全生产工作群", "永乐街道文明创建工作群", "永乐街道防汛工作群", "永乐街道人居环境整治群"], "永乐街道综合工作群",
     "2025-06-30", "多群合一：街道工作群整合为一个综合工作群"),
    (["西口回族镇村干部工作群", "西口回族镇产业发展群", "西口回族镇防汛值守群"], "西口回族镇综合工作群", "2026-03-31", "多群合一：镇村工作群整合"),
]
CLOSES = [
    ("永乐街道疫情防控工作群", "2025-04-15", "疫情防控工作群已无任务，解散"),
    ("镇安学习打卡", "2025-04-30", "未备案且要求打卡、积分排名，停止使用"),
    ("镇安应急通", "2026-05-31", "取消强制安装和安装率通报，预警改由短信平台推送"),
]


def _units(ctx: Any, towns: tuple[str, ...]) -> list[Unit]:
    found: list[Unit] = []
    for town in towns:
        office = ctx.unit(f"{town}办事处" if town.endswith("街道") else f"{town}人民政府")
        found += list(Unit.objects.filter(parent=office, is_active=True).order_by("path"))
    return found


def seed(ctx: Any) -> None:
    reviewer = ctx.users.get("zhenan_reviewer")
    made: dict[str, Any] = {}
    for name, kind, platform, owner, purpose, description, practices, (status, number, filed_on), towns, since in FOUND:
        made[name] = services.entry_record_found(
            actor=reviewer, owner=ctx.unit(owner), name=name, kind=kind, platform=platform, purpose=purpose, description=description,
            practices=practices, filing_status=status, filing_number=number, filed_on=D(filed_on) if filed_on else None,
            units=_units(ctx, towns), since=D(since))
    for name, kind, platform, owner, purpose, towns, since in SUCCESSORS:
        made[name] = services.entry_record_found(actor=reviewer, owner=ctx.unit(owner), name=name, kind=kind, platform=platform, purpose=purpose,
                                                 units=_units(ctx, towns), since=D(since))
    for name, on, reason in sorted(CLOSES, key=lambda c: c[1]):
        services.entry_close(actor=reviewer, entry=made[name], closed_on=D(on), reason=reason)
    for names, into, on, reason in MERGES:
        services.entry_merge(actor=reviewer, entries=[made[n] for n in names], into=made[into], merged_on=D(on), reason=reason)
    # After the 整治: a filed mini-program with no banned practice, registered through the gate today.
    status, number, filed_on = FILED_JIANKANG
    services.entry_register(actor=None, owner=ctx.unit("镇安县卫生健康局"), name="镇安健康随访", kind="mini_program",
                            platform="wechat", purpose="慢病患者和65岁以上老年人健康随访登记", filing_status=status, filing_number=number,
                            filed_on=D(filed_on), units=_units(ctx, ("永乐街道",))[:7])
    ctx.say(f"govapps: {len(made) + 1} apps and work groups in 镇安县 — {len(FOUND)} found by the 2025 survey, "
            f"{sum(len(m[0]) for m in MERGES)} groups merged into {len(MERGES)}, {len(CLOSES)} closed, one registered through the gate")
