"""碑林区's pairing (区级部门联系社区): 62 district departments paired with its 105 communities, every community
covered and no department carrying more than two. The org demo gives each county ten departments: the other 52 of
碑林区 are added here (names of a district's usual party and government departments)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from qingzhuang.org import services as org_services
from qingzhuang.org.models import Region, Unit, UnitKind
from qingzhuang.pairing.services import pairing_file

BEILIN = "610103"
PAIRED_SINCE = dt.date(2023, 3, 1)
MORE_DEPARTMENTS = [
    "碑林区委组织部", "碑林区委宣传部", "碑林区委统战部", "碑林区委政法委员会", "碑林区委社会工作部", "碑林区委机构编制委员会办公室",
    "碑林区委网络安全和信息化委员会办公室", "碑林区纪委监委", "碑林区委巡察工作领导小组办公室", "碑林区总工会", "共青团碑林区委",
    "碑林区妇女联合会", "碑林区残疾人联合会", "碑林区红十字会", "碑林区科学技术协会", "碑林区工商业联合会",
    "碑林区发展和改革委员会", "碑林区科学技术局", "碑林区工业和信息化局", "西安市公安局碑林分局", "碑林区司法局", "碑林区财政局",
    "西安市生态环境局碑林分局", "碑林区交通运输局", "碑林区商务局", "碑林区文化和旅游局", "碑林区体育局", "碑林区退役军人事务局",
    "碑林区审计局", "碑林区统计局", "碑林区城市管理和综合执法局", "碑林区医疗保障局", "碑林区行政审批服务局", "碑林区信访局",
    "碑林区地方金融服务办公室", "碑林区机关事务服务中心", "碑林区投资合作局", "碑林区数据局", "碑林区国有资产管理办公室",
    "碑林区档案馆", "碑林区地方志办公室", "碑林区融媒体中心", "国家税务总局西安市碑林区税务局", "碑林区消防救援大队",
    "碑林区人民武装部", "碑林区人民防空办公室", "碑林区疾病预防控制中心", "碑林区政务服务中心", "碑林区城市更新局",
    "碑林区民族宗教事务局", "碑林区文物保护中心", "碑林区应急指挥中心",
]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎"
GIVEN = ["建国", "志强", "秀梅", "丽华", "晓燕", "德明", "海峰", "文静", "永刚", "红霞", "立新", "宏伟", "淑芬", "国庆", "春梅", "振华", "玉兰"]
# The article's community is paired with the civil affairs bureau: its service center's move started there.
FIXED = {"草场坡社区": "碑林区民政局"}


def _name(rng: Any) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def beilin_departments() -> list[Unit]:
    county = Region.objects.get(code=BEILIN)
    return list(Unit.objects.filter(county=county, kind=UnitKind.DEPARTMENT, is_active=True).order_by("id"))


def seed(ctx: Any) -> None:
    county = Region.objects.filter(code=BEILIN).first()
    if county is None:
        return
    office = Unit.objects.get(county=county, kind=UnitKind.PARTY_GOV_OFFICE)
    for name in MORE_DEPARTMENTS:
        if not Unit.objects.filter(region=county, name=name).exists():
            ctx.units[name] = org_services.unit_create(actor=None, name=name, kind=UnitKind.DEPARTMENT, region=county, parent=office)
    departments = beilin_departments()
    communities = list(Unit.objects.filter(county=county, kind=UnitKind.COMMUNITY, is_active=True).order_by("path"))
    rng = ctx.rng
    order = departments[:]
    rng.shuffle(order)
    by_name = {d.name: d for d in departments}
    fixed_departments = {by_name[d] for d in FIXED.values() if d in by_name}
    # Every department takes one community, then the first ones a second: at most two each (105 over 62).
    queue = [d for d in order if d not in fixed_departments] + [d for d in order if d not in fixed_departments]
    filed = 0
    for community in communities:
        department = by_name.get(FIXED.get(community.name, "")) or queue.pop(0)
        pairing_file(actor=None, department=department, community=community, leader=f"{_name(rng)}（{department.name.removeprefix('碑林区')}负责人）",
                     cadres=[_name(rng), _name(rng)], valid_from=PAIRED_SINCE)
        filed += 1
    ctx.say(f"pairing: 碑林区 {len(departments)} departments ↔ {filed} communities")
