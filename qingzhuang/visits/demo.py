"""Demo visits: 镇安县's research visits this year (done, counted in the ledger), next week's crowded week at 长发村
(扎堆: a second team booked with a reason, flagged for the county office), and a team coming to 新渭路社区 (渭滨区)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from qingzhuang.lib import clock
from qingzhuang.visits import services

# (days from today, days long, department, team, leader, people, places, purpose)
DONE = [
    (-150, 2, "民政局", "农村养老服务调研组", "王建平", 4, ["长发村", "新城社区"], "了解农村互助幸福院运行和独居老人关爱情况"),
    (-122, 1, "教育局", "控辍保学调研组", "李红梅", 3, ["镇城社区"], "了解适龄儿童入学和留守儿童关爱情况"),
    (-96, 1, "农业农村局", "乡村产业发展调研组", "陈志强", 5, ["长发村"], "调研村集体经济和特色产业发展"),
    (-75, 2, "卫生健康局", "基层医疗卫生调研组", "赵丽", 3, ["青槐社区", "安山村"], "了解村卫生室和家庭医生签约服务情况"),
    (-61, 1, "住房和城乡建设局", "农村危房改造调研组", "孙伟", 4, ["山海村"], "核实农村危房改造进度"),
    (-40, 1, "应急管理局", "防汛备汛调研组", "周强", 3, ["长发村", "金花村"], "检查汛期隐患排查和应急预案"),
    (-26, 1, "人力资源和社会保障局", "就业帮扶调研组", "吴芳", 2, ["新城社区"], "了解脱贫劳动力务工就业情况"),
    (-12, 1, "自然资源局", "耕地保护调研组", "郑磊", 3, ["中合村"], "调研耕地保护和撂荒地整治"),
]


def _monday_after(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=7 - day.weekday())


def seed(ctx: Any) -> None:
    county = ctx.counties.get("611025")
    if county is None:
        return
    today = clock.today()
    made = 0
    for offset, days, department, team, leader, people, places, purpose in DONE:
        start = today + dt.timedelta(days=offset)
        start += dt.timedelta(days=max(0, 7 - start.weekday()) if start.weekday() >= 5 else 0)  # teams come on working days
        visit = services.visit_book(actor=None, organiser=ctx.unit(f"镇安县{department}"), team_name=f"镇安县{department}{team}", leader=leader,
                                    member_count=people, purpose=purpose, place_ids=[ctx.unit(p).pk for p in places], start_on=start,
                                    end_on=start + dt.timedelta(days=days - 1))
        services.visit_done(actor=None, visit=visit)
        made += 1
    # Next week at 长发村: 民政局 books Monday–Tuesday; 农业农村局 then books Wednesday, is warned (扎堆调研预警) naming
    # the first team, and goes ahead with a reason: the county office sees it flagged.
    monday = _monday_after(today)
    changfa = ctx.unit("长发村")
    services.visit_book(actor=None, organiser=ctx.unit("镇安县民政局"), team_name="镇安县民政局社会救助调研组", leader="王建平", member_count=4,
                        members="王建平、刘洋、张敏、何静", purpose="了解低保、特困人员救助政策落实情况", place_ids=[changfa.pk],
                        start_on=monday, end_on=monday + dt.timedelta(days=1))
    services.visit_book(actor=None, organiser=ctx.unit("镇安县农业农村局"), team_name="镇安县农业农村局冬季农业生产调研组", leader="陈志强",
                        member_count=5, purpose="调研冬季农业生产和农田水利设施", place_ids=[changfa.pk, ctx.unit("金花村").pk],
                        start_on=monday + dt.timedelta(days=2), end_on=monday + dt.timedelta(days=2),
                        crowd_reason="市农业农村局调研组同日到县，须陪同前往，时间无法调整。")
    services.visit_book(actor=None, organiser=ctx.unit("镇安县教育局"), team_name="镇安县教育局学前教育调研组", leader="李红梅", member_count=3,
                        purpose="了解普惠性幼儿园建设情况", place_ids=[ctx.unit("新城社区").pk], start_on=monday + dt.timedelta(days=10),
                        end_on=monday + dt.timedelta(days=10))
    made += 3
    if "610302" in ctx.counties:
        services.visit_book(actor=None, organiser=ctx.unit("渭滨区民政局"), team_name="渭滨区民政局社区养老调研组", leader="马晓东", member_count=3,
                            purpose="了解社区嵌入式养老服务和助餐点运行情况", place_ids=[ctx.unit("新渭路社区").pk], start_on=monday + dt.timedelta(days=1),
                            end_on=monday + dt.timedelta(days=1))
        made += 1
    ctx.say(f"visits: {made} research visits (镇安县: {len(DONE)} done this year, a crowded week at 长发村 next week)")
