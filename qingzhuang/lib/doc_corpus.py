"""Generate realistic Chinese government documents, and copies of them, deterministically.

The near-duplicate engine needs two things real archives have and toy data lacks:

* unrelated documents on the same topic share a great deal of phrasing (各镇（街道）,
  高度重视, 切实加强组织领导, the same title pattern) without being copies; and
* the dodges the gate must see through: reworded copies, excerpts of a long upper-level
  document, an upper-level document re-issued with the place names swapped
  (照抄照搬), a 红头 document re-sent as a 便笺, and traditional/variant-glyph versions.

Every document is a pure function of a small JSON-able *recipe* (``build(recipe)``), so
an evaluation set can be stored as recipes and a benchmark archive of a million
documents never has to be kept on disk. ``base_recipe(seed)`` picks topic, level, issuer
and length from the seed alone.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from opencc import OpenCC

Recipe = Mapping[str, Any]

# --- places and units ------------------------------------------------------------------

PROVINCE = "陕西省"
CITIES: dict[str, tuple[str, ...]] = {
    "西安市": ("新城区", "碑林区", "莲湖区", "灞桥区", "未央区", "雁塔区", "阎良区", "临潼区",
              "长安区", "高陵区", "鄠邑区", "蓝田县", "周至县"),
    "宝鸡市": ("渭滨区", "金台区", "陈仓区", "凤翔区", "岐山县", "扶风县", "眉县", "陇县",
              "千阳县", "麟游县", "凤县", "太白县"),
    "咸阳市": ("秦都区", "渭城区", "兴平市", "彬州市", "三原县", "泾阳县", "乾县", "礼泉县",
              "永寿县", "长武县", "旬邑县", "淳化县", "武功县"),
    "渭南市": ("临渭区", "华州区", "潼关县", "大荔县", "合阳县", "澄城县", "蒲城县", "白水县",
              "富平县", "韩城市", "华阴市"),
    "汉中市": ("汉台区", "南郑区", "城固县", "洋县", "西乡县", "勉县", "宁强县", "略阳县",
              "镇巴县", "留坝县", "佛坪县"),
    "安康市": ("汉滨区", "汉阴县", "石泉县", "宁陕县", "紫阳县", "岚皋县", "平利县", "镇坪县",
              "旬阳市", "白河县"),
    "商洛市": ("商州区", "洛南县", "丹凤县", "商南县", "山阳县", "镇安县", "柞水县"),
    "延安市": ("宝塔区", "安塞区", "延长县", "延川县", "子长市", "志丹县", "吴起县", "甘泉县",
              "富县", "洛川县", "宜川县", "黄龙县", "黄陵县"),
    "榆林市": ("榆阳区", "横山区", "神木市", "府谷县", "靖边县", "定边县", "绥德县", "米脂县",
              "佳县", "吴堡县", "清涧县", "子洲县"),
    "铜川市": ("王益区", "印台区", "耀州区", "宜君县"),
}
_TOWN_HEADS = "永乐青铜云盖回龙柴坪西口米粮达仁木王高峰铁厂庙沟东川月河杨泗大坪茅坪黄家湾"
_TOWN_TAILS = ("镇", "镇", "镇", "街道", "乡")
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华玉兰萍红娟建国志宏海波鹏辉宁亮林斌晨"

LEVELS = ("province", "city", "county")

# How each level names itself, its territory, the units below it and its own bodies.
LEVEL_WORDS: dict[str, dict[str, str]] = {
    "province": {"area": "全省", "below": "各设区市", "gov": "省政府", "self": "省级",
                 "addressees": "各设区市人民政府，省人民政府各工作部门、各直属机构：",
                 "grassroots": "各市县", "office": "陕西省人民政府办公厅", "prefix": "陕政办发"},
    "city": {"area": "全市", "below": "各县（市、区）", "gov": "市政府", "self": "市级",
             "addressees": "各县（市、区）人民政府，市人民政府各工作部门、各直属机构：",
             "grassroots": "各县区", "office": "{city}人民政府办公室", "prefix": "{c}政办发"},
    "county": {"area": "全县", "below": "各镇（街道）", "gov": "县政府", "self": "县级",
               "addressees": "各镇人民政府、街道办事处，县政府各工作部门、各直属机构：",
               "grassroots": "各村（社区）", "office": "{county}人民政府办公室",
               "prefix": "{c}政办发"},
}

# --- topics ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Topic:
    name: str  # appears in titles: 关于做好2024年度{name}工作的通知
    depts: tuple[str, ...]
    nouns: tuple[str, ...]  # the things this work is about
    risks: tuple[str, ...]
    measures: tuple[str, ...]  # verb-object phrases
    goals: tuple[str, ...]
    season: tuple[str, ...]


TOPICS: tuple[Topic, ...] = (
    Topic("防汛", ("水利局", "应急管理局", "防汛抗旱指挥部办公室"),
          ("水库", "河道", "堤防", "山洪沟道", "淤地坝", "在建涉水工程", "防汛物资", "雨情水情"),
          ("山洪灾害", "城市内涝", "地质灾害", "溃坝险情", "漫堤决口"),
          ("开展汛前检查", "落实转移避险预案", "储备防汛物资", "加强雨情水情监测",
           "组织防汛应急演练", "清理河道行洪障碍", "落实水库安全度汛责任"),
          ("确保安全度汛", "确保不死人、少伤人", "最大限度减少灾害损失"),
          ("汛期", "主汛期", "七下八上关键期", "汛前")),
    Topic("安全生产", ("应急管理局", "安全生产委员会办公室"),
          ("危险化学品企业", "非煤矿山", "建筑施工工地", "道路运输企业", "人员密集场所",
           "城镇燃气设施", "特种设备", "有限空间作业"),
          ("重特大事故", "较大以上生产安全事故", "群死群伤事故", "火灾爆炸事故"),
          ("开展安全生产大检查", "落实企业主体责任", "建立隐患整改台账", "强化执法检查",
           "推进安全生产治本攻坚三年行动", "开展警示教育", "严格落实领导干部带班制度"),
          ("坚决遏制重特大事故", "实现事故总量和死亡人数双下降", "确保安全生产形势持续稳定"),
          ("岁末年初", "节假日期间", "全国两会期间", "年度")),
    Topic("森林防火", ("林业局", "森林防灭火指挥部办公室", "应急管理局"),
          ("重点林区", "林区道路", "野外用火", "祭祀用火", "护林员队伍", "防火检查站",
           "扑火队伍", "瞭望监测设施"),
          ("森林火灾", "草原火灾", "野外火情"),
          ("严格野外火源管控", "加强护林员巡山管护", "落实网格化管理", "开展防火宣传进村入户",
           "完善扑火应急预案", "加强物资装备储备"),
          ("确保不发生重大森林火灾", "确保森林资源安全", "实现火灾发生率明显下降"),
          ("森林防火期", "清明节前后", "冬春季", "高火险期")),
    Topic("燃气安全", ("住房和城乡建设局", "市场监督管理局", "应急管理局"),
          ("燃气经营企业", "餐饮场所", "老旧管网", "液化石油气钢瓶", "燃气用户",
           "燃气报警装置", "瓶装液化气供应站"),
          ("燃气泄漏爆炸", "一氧化碳中毒", "管道第三方破坏"),
          ("开展燃气安全专项整治", "推进老旧管网更新改造", "落实入户安检制度",
           "加装燃气泄漏报警装置", "打击非法经营液化气行为", "加强用气安全宣传"),
          ("有效防范燃气事故", "确保群众用气安全", "实现隐患动态清零"),
          ("供暖季", "年度", "冬季")),
    Topic("农村人居环境整治", ("农业农村局", "住房和城乡建设局", "乡村振兴局"),
          ("农村生活垃圾", "农村生活污水", "农村户厕", "村容村貌", "畜禽粪污",
           "房前屋后", "公共空间"),
          ("脏乱差问题", "垃圾乱堆乱放", "污水横流"),
          ("开展村庄清洁行动", "推进农村厕所革命", "健全垃圾收运处置体系",
           "加强生活污水治理", "开展美丽庭院创建", "建立长效管护机制"),
          ("村庄环境明显改善", "农民群众满意度持续提升", "建设宜居宜业和美乡村"),
          ("春节前", "年度", "春季", "秋冬季")),
    Topic("耕地保护", ("自然资源局", "农业农村局"),
          ("永久基本农田", "耕地占补平衡", "撂荒地", "设施农业用地", "高标准农田",
           "农村乱占耕地建房", "卫片图斑"),
          ("耕地非农化", "耕地非粮化", "违法占地"),
          ("落实耕地保护党政同责", "开展卫片执法检查", "推进撂荒地复耕复种",
           "严格耕地用途管制", "建立田长制", "加强动态巡查"),
          ("守住耕地保护红线", "确保耕地数量不减少、质量不降低", "确保粮食安全"),
          ("年度", "春耕期间", "秋冬季")),
    Topic("防范电信网络诈骗", ("公安局", "反诈中心", "网信办"),
          ("涉诈电话卡", "银行账户", "反诈APP", "重点人群", "老年人", "在校学生",
           "涉诈窝点"),
          ("电信网络诈骗案件", "刷单返利诈骗", "冒充公检法诈骗", "养老诈骗"),
          ("开展反诈宣传进社区", "推广安装国家反诈中心APP", "加强涉诈资金拦截",
           "开展两卡专项治理", "落实预警劝阻责任", "强化行业监管"),
          ("实现发案数和损失数双下降", "提高群众识骗防骗能力", "守护群众钱袋子"),
          ("年度", "暑期", "春节前后")),
    Topic("秸秆禁烧", ("生态环境局", "农业农村局"),
          ("农作物秸秆", "田间地头", "秸秆综合利用", "重点区域", "露天焚烧火点"),
          ("秸秆露天焚烧", "大气污染", "火情"),
          ("落实网格化监管", "推进秸秆综合利用", "加强卫星遥感监测", "开展巡查值守",
           "实行火点通报制度", "加强宣传引导"),
          ("确保不出现大面积焚烧", "持续改善空气质量", "秸秆综合利用率稳定在较高水平"),
          ("夏收期间", "秋收期间", "三夏期间")),
    Topic("就业创业", ("人力资源和社会保障局", "就业服务中心"),
          ("高校毕业生", "农民工", "就业困难人员", "公益性岗位", "创业担保贷款",
           "零工市场", "职业技能培训"),
          ("规模性失业", "就业困难", "欠薪问题"),
          ("开展春风行动", "落实稳岗返还政策", "加强公益性岗位开发", "推进技能培训",
           "搭建供需对接平台", "做好困难人员兜底安置"),
          ("确保就业局势总体稳定", "完成城镇新增就业目标任务", "零就业家庭动态清零"),
          ("年度", "一季度", "毕业季")),
    Topic("根治欠薪", ("人力资源和社会保障局", "住房和城乡建设局", "根治拖欠农民工工资工作领导小组办公室"),
          ("在建工程项目", "农民工工资专用账户", "实名制管理", "工资保证金", "劳务分包企业",
           "欠薪线索"),
          ("拖欠农民工工资", "群体性讨薪事件", "恶意欠薪"),
          ("开展欠薪冬季专项行动", "落实工资支付保障制度", "建立欠薪线索台账",
           "强化联合执法", "畅通维权渠道", "实行挂牌督办"),
          ("确保欠薪问题动态清零", "切实维护农民工合法权益", "防止发生群体性事件"),
          ("元旦春节前", "年底", "年度")),
    Topic("养老服务", ("民政局", "卫生健康局"),
          ("养老机构", "社区养老服务站", "特困供养人员", "高龄老人", "居家养老服务",
           "老年助餐点", "失能老人"),
          ("养老机构安全隐患", "养老服务诈骗", "服务质量问题"),
          ("推进居家社区养老服务", "开展养老机构安全整治", "完善老年助餐服务",
           "加强养老护理员培训", "落实高龄津贴发放", "推进医养结合"),
          ("让老年人老有所养", "养老服务质量稳步提升", "实现养老服务全覆盖"),
          ("年度", "重阳节前后", "冬季")),
    Topic("义务教育控辍保学", ("教育局", "民政局"),
          ("适龄儿童少年", "留守儿童", "残疾儿童", "送教上门", "学籍管理", "辍学学生"),
          ("辍学反弹", "失学问题"),
          ("建立控辍保学工作台账", "落实联控联保责任", "开展送教上门", "加强学籍动态监测",
           "做好劝返复学工作", "落实学生资助政策"),
          ("确保义务教育巩固率稳定在较高水平", "确保适龄儿童少年应入尽入", "实现辍学动态清零"),
          ("秋季开学", "春季开学", "学年")),
    Topic("食品安全", ("市场监督管理局", "食品安全委员会办公室"),
          ("校园食堂", "农村集体聚餐", "食品生产企业", "小餐饮", "网络订餐", "冷链食品",
           "农贸市场"),
          ("食品安全事故", "食物中毒", "假冒伪劣食品"),
          ("开展食品安全专项检查", "落实两个责任", "加强抽样检验", "推进明厨亮灶",
           "规范农村集体聚餐备案", "强化风险排查"),
          ("守住不发生系统性区域性食品安全风险底线", "确保人民群众饮食安全", "群众满意度持续提升"),
          ("节日期间", "年度", "开学季")),
    Topic("消防安全", ("消防救援大队", "应急管理局", "住房和城乡建设局"),
          ("高层建筑", "电动自行车", "九小场所", "老旧小区", "消防通道", "群租房",
           "消防设施"),
          ("火灾事故", "亡人火灾", "电气火灾"),
          ("开展消防安全隐患排查整治", "治理电动自行车违规充电", "清理消防通道",
           "加强微型消防站建设", "开展消防演练", "落实单位消防安全主体责任"),
          ("坚决防止发生较大以上亡人火灾", "确保火灾形势平稳", "提升全民消防安全素质"),
          ("冬春火灾防控期间", "夏季", "年度")),
    Topic("地质灾害防治", ("自然资源局", "应急管理局"),
          ("地质灾害隐患点", "切坡建房", "群测群防员", "危险区群众", "监测预警设备",
           "搬迁避让"),
          ("滑坡", "崩塌", "泥石流"),
          ("开展隐患排查巡查", "落实群测群防责任", "完善监测预警体系", "实施工程治理",
           "组织避险演练", "推进搬迁避让"),
          ("确保人民群众生命财产安全", "最大限度减少人员伤亡", "实现地灾零伤亡"),
          ("汛期", "雨季", "年度")),
    Topic("城乡居民医疗保险参保", ("医疗保障局", "税务局"),
          ("城乡居民", "参保缴费", "困难群众", "新生儿", "医保电子凭证", "异地就医"),
          ("断保漏保", "骗取医保基金"),
          ("做好参保缴费宣传", "落实困难群众资助参保", "推进医保电子凭证激活",
           "加强医保基金监管", "优化经办服务", "开展入户摸排"),
          ("完成参保目标任务", "参保率稳定在95%以上", "确保应保尽保"),
          ("集中缴费期", "年度", "第四季度")),
    Topic("文明城市创建", ("精神文明建设委员会办公室", "城市管理局"),
          ("背街小巷", "农贸市场", "公共厕所", "公益广告", "志愿服务", "占道经营",
           "文明交通"),
          ("环境卫生死角", "不文明行为", "乱停乱放"),
          ("开展城市环境综合整治", "推进志愿服务常态化", "加强公益广告宣传",
           "开展文明交通劝导", "整治占道经营", "落实门前三包"),
          ("提升城市文明程度", "巩固创建成果", "群众知晓率支持率持续提高"),
          ("测评前", "年度", "迎检期间")),
    Topic("禁毒", ("公安局", "禁毒委员会办公室"),
          ("吸毒人员", "易制毒化学品", "娱乐场所", "寄递物流", "社区戒毒", "青少年"),
          ("毒品犯罪", "复吸", "制毒贩毒"),
          ("开展禁毒宣传进校园", "加强社区戒毒社区康复", "严厉打击毒品犯罪",
           "强化易制毒化学品管控", "开展铲毒踏查", "落实帮扶救助"),
          ("实现毒品问题整体形势持续向好", "创建无毒社区", "吸毒人员数量持续下降"),
          ("国际禁毒日前后", "年度", "暑期")),
    Topic("信访维稳", ("信访局", "政法委"),
          ("信访积案", "重点人员", "矛盾纠纷", "初信初访", "网上信访", "群众诉求"),
          ("越级上访", "群体性事件", "极端事件"),
          ("开展矛盾纠纷排查化解", "落实领导干部接访下访", "推进信访积案化解",
           "坚持和发展新时代枫桥经验", "规范信访事项办理", "加强源头治理"),
          ("确保矛盾不上交", "把矛盾纠纷化解在基层", "确保社会大局和谐稳定"),
          ("重大节日期间", "全国两会期间", "年度")),
    Topic("河湖长制", ("水利局", "河长制办公室"),
          ("河湖管理范围", "入河排污口", "河道采砂", "河湖四乱", "巡河护河", "水质断面"),
          ("河湖水质下降", "乱占乱采乱堆乱建", "非法采砂"),
          ("落实河湖长巡河制度", "开展河湖四乱清理整治", "加强入河排污口监管",
           "推进幸福河湖建设", "强化河湖执法", "完善考核问责"),
          ("实现河畅水清岸绿景美", "水质断面达标率稳步提高", "河湖面貌持续改善"),
          ("年度", "汛前", "一季度")),
    Topic("乡村振兴衔接", ("乡村振兴局", "农业农村局"),
          ("防返贫监测对象", "脱贫人口", "帮扶产业", "扶贫项目资产", "易地搬迁社区",
           "驻村工作队"),
          ("规模性返贫", "致贫返贫风险"),
          ("落实防止返贫动态监测帮扶", "推进帮扶产业提质增效", "加强项目资产管理",
           "做好易地搬迁后续扶持", "强化驻村帮扶", "开展集中排查"),
          ("守住不发生规模性返贫底线", "脱贫群众收入持续增长", "巩固拓展脱贫攻坚成果"),
          ("年度", "上半年", "集中排查期间")),
    Topic("道路交通安全", ("公安局交通管理大队", "交通运输局"),
          ("农村道路", "客运车辆", "校车", "危化品运输车辆", "临水临崖路段", "电动自行车",
           "酒驾醉驾"),
          ("较大道路交通事故", "群死群伤交通事故"),
          ("开展道路交通安全整治", "排查整治公路安全隐患", "加强劝导站建设",
           "严查超员超载", "开展交通安全宣传", "落实客运企业主体责任"),
          ("确保道路交通安全形势平稳", "坚决遏制较大事故", "事故起数和死亡人数双下降"),
          ("春运期间", "节假日期间", "年度")),
    Topic("基层减负", ("党委办公室", "政府办公室", "整治形式主义为基层减负专项工作机制办公室"),
          ("文件会议", "督查检查考核", "报表填报", "村级组织挂牌", "政务应用程序",
           "工作群组", "借调基层干部"),
          ("文山会海反弹回潮", "指尖上的形式主义", "多头督查检查", "层层加码"),
          ("严格控制发文数量", "精简会议活动", "统筹规范督查检查考核", "清理规范村级挂牌",
           "整治政务应用程序过多过滥", "落实社区工作事项准入制度"),
          ("让基层干部把更多精力用在抓落实上", "切实减轻基层负担", "推动基层减负常态长效"),
          ("年度", "上半年", "集中整治期间")),
    Topic("统计调查", ("统计局",),
          ("统计数据", "调查对象", "统计台账", "联网直报", "入统企业", "统计人员"),
          ("统计造假", "数据失真", "迟报漏报"),
          ("加强统计基层基础建设", "规范统计台账管理", "开展统计执法检查",
           "做好统计数据质量核查", "强化统计业务培训", "落实统计防造假责任"),
          ("确保统计数据真实准确", "完成统计调查任务", "提升统计服务水平"),
          ("年度", "季度", "年报期间")),
)
TOPIC_NAMES = tuple(t.name for t in TOPICS)
_TOPIC_BY_NAME = {t.name: t for t in TOPICS}

# --- phrase pools shared by every topic ------------------------------------------------
# Big pools on purpose: two unrelated documents should share fragments, rarely sentences.

POOLS: dict[str, tuple[str, ...]] = {
    "adv": ("切实", "认真", "扎实", "全面", "进一步", "坚决", "持续", "着力", "务必", "严格"),
    "strengthen": ("加强", "强化", "健全", "完善", "压实", "抓好", "落实", "夯实"),
    "attention": ("高度重视", "充分认识", "深刻认识", "准确把握", "切实增强"),
    "importance": ("重要性和紧迫性", "极端重要性", "严峻复杂形势", "重大意义", "特殊性和复杂性"),
    "duty": ("责任感和使命感", "政治责任", "主体责任", "属地责任", "监管责任", "工作责任"),
    "leader": ("主要负责同志", "分管负责同志", "党政主要负责人", "各级领导干部", "班子成员"),
    "verb_do": ("亲自研究", "亲自部署", "靠前指挥", "带头检查", "定期调度", "专题研究"),
    "org": ("组织领导", "统筹协调", "工作调度", "督促指导", "部门联动", "协调配合"),
    "mech": ("工作机制", "长效机制", "责任体系", "联动机制", "会商机制", "闭环管理机制",
             "包保责任制", "信息报送制度", "值班值守制度"),
    "check": ("排查", "摸排", "巡查", "检查", "核查", "督查"),
    "fix": ("整改", "整治", "化解", "处置", "销号", "清零"),
    "ledger": ("问题清单", "责任清单", "整改台账", "工作台账", "隐患清单", "任务清单"),
    "time_limit": ("限期整改", "立行立改", "挂牌督办", "跟踪问效", "对账销号"),
    "ensure": ("确保", "保证", "力争", "切实做到", "坚决做到"),
    "result": ("取得实效", "落到实处", "见到成效", "不留死角", "不走过场", "全面覆盖"),
    "publicity": ("宣传引导", "宣传教育", "舆论引导", "政策宣讲", "警示教育", "科普宣传"),
    "channel": ("微信公众号", "村村通广播", "宣传栏", "入户走访", "短视频", "明白纸", "电子屏"),
    "people": ("人民群众", "广大群众", "辖区群众", "城乡居民", "村（居）民"),
    "report": ("及时报送", "按时报送", "如实报告", "第一时间报告", "逐级上报"),
    "accountability": ("严肃追责问责", "依规依纪依法严肃处理", "严肃追究相关人员责任",
                       "予以通报批评", "约谈相关负责人"),
    "neg": ("工作不力", "措施不到位", "敷衍塞责", "推诿扯皮", "失职失责", "弄虚作假"),
    "basis": ("习近平总书记重要指示批示精神", "党中央、国务院决策部署", "省委、省政府工作要求",
              "市委、市政府安排部署", "县委、县政府工作安排", "上级有关文件精神"),
    "quality": ("工作质效", "工作水平", "治理能力", "服务水平", "保障能力", "应急处置能力"),
    "support": ("资金保障", "人员保障", "物资保障", "技术支撑", "要素保障"),
    "period_word": ("期间", "以来", "前后"),
    "study": ("专题会议", "联席会议", "推进会", "调度会", "现场会"),
    "coord": ("各司其职、各负其责", "密切配合、形成合力", "上下联动、协同推进", "统筹兼顾、突出重点"),
    "verb": ("加强", "规范", "排查", "管控", "摸清", "整治", "巡查", "监管", "保障", "改造",
             "完善", "清理", "核实", "督促", "指导", "检查", "提升", "统筹"),
}

# Sentence templates. ``{x}`` draws from POOLS or from the topic; ``{T}`` is the topic name,
# ``{area}``/``{below}``/``{gov}``/``{self}``/``{grassroots}`` follow the issuing level.
_SENTENCES: tuple[str, ...] = (
    "{below}、各有关部门要{attention}做好{T}工作的{importance}，{adv}增强{duty}。",
    "要{adv}{strengthen}{org}，{leader}要{verb_do}，{adv}把{T}工作摆上重要议事日程。",
    "{below}要{adv}{strengthen}{mech}，明确责任分工，{ensure}各项措施{result}。",
    "要聚焦{noun}、{noun}等重点领域，{adv}开展{check}，建立{ledger}，实行{time_limit}。",
    "对{check}发现的问题，要{time_limit}，{ensure}整改{result}。",
    "要{adv}{measure}，{ensure}{goal}。",
    "要坚持问题导向，{adv}{measure}，着力防范{risk}。",
    "{gov}将适时组织开展督导检查，对{neg}、造成严重后果的，{accountability}。",
    "要{adv}{strengthen}{publicity}，充分利用{channel}、{channel}等方式，提高{people}的知晓率和参与度。",
    "要{adv}{strengthen}{support}，为{T}工作提供有力保障。",
    "各级各部门要{coord}，{adv}形成工作合力。",
    "要严格落实24小时{mech}，遇有重大情况要{report}，不得迟报、漏报、瞒报。",
    "要{adv}{strengthen}对{noun}的{check}，{ensure}{noun}{result}。",
    "{area}共有{noun}{n}处，已完成{check}{n2}处，发现问题{n3}个，已{fix}{n4}个。",
    "截至{month}月底，{area}累计{measure_short}{n}次，{check}{noun}{n2}处，{fix}问题{n3}个。",
    "{below}要于{month}月{day}日前将工作开展情况{report}至{gov}{dept}。",
    "要把{T}工作纳入年度目标责任考核，{adv}{strengthen}结果运用。",
    "要{adv}贯彻落实{basis}，{adv}做好{T}各项工作。",
    "要进一步提升{quality}，{adv}{measure}，推动{T}工作提质增效。",
    "{dept}要{adv}{strengthen}行业指导，{adv}{measure}。",
    "要坚持人民至上、生命至上，{adv}{strengthen}{noun}管理，{ensure}{goal}。",
    "要针对{season}特点，{adv}{measure}，{adv}防范{risk}发生。",
    "各{self}部门要按照职责分工，{coord}，{ensure}{T}工作{result}。",
    "要{adv}{strengthen}对{grassroots}的指导，{adv}解决基层实际困难。",
    "对工作中发现的{neg}等问题，要{accountability}。",
    "要注重总结推广好经验好做法，{adv}{strengthen}{mech}建设，推动{T}工作常态长效。",
    "要充分发挥{noun}的作用，{adv}{measure}，不断提升{quality}。",
    "要召开{study}，{adv}分析研判{T}形势，{adv}研究解决突出问题。",
    "要结合{area}实际，制定具体实施方案，细化工作措施，明确时间节点。",
    "要{adv}开展{noun}{check}，做到底数清、情况明，{ensure}不漏一户、不落一处。",
    "要及时{fix}{risk}风险，{adv}把问题解决在萌芽状态。",
    "全年计划投入资金{money}万元，用于{noun}建设和{measure_short}。",
    "{year}年以来，{area}{T}工作取得明显成效，{noun}管理水平不断提升，但仍存在{neg}等问题。",
    "要对标对表上级要求，{adv}查找差距不足，{adv}{measure}。",
    "各责任单位要明确一名联络员，负责{T}工作的日常联络和信息报送。",
    "要建立健全{T}{mech}，实行{time_limit}，{ensure}问题{fix}到位。",
    "要组织开展{noun}专项培训，{adv}提高{quality}。",
    "要发动{people}积极参与，{adv}营造全社会共同关心支持{T}工作的良好氛围。",
)

# Most sentences are composed clause by clause, as drafters do: an opener, two to four
# clauses, a full stop. Stock clauses recur across documents; their order does not.
_OPENERS: tuple[str, ...] = (
    "要", "要", "各地各部门要", "{below}要", "{dept}要", "各责任单位要", "同时，要", "此外，",
    "对此，各级要", "在此基础上，要", "{town}要结合实际，", "{leader}要", "", "", "",
    "针对{risk}易发多发的情况，要", "围绕{goal}的目标，", "按照{basis}，",
)
_CLAUSES: tuple[str, ...] = (
    "{adv}{strengthen}{org}", "{adv}开展{noun}{check}", "建立{ledger}", "实行{time_limit}",
    "{ensure}{goal}", "{ensure}各项措施{result}", "着力防范{risk}", "{measure}", "{adv}{measure}",
    "明确责任分工", "细化工作措施", "落实{duty}", "{verb_do}", "充分利用{channel}开展{publicity}",
    "提高{people}的知晓率和参与度", "不断提升{quality}", "坚持问题导向", "坚持人民至上、生命至上",
    "突出{noun}等重点", "聚焦{noun}和{noun}", "及时{fix}{risk}风险", "把问题解决在萌芽状态",
    "{coord}", "形成工作合力", "{verb}{noun}", "{adv}{verb}{noun}", "{verb}{noun}和{noun}",
    "对{noun}实行{time_limit}", "做到底数清、情况明", "不漏一户、不落一处",
    "{ensure}{noun}{result}", "严防{risk}发生", "{strengthen}{mech}", "完善{T}{mech}",
    "推动{T}工作提质增效", "把{T}工作摆上重要议事日程", "定期分析研判{T}形势",
    "研究解决{noun}方面的突出问题", "{adv}{strengthen}{support}", "为{T}工作提供有力保障",
    "在{season}{adv}{verb}{noun}", "每月至少开展一次{check}", "发现问题立即{fix}",
    "确需上报的要{report}", "不得迟报、漏报、瞒报", "严禁{neg}", "坚决防止{neg}",
    "对{neg}的{accountability}", "{area}共有{noun}{n}处", "已完成{check}{n2}处",
    "发现问题{n3}个", "已{fix}{n4}个", "累计投入资金{money}万元", "培训{people}{n}人次",
    "{month}月底前全面完成", "于{month}月{day}日前报送{dept}", "纳入年度目标责任考核",
    "{adv}{strengthen}结果运用", "总结推广好经验好做法", "推动{T}工作常态长效",
    "{adv}解决{grassroots}实际困难", "{strengthen}对{grassroots}的指导", "广泛动员{people}参与",
    "营造{T}工作的良好氛围", "{adv}落实{basis}", "对标对表上级要求", "查找差距不足",
    "加大{noun}投入力度", "配齐配强工作力量", "{strengthen}{noun}日常监管", "{verb}{noun}底数",
    "{strengthen}信息共享", "落实专人负责", "实行清单化管理", "实行挂图作战",
    "建立周调度、月通报制度", "{adv}{strengthen}部门联动", "组织{people}开展应急演练",
    "{adv}排查{risk}隐患", "对{noun}进行全覆盖{check}", "督促{noun}落实{duty}",
    "逐项明确责任单位和完成时限", "{gov}{dept}牵头抓总", "{self}各部门协同配合",
    "坚持边查边改", "做到即知即改", "举一反三、堵塞漏洞", "从严从实从细抓好各项工作",
)
_HEADINGS: tuple[str, ...] = (
    "提高思想认识，{strengthen}{duty}",
    "{strengthen}{org}，压实工作责任",
    "突出工作重点，{adv}开展{check}{fix}",
    "聚焦{noun}，{adv}{measure_short}",
    "{strengthen}{publicity}，营造良好氛围",
    "{strengthen}督导检查，{adv}跟踪问效",
    "{strengthen}{support}，提升{quality}",
    "{strengthen}{mech}，推动常态长效",
    "严格值班值守，{strengthen}信息报送",
    "{strengthen}部门协作，形成工作合力",
    "坚持问题导向，防范{risk}",
    "{adv}抓好{T}重点任务落实",
)

_TITLE_FORMS: tuple[str, ...] = (
    "关于做好{year}年度{T}工作的通知",
    "关于进一步{strengthen}{T}工作的通知",
    "关于开展{T}专项整治行动的通知",
    "关于印发《{area2}{T}工作实施方案》的通知",
    "关于切实做好{season}{T}工作的紧急通知",
    "关于{adv}抓好{T}工作的意见",
    "关于开展{year}年{T}集中排查整治的工作方案",
    "关于{T}工作情况的通报",
)
_OPENINGS: tuple[str, ...] = (
    "为深入贯彻落实{basis}，{adv}做好{year}年{T}工作，经{gov}同意，现将有关事项通知如下：",
    "当前正值{season}，{T}工作形势严峻复杂。为{adv}做好相关工作，{ensure}{goal}，现就有关事项通知如下：",
    "为{adv}{measure}，{ensure}{goal}，根据{basis}，结合{area}实际，制定本方案。",
    "近期，{area}部分地区发生{risk}，暴露出一些地方{neg}等问题。为举一反三、{adv}做好{T}工作，现通知如下：",
    "{year}年以来，{area}{T}工作总体平稳，但形势依然严峻。为进一步{strengthen}{T}工作，现提出如下要求：",
)
_CLOSINGS: tuple[str, ...] = (
    "特此通知。",
    "请{below}结合实际，{adv}抓好贯彻落实。",
    "请遵照执行。",
    "执行中遇到的问题，请及时向{gov}{dept}反馈。",
)

_NUMERALS = "一二三四五六七八九十"
_SENTENCE_END = re.compile(r"(?<=[。；！？])")

# Synonym pairs used by rewording; both directions are applied.
SYNONYMS: tuple[tuple[str, str], ...] = (
    ("切实", "认真"), ("加强", "强化"), ("进一步", "持续"), ("确保", "保证"),
    ("开展", "组织开展"), ("高度重视", "充分重视"), ("及时", "迅速"), ("全面", "全方位"),
    ("排查", "摸排"), ("整改", "整治"), ("认真落实", "全面落实"), ("各级各部门", "各地各部门"),
    ("督促", "推动"), ("严格", "严肃"), ("防范", "防控"), ("提升", "提高"),
    ("完善", "健全"), ("人民群众", "广大群众"), ("重点", "关键"), ("工作机制", "长效机制"),
    ("扎实", "稳步"), ("坚决", "坚定"), ("问题", "短板"), ("形成合力", "凝聚合力"),
    ("明确", "厘清"), ("组织领导", "统筹领导"), ("抓好", "抓实"), ("有关", "相关"),
    ("建立", "构建"), ("推进", "推动"), ("情况", "进展"), ("不断", "持续"),
)


@dataclass(frozen=True)
class GeneratedDocument:
    text: str
    title: str
    topic: str
    level: str
    issuer: str


# --- recipes -----------------------------------------------------------------------------


def base_recipe(seed: int, **overrides: Any) -> dict[str, Any]:
    """Return the recipe of an original document chosen entirely by ``seed``."""
    rng = random.Random(seed * 2654435761 + 1)
    # Real archives are mostly county documents with a long tail of upper-level ones.
    recipe: dict[str, Any] = {
        "kind": "base",
        "seed": seed,
        "topic": rng.choice(TOPIC_NAMES),
        "level": rng.choices(LEVELS, weights=(1, 3, 8))[0],
        "year": rng.choice((2021, 2022, 2023, 2024, 2025)),
        # Log-uniform-ish spread of body lengths between 800 and 5,000 characters.
        "length": int(800 * (5000 / 800) ** (rng.random() ** 1.4)),
    }
    recipe.update(overrides)
    return recipe


def build(recipe: Recipe) -> GeneratedDocument:
    """Build the document a recipe describes."""
    kind = recipe["kind"]
    if kind == "base":
        return _generate(recipe)
    source = build(recipe["source"])
    transform = _TRANSFORMS[kind]
    return transform(source, random.Random(recipe["seed"]), recipe)


# --- generation ------------------------------------------------------------------------


class _Filler:
    """Fill ``{slot}`` templates for one document: topic, level and places are fixed."""

    _SLOT = re.compile(r"\{(\w+)\}")

    def __init__(self, rng: random.Random, topic: Topic, level: str, year: int,
                 city: str, county: str) -> None:
        self.rng = rng
        words = LEVEL_WORDS[level]
        self.fixed: dict[str, str] = {
            "T": topic.name,
            "area": words["area"],
            "below": words["below"],
            "gov": words["gov"],
            "self": words["self"],
            "grassroots": words["grassroots"],
            "year": str(year),
            "area2": {"province": PROVINCE, "city": city, "county": county}[level],
        }
        self.pools: dict[str, Sequence[str]] = dict(POOLS)
        self.pools.update({
            "noun": topic.nouns, "risk": topic.risks, "measure": topic.measures,
            "goal": topic.goals, "season": topic.season, "dept": topic.depts,
            "measure_short": tuple(m[2:] if m.startswith(("开展", "落实", "加强")) else m
                                   for m in topic.measures),
        })
        self.numbers: dict[str, Callable[[], str]] = {
            "n": lambda: str(rng.randint(3, 480)),
            "n2": lambda: str(rng.randint(2, 300)),
            "n3": lambda: str(rng.randint(1, 120)),
            "n4": lambda: str(rng.randint(1, 100)),
            "month": lambda: str(rng.randint(1, 12)),
            "day": lambda: str(rng.choice((5, 10, 15, 20, 25, 30))),
            "money": lambda: str(rng.randint(20, 5000)),
            "town": lambda: _town(rng),
        }

    def fill(self, template: str) -> str:
        return self._SLOT.sub(self._value, template)

    def sentence(self) -> str:
        rng = self.rng
        if rng.random() < 0.2:
            return self.fill(rng.choice(_SENTENCES))
        clauses = "，".join(rng.choice(_CLAUSES) for _ in range(rng.randint(2, 4)))
        return self.fill(rng.choice(_OPENERS) + clauses + "。")

    def _value(self, match: re.Match[str]) -> str:
        name = match.group(1)
        if name in self.fixed:
            return self.fixed[name]
        if name in self.numbers:
            return self.numbers[name]()
        return self.rng.choice(self.pools[name])


def _places(rng: random.Random) -> tuple[str, str]:
    city = rng.choice(tuple(CITIES))
    return city, rng.choice(CITIES[city])


def _person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))


def _town(rng: random.Random) -> str:
    start = rng.randrange(0, len(_TOWN_HEADS) - 1)
    return _TOWN_HEADS[start:start + 2] + rng.choice(_TOWN_TAILS)


def _generate(recipe: Recipe) -> GeneratedDocument:
    rng = random.Random(recipe["seed"])
    topic = _TOPIC_BY_NAME[recipe["topic"]]
    level = recipe["level"]
    year = int(recipe["year"])
    city, county = _places(rng)
    filler = _Filler(rng, topic, level, year, city, county)
    issuer = _issuer(rng, topic, level, city, county)
    title = filler.fill(rng.choice(_TITLE_FORMS))

    body: list[str] = [LEVEL_WORDS[level]["addressees"], filler.fill(rng.choice(_OPENINGS))]
    target = int(recipe["length"])
    size = sum(len(p) for p in body)
    headings = rng.sample(_HEADINGS, k=len(_HEADINGS))
    section = 0
    while size < target:
        heading = headings[section % len(headings)]
        numeral = _numeral(section)
        lines = [f"{numeral}、{filler.fill(heading)}"]
        for _ in range(rng.randint(1, 3)):
            count = rng.randint(2, 5)
            lines.append("".join(filler.sentence() for _ in range(count)))
        body.extend(lines)
        size += sum(len(line) for line in lines)
        section += 1
    body.append(filler.fill(rng.choice(_CLOSINGS)))
    body.append(f"联系人：{_person(rng)}，联系电话：0914-{rng.randint(2000000, 8999999)}")

    date = f"{year}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日"
    prefix = LEVEL_WORDS[level]["prefix"].format(c=(county if level == "county" else city)[0])
    header = [f"{issuer}文件", f"{prefix}〔{year}〕{rng.randint(1, 160)}号", title]
    text = "\n".join([*header, *body, issuer, date])
    return GeneratedDocument(text=text, title=title, topic=topic.name, level=level, issuer=issuer)


def _issuer(rng: random.Random, topic: Topic, level: str, city: str, county: str) -> str:
    own = {"province": PROVINCE, "city": city, "county": county}[level]
    if rng.random() < 0.4:
        return LEVEL_WORDS[level]["office"].format(city=city, county=county)
    dept = rng.choice(topic.depts)
    if level == "province" and dept.endswith("局"):
        dept = dept[:-1] + "厅"
    return own + dept


def _numeral(index: int) -> str:
    if index < 10:
        return _NUMERALS[index]
    return "十" + _NUMERALS[index - 10] if index < 19 else str(index + 1)


# --- derived documents -----------------------------------------------------------------


def _sentences(paragraph: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(paragraph) if s]


def _split(document: GeneratedDocument) -> tuple[list[str], list[str], list[str]]:
    """Split into header lines (红头, 文号, title), body paragraphs and signature lines."""
    lines = document.text.split("\n")
    return lines[:3], lines[3:-2], lines[-2:]


def reword(text: str, rng: random.Random, intensity: float, topic: str = "安全生产") -> str:
    """Swap synonyms, reorder, drop and insert sentences; ``intensity`` in [0, 1]."""
    pairs = [(a, b) if rng.random() < 0.5 else (b, a) for a, b in SYNONYMS]
    chosen = [p for p in pairs if rng.random() < intensity]
    for old, new in chosen:
        text = text.replace(old, new)
    filler = _Filler(rng, _TOPIC_BY_NAME[topic], "county", 2024, "商洛市", "镇安县")
    paragraphs = text.split("\n")
    out: list[str] = []
    for paragraph in paragraphs:
        sentences = _sentences(paragraph)
        if len(sentences) < 2:
            out.append(paragraph)
            continue
        if rng.random() < intensity * 0.5:
            rng.shuffle(sentences)
        kept = [s for s in sentences if rng.random() >= intensity * 0.2] or sentences[:1]
        if rng.random() < intensity * 0.4:
            kept.insert(rng.randrange(len(kept) + 1), filler.sentence())
        out.append("".join(kept))
    return "\n".join(out)


def _reworded(source: GeneratedDocument, rng: random.Random, recipe: Recipe) -> GeneratedDocument:
    text = reword(source.text, rng, float(recipe.get("intensity", 0.5)), source.topic)
    return GeneratedDocument(text, source.title, source.topic, source.level, source.issuer)


def _excerpt(source: GeneratedDocument, rng: random.Random, recipe: Recipe) -> GeneratedDocument:
    """A lower-level notice that copies a run of the source's paragraphs under its own head."""
    _, body, _ = _split(source)
    paragraphs = body[2:-2] or body
    share = float(recipe.get("share", 0.35))
    total = sum(len(p) for p in paragraphs)
    start = rng.randrange(max(1, len(paragraphs) // 2))
    taken: list[str] = []
    size = 0
    for paragraph in paragraphs[start:] + paragraphs[:start]:
        if size >= share * total:
            break
        taken.append(paragraph)
        size += len(paragraph)
    if recipe.get("intensity"):
        taken = reword("\n".join(taken), rng, float(recipe["intensity"]), source.topic).split("\n")
    city, county = _places(rng)
    issuer = f"{county}人民政府办公室"
    title = f"关于认真贯彻落实{source.title.removeprefix('关于')}精神的通知"
    lines = [
        f"{issuer}文件", f"{county[0]}政办发〔2024〕{rng.randint(1, 160)}号", title,
        LEVEL_WORDS["county"]["addressees"],
        f"现将{source.issuer}《{source.title}》有关要求摘要转发给你们，请结合实际认真贯彻落实。",
        *taken,
        "请各单位于每月底前报送工作进展情况。",
        issuer, f"2024年{rng.randint(1, 12)}月{rng.randint(1, 28)}日",
    ]
    return GeneratedDocument("\n".join(lines), title, source.topic, "county", issuer)


# The strings an upper-level document uses for itself, and what a county copy says instead.
_LEVEL_SWAPS: dict[str, tuple[tuple[str, str], ...]] = {
    level: tuple((LEVEL_WORDS[level][key], LEVEL_WORDS["county"][key])
                 for key in ("addressees", "area", "below", "gov", "self", "grassroots"))
    for level in ("province", "city")
}


def _upper_copy(source: GeneratedDocument, rng: random.Random, recipe: Recipe) -> GeneratedDocument:
    """照抄照搬: the county re-issues an upper document with its own names and a few additions."""
    _, body, _ = _split(source)
    city, county = _places(rng)
    text = "\n".join(body)
    for upper, lower in _LEVEL_SWAPS.get(source.level, ()):
        text = text.replace(upper, lower)
    text = text.replace(PROVINCE, county).replace(city, county)
    paragraphs = text.split("\n")
    filler = _Filler(rng, _TOPIC_BY_NAME[source.topic], "county", 2024, city, county)
    for _ in range(int(recipe.get("additions", 2))):
        position = rng.randrange(1, len(paragraphs))
        paragraphs.insert(position, f"{_town(rng)}{filler.sentence()}")
    issuer = f"{county}人民政府办公室"
    title = source.title.replace(PROVINCE, county).replace(city, county)
    lines = [f"{issuer}文件", f"{county[0]}政办发〔2024〕{rng.randint(1, 160)}号", title,
             *paragraphs, issuer, f"2024年{rng.randint(1, 12)}月{rng.randint(1, 28)}日"]
    return GeneratedDocument("\n".join(lines), title, source.topic, "county", issuer)


_MEMO_TITLES = ("关于{x}的工作提示", "关于{x}的便笺", "关于{x}的工作联系函", "关于{x}的提醒")


def _relabel(source: GeneratedDocument, rng: random.Random, recipe: Recipe) -> GeneratedDocument:
    """红头→白头/便笺: same body, no 文号, a memo-style title and an office signature."""
    _, body, signature = _split(source)
    subject = re.sub(r"^关于|的(紧急)?(通知|意见|工作方案|通报)$", "", source.title)
    title = rng.choice(_MEMO_TITLES).format(x=subject)
    office = re.sub(r"(人民政府|政府)?[^省市县区]*$", "", source.issuer) + "人民政府办公室"
    paragraphs = list(body)
    if len(paragraphs) > 4 and rng.random() < 0.5:
        del paragraphs[-2]  # the closing formula (特此通知) is often dropped from memos
    lines = [f"{office}便笺" if rng.random() < 0.5 else "工作提示", title, *paragraphs,
             office, signature[-1]]
    return GeneratedDocument("\n".join(lines), title, source.topic, source.level, office)


@lru_cache(maxsize=4)
def _s2t(config: str) -> OpenCC:
    return OpenCC(config)


# Variant glyphs a traditional-script copy may contain; the normaliser must fold them.
_INJECTED_VARIANTS = (("陝", "陜"), ("衛", "衞"), ("告", "吿"), ("清", "淸"), ("青", "靑"))
_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _traditional(source: GeneratedDocument, rng: random.Random, recipe: Recipe) -> GeneratedDocument:
    text = str(_s2t(rng.choice(("s2t", "s2hk", "s2tw"))).convert(source.text))
    for standard, variant in _INJECTED_VARIANTS:
        if rng.random() < 0.7:
            text = text.replace(standard, variant)
    if rng.random() < 0.5:
        text = text.translate(_FULL_WIDTH)
    if rng.random() < 0.5:
        text = text.replace("，", ", ").replace("：", ": ")
    return GeneratedDocument(text, source.title, source.topic, source.level, source.issuer)


_TRANSFORMS: dict[str, Callable[[GeneratedDocument, random.Random, Recipe], GeneratedDocument]] = {
    "reworded": _reworded,
    "excerpt": _excerpt,
    "upper_copy": _upper_copy,
    "relabelled": _relabel,
    "traditional": _traditional,
}
DERIVED_KINDS = tuple(_TRANSFORMS)
