"""Demo data: the four teams in 镇安县 through the same services as the pages — three dozen people across the four
teams attached to 永乐街道's communities and 长发村, activities with their hours over the last months, and help
requests (one accepted, one declined, one waiting for 镇安县民政局, where zhenan_clerk answers it).

Only 镇安县, and the hours weigh nothing in the index by default: the other demo figures stay as they are.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from qingzhuang.lib import clock
from qingzhuang.org.models import Unit
from qingzhuang.teams import services
from qingzhuang.teams.models import Team

COUNTY = "611025"
COMMUNITIES = ("新城社区", "镇城社区", "青槐社区", "青河社区", "王家坪社区", "北城社区", "长发村")
# (team, unit, name, post, skills, community attached to)
PEOPLE = [
    (Team.LEADING_CADRE, "镇安县委办公室", "高志远", "县委副书记", "统筹协调", "新城社区"),
    (Team.LEADING_CADRE, "镇安县委办公室", "罗文斌", "县委办主任", "政策解读", "镇城社区"),
    (Team.LEADING_CADRE, "镇安县民政局", "张志强", "局长", "社会救助、养老服务", "新城社区"),
    (Team.LEADING_CADRE, "镇安县住房和城乡建设局", "何建平", "局长", "老旧小区改造", "青槐社区"),
    (Team.LEADING_CADRE, "镇安县卫生健康局", "冯丽君", "副局长", "医疗卫生", "长发村"),
    (Team.LEADING_CADRE, "镇安县应急管理局", "谢国栋", "局长", "应急救援", "北城社区"),
    (Team.DEPARTMENT_CADRE, "镇安县民政局", "李秀梅", "社会救助股股长", "低保、临时救助", "新城社区"),
    (Team.DEPARTMENT_CADRE, "镇安县民政局", "杨帆", "养老服务股干部", "居家养老", "新城社区"),
    (Team.DEPARTMENT_CADRE, "镇安县民政局", "韩雪", "社会事务股干部", "婚姻登记、殡葬", "镇城社区"),
    (Team.DEPARTMENT_CADRE, "镇安县教育局", "唐明", "基教股干部", "入学政策、课后托管", "青槐社区"),
    (Team.DEPARTMENT_CADRE, "镇安县卫生健康局", "曹雨", "疾控股干部", "健康宣教、义诊", "青河社区"),
    (Team.DEPARTMENT_CADRE, "镇安县住房和城乡建设局", "许磊", "物业管理股干部", "物业纠纷、加装电梯", "王家坪社区"),
    (Team.DEPARTMENT_CADRE, "镇安县人力资源和社会保障局", "邓佳", "就业股干部", "就业帮扶、社保", "北城社区"),
    (Team.DEPARTMENT_CADRE, "镇安县市场监督管理局", "彭涛", "食品股干部", "食品安全", "镇城社区"),
    (Team.DEPARTMENT_CADRE, "镇安县农业农村局", "蒋宁", "农经股干部", "土地承包、产业帮扶", "长发村"),
    (Team.DEPARTMENT_CADRE, "镇安县水利局", "沈浩", "水保股干部", "防汛、饮水安全", "长发村"),
    (Team.COMMUNITY_WORKER, "新城社区", "王小红", "网格员", "网格走访", "新城社区"),
    (Team.COMMUNITY_WORKER, "新城社区", "刘海军", "社区专干", "民政业务", "新城社区"),
    (Team.COMMUNITY_WORKER, "镇城社区", "陈晓", "网格员", "网格走访", "镇城社区"),
    (Team.COMMUNITY_WORKER, "青槐社区", "周敏", "社区专干", "党建", "青槐社区"),
    (Team.COMMUNITY_WORKER, "青河社区", "吴涛", "网格员", "网格走访", "青河社区"),
    (Team.COMMUNITY_WORKER, "王家坪社区", "郑丽", "社区专干", "计生、卫健", "王家坪社区"),
    (Team.COMMUNITY_WORKER, "北城社区", "孙刚", "网格员", "网格走访", "北城社区"),
    (Team.COMMUNITY_WORKER, "长发村", "马玉兰", "村文书", "村务", "长发村"),
    (Team.VOLUNTEER, "新城社区", "赵大爷", "退休党员", "调解邻里纠纷", "新城社区"),
    (Team.VOLUNTEER, "新城社区", "钱阿姨", "楼栋长", "关爱独居老人", "新城社区"),
    (Team.VOLUNTEER, "新城社区", "孙医生", "在职党员（县医院）", "义诊、健康咨询", "新城社区"),
    (Team.VOLUNTEER, "镇城社区", "李老师", "在职党员（镇安中学）", "课后辅导", "镇城社区"),
    (Team.VOLUNTEER, "镇城社区", "周师傅", "志愿者", "水电维修", "镇城社区"),
    (Team.VOLUNTEER, "青槐社区", "吴律师", "志愿者", "法律咨询", "青槐社区"),
    (Team.VOLUNTEER, "青河社区", "郑大姐", "志愿者", "垃圾分类宣传", "青河社区"),
    (Team.VOLUNTEER, "王家坪社区", "冯小伟", "大学生志愿者", "智能手机教学", "王家坪社区"),
    (Team.VOLUNTEER, "北城社区", "陈大爷", "退休党员", "治安巡逻", "北城社区"),
    (Team.VOLUNTEER, "北城社区", "褚姐", "志愿者", "理发", "北城社区"),
    (Team.VOLUNTEER, "长发村", "卫老支书", "老党员", "村情讲解、调解", "长发村"),
    (Team.VOLUNTEER, "长发村", "蒋小燕", "返乡青年", "电商培训", "长发村"),
]
# (days ago, community, title, hours per person, names)
ACTIVITIES = [
    (150, "新城社区", "老旧小区环境整治", "3", ("高志远", "张志强", "王小红", "赵大爷", "钱阿姨")),
    (120, "新城社区", "独居老人入户走访", "2.5", ("杨帆", "钱阿姨", "刘海军")),
    (95, "新城社区", "义诊进社区", "4", ("孙医生", "李秀梅")),
    (60, "新城社区", "低保政策宣讲", "2", ("李秀梅", "刘海军", "赵大爷")),
    (20, "新城社区", "冬季防火安全检查", "3", ("张志强", "王小红", "赵大爷")),
    (140, "镇城社区", "课后托管志愿服务", "2", ("李老师", "陈晓")),
    (80, "镇城社区", "食品安全进社区", "2", ("彭涛", "韩雪", "周师傅")),
    (30, "镇城社区", "水电义务维修", "3.5", ("周师傅", "罗文斌")),
    (100, "青槐社区", "加装电梯协调会", "2", ("何建平", "唐明", "周敏")),
    (45, "青槐社区", "法律咨询日", "3", ("吴律师", "周敏")),
    (70, "青河社区", "垃圾分类宣传", "2", ("郑大姐", "曹雨", "吴涛")),
    (55, "王家坪社区", "老年人智能手机课堂", "2", ("冯小伟", "郑丽", "许磊")),
    (110, "北城社区", "就业招聘进社区", "4", ("邓佳", "孙刚", "陈大爷")),
    (25, "北城社区", "治安夜巡", "3", ("陈大爷", "谢国栋", "褚姐")),
    (130, "长发村", "汛期水毁排查", "5", ("沈浩", "蒋宁", "马玉兰", "卫老支书")),
    (40, "长发村", "农村电商培训", "3", ("蒋小燕", "蒋宁", "冯丽君")),
]


def seed(ctx: Any) -> None:
    today = clock.today()
    units = {u.name: u for u in Unit.objects.filter(county__code=COUNTY)}
    members = {}
    for number, (team, unit, name, post, skills, community) in enumerate(PEOPLE):
        members[name] = services.member_add(actor=None, unit=units[unit], team=team, name=name, position=post, skills=skills,
                                            phone=f"139{2026_0000 + number * 7919 % 10000:08d}"[:11])
        services.member_attach(actor=None, member=members[name], community=units[community], since=today - dt.timedelta(days=400))
    for days_ago, community, title, hours, names in ACTIVITIES:
        services.activity_record(actor=None, community=units[community], day=today - dt.timedelta(days=days_ago), title=title, hours=hours,
                                 members=[members[n] for n in names])
    secretary = ctx.users.get("changfa_secretary")
    asked = services.help_ask(actor=secretary, community=units["长发村"], member=members["沈浩"], what="村口河堤有冲刷隐患，请水利局派人现场查看。",
                              needed_on=today + dt.timedelta(days=5))
    services.help_answer(actor=None, request=asked, accept=True, answer="下周二上午到村查看。")
    asked = services.help_ask(actor=secretary, community=units["长发村"], member=members["冯丽君"], what="请协调县医院来村开展一次老年人体检。",
                              needed_on=today + dt.timedelta(days=3))
    services.help_answer(actor=None, request=asked, accept=False, answer="本月体检车已排满，已转县医院下月安排。")
    services.help_ask(actor=None, community=units["新城社区"], member=members["李秀梅"], what="3户困难家庭申请临时救助，请民政局上门核实。",
                      needed_on=today + dt.timedelta(days=7))
    ctx.say(f"teams: {len(PEOPLE)} people of the four teams in 镇安县, {len(ACTIVITIES)} activities, 3 help requests")
