"""A HELD-OUT labelled set of Chinese form-field pairs: never used to tune the matcher or its synonym data.

Where the pairs come from: field names and 口径 (definitions) as they appear in the statistical and
registration forms grassroots units actually fill, written from memory of those forms, not from the
tuning pairs (``eval_pairs.py``) nor from the demo catalogue:
  - 第七次全国人口普查 short/long forms and the 统计年鉴 population tables (常住/户籍人口, 家庭户/集体户,
    人户分离, 0–14岁 / 65岁及以上, 出生/死亡人口, 性别);
  - 民政统计 (民政事业统计季报/年报: 城乡低保, 特困人员救助供养 (formerly 农村五保), 残疾人两项补贴,
    高龄津贴, 社区服务设施, 养老服务设施与床位, 社会组织, 农村留守儿童 (不满十六周岁));
  - 社区综合统计 / 城乡社区治理 台账 (居委会成员, 居民小组, 楼栋长, 业主委员会, 物业覆盖, 老旧小区改造,
    既有住宅加装电梯, 居民议事会, 社区社会组织);
  - 基层治理 / 综治 台账 (网格与网格员, 矛盾纠纷调解, 信访, 社区矫正, 刑满释放, 视频监控, 应急避难场所,
    消火栓, 微型消防站);
  - 村级报表 (村民小组, 耕地/林地, 村集体经营性收入, 脱贫户与防返贫监测对象), 人社 (城镇新增就业,
    登记失业, 就业困难人员, 参保), 卫健 (家庭医生签约, 托育机构, 出生人口).

Written in one sitting BEFORE the matcher was run on any of it (the commit adding this file precedes
any run; see git log). It is NEVER tuned on: no synonym group, qualifier, threshold or rule may be
added or changed because of a pair here. If the matcher changes later, both sets are re-reported,
before and after, in the commit message.

Each pair: (a, b, same, category), a field being (name, type, unit, definition); ``same`` says whether
a community answering one has answered the other (a different unit scale of one quantity, 元 / 万元,
is the same field; a different dimension, 人 / 户 / 人次, is not). Categories as in ``eval_pairs.py``
but judged by meaning, not by what the seeded synonym data lists: ``synonym`` (established other
names for one statistical item: 五保对象 / 特困人员, 实有人口 / 常住人口), ``near_synonym`` (one item
worded differently: abbreviations, word order, added generic words), ``same_words`` (equal or alike
names whose 口径 or unit differ: not the same), ``unrelated`` (same topic area, another item).
"""

from __future__ import annotations

from qingzhuang.forms.eval_pairs import F

HELD_OUT: list[tuple[F, F, bool, str]] = [
    # --- synonym ---------------------------------------------------------------------------------------
    (("年末常住人口", "integer", "人", "年末在本社区居住半年以上的人口"), ("常住人口数", "integer", "人", ""), True, "synonym"),
    (("户籍总人口", "integer", "人", "公安户籍登记在本村的人口"), ("户籍人口数", "integer", "人", "户口在本村的人口"), True, "synonym"),
    (("五保户人数", "integer", "人", "农村五保供养对象"), ("特困供养人员数", "integer", "人", "纳入特困人员救助供养的人员"), True, "synonym"),
    (("最低生活保障家庭户数", "integer", "户", "享受城乡低保的家庭"), ("低保户数", "integer", "户", ""), True, "synonym"),
    (("复员退伍军人数", "integer", "人", ""), ("退役军人人数", "integer", "人", "退出现役的军人"), True, "synonym"),
    (("残疾人口", "integer", "人", "持有第二代残疾人证的人员"), ("持证残疾人数", "integer", "人", "持有残疾人证的人员"), True, "synonym"),
    (("居民户数", "integer", "户", "辖区内居民家庭户数"), ("住户数", "integer", "户", "辖区住户"), True, "synonym"),
    (("中共党员人数", "integer", "人", ""), ("党员总数", "integer", "人", "组织关系在本社区党组织的党员"), True, "synonym"),
    (("社工人数", "integer", "人", "社区专职工作人员"), ("社区工作者人数", "integer", "人", "社区专职工作者"), True, "synonym"),
    (("志愿服务人员数", "integer", "人", ""), ("注册志愿者人数", "integer", "人", "在志愿服务信息系统注册的志愿者"), True, "synonym"),
    (("网格管理员人数", "integer", "人", "专职网格员"), ("专职网格员数", "integer", "人", ""), True, "synonym"),
    (("居住人口", "integer", "人", ""), ("实有人口", "integer", "人", "实际居住在辖区的人口"), True, "synonym"),
    (("党群服务站面积", "decimal", "平方米", "建筑面积"), ("党群服务中心建筑面积", "decimal", "平方米", ""), True, "synonym"),
    (("居民小区数", "integer", "个", ""), ("住宅小区个数", "integer", "个", "辖区内的住宅小区"), True, "synonym"),
    (("住宅楼栋数", "integer", "栋", ""), ("居民楼数", "integer", "栋", ""), True, "synonym"),
    (("老年人口数", "integer", "人", "60周岁及以上人口"), ("60岁及以上老年人口", "integer", "人", ""), True, "synonym"),
    (("共产党员数", "integer", "人", ""), ("党员数", "integer", "人", ""), True, "synonym"),
    (("残障人士数", "integer", "人", ""), ("残疾人员数", "integer", "人", ""), True, "synonym"),
    (("低保人数", "integer", "人", ""), ("最低生活保障对象人数", "integer", "人", "享受最低生活保障待遇的人员"), True, "synonym"),
    (("特困人员数", "integer", "人", ""), ("五保对象", "integer", "人", ""), True, "synonym"),
    (("低保家庭", "integer", "户", ""), ("低保户", "integer", "户", ""), True, "synonym"),
    (("外来人口", "integer", "人", ""), ("流动人口", "integer", "人", "离开户籍地在本辖区居住的人口"), True, "synonym"),
    (("建档立卡贫困户", "integer", "户", ""), ("脱贫户数", "integer", "户", "已脱贫的建档立卡户"), True, "synonym"),
    (("居委会成员数", "integer", "人", ""), ("社区居委会委员人数", "integer", "人", "居民委员会主任、副主任和委员"), True, "synonym"),
    (("村民小组数", "integer", "个", ""), ("村民组个数", "integer", "个", ""), True, "synonym"),
    (("新生儿数", "integer", "人", "本年出生人口"), ("出生人口数", "integer", "人", "本年内出生的活产婴儿"), True, "synonym"),
    (("社区矫正对象", "integer", "人", ""), ("社区矫正人员数", "integer", "人", "在册社区矫正对象"), True, "synonym"),
    (("刑满释放人员", "integer", "人", ""), ("刑释人员数", "integer", "人", "刑满释放人员"), True, "synonym"),
    (("消防栓数量", "integer", "个", "室外消火栓"), ("室外消火栓数", "integer", "个", ""), True, "synonym"),
    (("业主委员会数", "integer", "个", ""), ("业委会数量", "integer", "个", ""), True, "synonym"),
    # --- near_synonym ----------------------------------------------------------------------------------
    (("65周岁以上老年人口", "integer", "人", ""), ("65岁及以上人口", "integer", "人", ""), True, "near_synonym"),
    (("0-14岁人口", "integer", "人", ""), ("0至14周岁人口数", "integer", "人", ""), True, "near_synonym"),
    (("城镇登记失业人员数", "integer", "人", ""), ("登记失业人数", "integer", "人", "城镇登记失业人员"), True, "near_synonym"),
    (("城镇新增就业人数", "integer", "人", "本年城镇新增就业"), ("新增就业人数", "integer", "人", "本年城镇新增就业人员"), True, "near_synonym"),
    (("社区养老服务设施数", "integer", "个", ""), ("养老服务设施个数", "integer", "个", "社区内养老服务设施"), True, "near_synonym"),
    (("老年人日间照料中心数", "integer", "个", ""), ("日间照料中心", "integer", "个", "社区老年人日间照料中心个数"), True, "near_synonym"),
    (("已加装电梯数", "integer", "部", "既有住宅已加装电梯"), ("既有住宅加装电梯数量", "integer", "部", ""), True, "near_synonym"),
    (("老旧小区改造数", "integer", "个", "本年开工改造的老旧小区"), ("改造老旧小区个数", "integer", "个", "本年开工改造的城镇老旧小区"), True, "near_synonym"),
    (("调解矛盾纠纷件数", "integer", "件", ""), ("矛盾纠纷调解数", "integer", "件", ""), True, "near_synonym"),
    (("受理信访事项数", "integer", "件", ""), ("信访受理件数", "integer", "件", ""), True, "near_synonym"),
    (("物业服务覆盖率", "decimal", "%", "有物业服务的小区占比"), ("物业覆盖率", "decimal", "%", "实行物业管理的小区比例"), True, "near_synonym"),
    (("社区卫生服务中心数", "integer", "个", ""), ("社区卫生服务中心", "integer", "个", ""), True, "near_synonym"),
    (("持证残疾人数", "integer", "人", ""), ("残疾证持证人数", "integer", "人", ""), True, "near_synonym"),
    (("残疾人两项补贴人数", "integer", "人", "享受困难残疾人生活补贴和重度残疾人护理补贴的人数"), ("两项补贴享受人数", "integer", "人", "困难残疾人生活补贴、重度残疾人护理补贴享受人数"), True, "near_synonym"),
    (("高龄津贴发放人数", "integer", "人", "80周岁以上享受高龄津贴"), ("享受高龄补贴人数", "integer", "人", "80周岁以上领取高龄补贴的老人"), True, "near_synonym"),
    (("集体经营性收入", "decimal", "万元", "村集体经济组织经营性收入"), ("村集体经营性收入", "decimal", "万元", ""), True, "near_synonym"),
    (("楼长人数", "integer", "人", ""), ("楼栋长数", "integer", "人", ""), True, "near_synonym"),
    (("监测对象户数", "integer", "户", "防止返贫监测对象"), ("防返贫监测户", "integer", "户", "纳入防止返贫监测的农户"), True, "near_synonym"),
    (("无物业小区数", "integer", "个", ""), ("无物业管理小区", "integer", "个", "没有物业服务企业的住宅小区"), True, "near_synonym"),
    (("社会组织数", "integer", "个", "在社区登记或备案的社会组织"), ("社区社会组织数量", "integer", "个", "社区登记备案的社会组织"), True, "near_synonym"),
    (("文化活动室面积", "decimal", "平方米", ""), ("文化活动室建筑面积", "decimal", "平方米", ""), True, "near_synonym"),
    (("居家养老服务人次", "integer", "人次", "本年"), ("居家养老服务人次数", "integer", "人次", "全年提供居家养老服务的人次"), True, "near_synonym"),
    (("出租房屋数", "integer", "套", ""), ("出租房屋套数", "integer", "套", "辖区用于出租的房屋"), True, "near_synonym"),
    (("境外人员数", "integer", "人", "在辖区居住的境外人员"), ("居住境外人员", "integer", "人", "辖区内居住的境外人员人数"), True, "near_synonym"),
    (("监控探头数", "integer", "个", "公共区域视频监控"), ("视频监控点位数", "integer", "个", "公共区域视频监控探头"), True, "near_synonym"),
    (("网格数", "integer", "个", ""), ("划分网格数量", "integer", "个", "社区划分的基础网格"), True, "near_synonym"),
    (("居民议事会次数", "integer", "次", "本年"), ("召开居民议事会次数", "integer", "次", "本年召开的居民议事会"), True, "near_synonym"),
    (("新就业群体数", "integer", "人", ""), ("新业态新就业群体人数", "integer", "人", ""), True, "near_synonym"),
    (("托育机构数", "integer", "个", "3岁以下婴幼儿托育机构"), ("婴幼儿托育机构", "integer", "个", ""), True, "near_synonym"),
    (("集体经济收入", "decimal", "万元", "村集体经济组织年度总收入"), ("村集体经济总收入", "decimal", "元", "年度村集体经济组织的总收入"), True, "near_synonym"),
    (("耕地面积", "decimal", "亩", ""), ("耕地总面积", "decimal", "亩", "村集体耕地面积"), True, "near_synonym"),
    (("家庭医生签约人数", "integer", "人", ""), ("家庭医生签约服务人数", "integer", "人", "与家庭医生团队签约的居民"), True, "near_synonym"),
    (("应急避难场所数", "integer", "处", ""), ("避难场所", "integer", "个", "应急避难场所个数"), True, "near_synonym"),
    (("人户分离人口", "integer", "人", "居住地与户口登记地不在同一乡镇街道的人口"), ("人户分离人数", "integer", "人", ""), True, "near_synonym"),
    (("死亡人数", "integer", "人", "本年死亡人口"), ("死亡人口", "integer", "人", "年内死亡的人口"), True, "near_synonym"),
    # --- same_words: equal or alike names, another 口径 or unit ---------------------------------------
    (("老年人口比重", "decimal", "%", "60岁及以上人口占常住人口比重"), ("老年人口比重", "decimal", "%", "65岁及以上人口占常住人口比重"), False, "same_words"),
    (("人口数", "integer", "人", "年末户籍人口"), ("人口数", "integer", "人", "年末常住人口"), False, "same_words"),
    (("出生人口", "integer", "人", "本年出生"), ("出生人口", "integer", "人", "本季度出生"), False, "same_words"),
    (("低保户数", "integer", "户", ""), ("低保人数", "integer", "人", ""), False, "same_words"),
    (("残疾人数", "integer", "人", "持有残疾人证的人员"), ("残疾人数", "integer", "人", "含未办证的各类残疾人"), False, "same_words"),
    (("面积", "decimal", "平方米", "社区办公用房建筑面积"), ("面积", "decimal", "平方公里", "社区辖区面积"), False, "same_words"),
    (("服务人次", "integer", "人次", ""), ("服务人数", "integer", "人", ""), False, "same_words"),
    (("就业人数", "integer", "人", "城镇新增就业"), ("就业人数", "integer", "人", "失业人员再就业"), False, "same_words"),
    (("党员人数", "integer", "人", "正式党员"), ("党员人数", "integer", "人", "预备党员"), False, "same_words"),
    (("集体经济收入", "decimal", "万元", "经营性收入"), ("集体经济收入", "decimal", "万元", "总收入（含上级补助）"), False, "same_words"),
    (("参保人数", "integer", "人", "城乡居民基本医疗保险参保人数"), ("参保人数", "integer", "人", "城乡居民基本养老保险参保人数"), False, "same_words"),
    (("户数", "integer", "户", "户籍户数"), ("户数", "integer", "户", "常住户数"), False, "same_words"),
    (("儿童人数", "integer", "人", "0-3岁婴幼儿"), ("儿童人数", "integer", "人", "0-17岁未成年人"), False, "same_words"),
    (("养老床位数", "integer", "张", "养老机构床位"), ("养老床位数", "integer", "张", "社区养老服务设施床位"), False, "same_words"),
    (("空巢老人数", "integer", "人", "子女不在身边的老年人（含与配偶同住）"), ("独居老人数", "integer", "人", "独自一人居住的老年人"), False, "same_words"),
    (("家庭户数", "integer", "户", "以家庭成员关系为主居住一处共同生活的户"), ("总户数", "integer", "户", "家庭户与集体户之和"), False, "same_words"),
    (("农村留守儿童数", "integer", "人", "父母双方外出务工的不满十六周岁未成年人"), ("留守未成年人数", "integer", "人", "父母双方外出务工的未满十八周岁人员"), False, "same_words"),
    (("调解纠纷数", "integer", "件", "本月"), ("调解纠纷数", "integer", "件", "本年累计"), False, "same_words"),
    (("低保标准", "decimal", "元", "城市低保标准（元/人·月）"), ("低保标准", "decimal", "元", "农村低保标准（元/人·年）"), False, "same_words"),
    (("建筑面积", "decimal", "平方米", "党群服务中心建筑面积"), ("建筑面积", "decimal", "平方米", "养老服务中心建筑面积"), False, "same_words"),
    (("是否建立居民公约", "yes_no", "", ""), ("居民公约修订次数", "integer", "次", ""), False, "same_words"),
    (("就业困难人员", "integer", "人", "本年新认定的就业困难人员"), ("就业困难人员", "integer", "人", "在册就业困难人员"), False, "same_words"),
    (("重点人员数", "integer", "人", "社区矫正、刑释、吸毒等重点人群"), ("重点人员数", "integer", "人", "重点信访人员"), False, "same_words"),
    (("外来人口", "integer", "人", "外省流入人口"), ("外来人口", "integer", "人", "外县流入人口（含省内）"), False, "same_words"),
    (("学龄儿童数", "integer", "人", "6-11周岁"), ("学龄儿童数", "integer", "人", "6-14周岁"), False, "same_words"),
    (("医保参保率", "decimal", "%", ""), ("医保参保人数", "integer", "人", ""), False, "same_words"),
    (("人均收入", "decimal", "元", "农村居民人均可支配收入"), ("人均收入", "decimal", "元", "城镇居民人均可支配收入"), False, "same_words"),
    (("住房套数", "integer", "套", "保障性住房"), ("住房套数", "integer", "套", "商品住房"), False, "same_words"),
    (("高龄老人数", "integer", "人", "80周岁及以上"), ("高龄老人数", "integer", "人", "90周岁及以上"), False, "same_words"),
    (("电梯数", "integer", "部", "住宅电梯总数"), ("加装电梯数", "integer", "部", "既有住宅加装的电梯"), False, "same_words"),
    # --- unrelated: same topic area, another item -----------------------------------------------------
    (("流动人口数", "integer", "人", ""), ("常住人口数", "integer", "人", ""), False, "unrelated"),
    (("出生人口", "integer", "人", "本年出生"), ("死亡人口", "integer", "人", "本年死亡"), False, "unrelated"),
    (("城镇登记失业人员", "integer", "人", ""), ("城镇新增就业人数", "integer", "人", ""), False, "unrelated"),
    (("社区矫正对象", "integer", "人", ""), ("刑满释放人员", "integer", "人", ""), False, "unrelated"),
    (("业主委员会数", "integer", "个", ""), ("物业服务企业数", "integer", "家", ""), False, "unrelated"),
    (("耕地面积", "decimal", "亩", ""), ("林地面积", "decimal", "亩", ""), False, "unrelated"),
    (("应急避难场所数", "integer", "处", ""), ("微型消防站数", "integer", "个", ""), False, "unrelated"),
    (("家庭医生签约人数", "integer", "人", ""), ("慢性病患者人数", "integer", "人", "高血压、糖尿病患者"), False, "unrelated"),
    (("托育机构数", "integer", "个", ""), ("幼儿园数", "integer", "所", ""), False, "unrelated"),
    (("老年人日间照料中心数", "integer", "个", ""), ("老年助餐点数", "integer", "个", ""), False, "unrelated"),
    (("残疾人两项补贴人数", "integer", "人", ""), ("高龄津贴发放人数", "integer", "人", ""), False, "unrelated"),
    (("居民议事会次数", "integer", "次", ""), ("入户走访次数", "integer", "次", ""), False, "unrelated"),
    (("文化活动室面积", "decimal", "平方米", ""), ("健身广场面积", "decimal", "平方米", ""), False, "unrelated"),
    (("监控探头数", "integer", "个", ""), ("路灯数", "integer", "盏", ""), False, "unrelated"),
    (("网格数", "integer", "个", ""), ("楼栋数", "integer", "栋", ""), False, "unrelated"),
    (("脱贫户数", "integer", "户", ""), ("低保户数", "integer", "户", ""), False, "unrelated"),
    (("0-14岁人口", "integer", "人", ""), ("65岁及以上人口", "integer", "人", ""), False, "unrelated"),
    (("人户分离人口", "integer", "人", ""), ("户籍人口", "integer", "人", ""), False, "unrelated"),
    (("党员人数", "integer", "人", ""), ("入党积极分子人数", "integer", "人", ""), False, "unrelated"),
    (("业委会数量", "integer", "个", ""), ("居民小组数", "integer", "个", ""), False, "unrelated"),
    (("出租房屋套数", "integer", "套", ""), ("空置房屋套数", "integer", "套", ""), False, "unrelated"),
    (("集体经营性收入", "decimal", "万元", ""), ("集体资产总额", "decimal", "万元", ""), False, "unrelated"),
    (("信访件数", "integer", "件", ""), ("12345热线工单数", "integer", "件", ""), False, "unrelated"),
    (("退役军人数", "integer", "人", ""), ("现役军人家属数", "integer", "人", ""), False, "unrelated"),
    (("养老保险参保人数", "integer", "人", ""), ("领取养老金人数", "integer", "人", ""), False, "unrelated"),
    (("社会组织数", "integer", "个", ""), ("社会工作站数", "integer", "个", ""), False, "unrelated"),
    (("女性人口", "integer", "人", ""), ("男性人口", "integer", "人", ""), False, "unrelated"),
    (("志愿者人数", "integer", "人", "注册志愿者"), ("志愿服务时长", "decimal", "小时", "志愿者累计服务时长"), False, "unrelated"),
    (("平均每户人口", "decimal", "人", "家庭户平均人口"), ("户数", "integer", "户", ""), False, "unrelated"),
    (("低保户数", "integer", "户", ""), ("低收入人口", "integer", "人", "低保边缘及支出型困难人口"), False, "unrelated"),
]
