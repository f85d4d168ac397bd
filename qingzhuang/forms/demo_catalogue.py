"""The raw form catalogue of a county before its clean-up, generated: the forms its departments sent down in
2024–2025, each asking again for what others ask (population, households, the elderly…) in its own words.

Scaled to about half of Jiangxi's reported clean-up (91 forms → 39, 1,849 fields → 904): 46 forms of about 20
fields each, in 20 topics. Each field is a *concept* (a subject × a measure) written in one of its variants
(synonyms, count suffixes, definitions with or without 辖区内); ``concept`` keeps the truth, so the merge the
matcher makes can be checked against it (``python -m qingzhuang.forms.demo_catalogue``).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

# Subjects: (names in the words different departments use, unit, definition).
SUBJECTS: dict[str, tuple[tuple[str, ...], str, str]] = {
    "elderly": (("老年人", "老人", "老年人口"), "人", "60周岁及以上的老年人"),
    "alone": (("独居老人", "独居老年人", "空巢独居老人"), "人", "60周岁及以上独自居住的老年人"),
    "aged80": (("高龄老人",), "人", "80周岁及以上的老年人"),
    "dibao": (("低保对象", "低保人员", "最低生活保障对象"), "人", "享受最低生活保障的人员"),
    "dibao_hh": (("低保户", "低保家庭", "最低生活保障户"), "户", "享受最低生活保障的家庭"),
    "tekun": (("特困人员", "特困供养人员"), "人", "纳入特困人员救助供养的人员"),
    "disabled": (("残疾人", "残疾人员", "残障人士"), "人", "持有残疾人证的居民"),
    "orphan": (("孤儿",), "人", "父母双亡的未满18周岁儿童"),
    "leftbehind": (("留守儿童", "留守未成年人"), "人", "父母均外出务工的未满18周岁儿童"),
    "veteran": (("退役军人", "退伍军人"), "人", "退出现役的军人"),
    "unemployed": (("失业人员", "登记失业人员"), "人", "登记失业的劳动年龄人口"),
    "hardjob": (("就业困难人员",), "人", "认定为就业困难的人员"),
    "gig": (("新就业群体", "新就业形态劳动者"), "人", "外卖骑手、快递员、网约车司机等"),
    "pregnant": (("孕产妇",), "人", "辖区孕产妇"),
    "chronic": (("慢性病患者", "慢病患者"), "人", "高血压、糖尿病等慢性病患者"),
    "mental": (("严重精神障碍患者", "精神障碍患者"), "人", "在册管理的严重精神障碍患者"),
    "estate": (("住宅小区", "居民小区"), "个", "辖区内的住宅小区"),
    "oldestate": (("老旧小区",), "个", "2000年底前建成的住宅小区"),
    "building": (("楼栋", "居民楼", "住宅楼"), "栋", "辖区内居民住宅楼栋"),
    "hazard": (("安全隐患", "隐患点"), "处", "排查发现的安全隐患"),
    "shelter": (("应急避难场所",), "处", "辖区应急避难场所"),
    "firestation": (("微型消防站",), "个", "社区微型消防站"),
    "farmer": (("农户", "农村住户"), "户", "从事农业生产的家庭"),
    "coop": (("农民专业合作社", "合作社"), "个", "在辖区登记的农民专业合作社"),
    "poverty": (("脱贫户", "脱贫家庭"), "户", "已脱贫的家庭"),
    "kinder": (("幼儿园",), "所", "辖区内的幼儿园"),
    "pupil": (("适龄儿童",), "人", "6至15周岁义务教育适龄儿童"),
    "shop": (("个体工商户", "个体户"), "户", "在辖区经营的个体工商户"),
    "food": (("食品经营户", "食品经营主体"), "户", "在辖区经营食品的商户"),
    "geo": (("地质灾害隐患点",), "处", "辖区内的地质灾害隐患点"),
    "party": (("党员", "中共党员"), "人", "组织关系在本社区的党员"),
    "volunteer": (("志愿者", "注册志愿者"), "人", "在本社区注册的志愿者"),
    "severe": (("重度残疾人",), "人", "持有一、二级残疾人证的居民"),
    "team": (("志愿服务队", "志愿者队伍"), "支", "在本社区活动的志愿服务队伍"),
    "rider": (("外卖骑手", "外卖配送员"), "人", "在本社区居住或服务的外卖配送人员"),
    "infant": (("婴幼儿",), "人", "0至3周岁的婴幼儿"),
    "signed": (("家庭医生签约居民", "签约居民"), "人", "与家庭医生签约的居民"),
    "rehab": (("社区戒毒人员",), "人", "在社区戒毒康复的人员"),
    "gas": (("燃气用户", "管道燃气用户"), "户", "使用管道燃气的家庭"),
    "monitor": (("防返贫监测对象", "监测对象"), "户", "纳入防止返贫动态监测的家庭"),
    "flood": (("防汛重点部位",), "处", "汛期需重点巡查的部位"),
    "martyr": (("烈士遗属", "烈属"), "人", "烈士的遗属"),
    "flowparty": (("流动党员",), "人", "外出务工经商半年以上的党员"),
}

# Measures: (name template with {s}, unit or None for the subject's, type, definition template with {d}).
MEASURES: tuple[tuple[str, str | None, str, str], ...] = (
    ("{s}数", None, "integer", "{d}"),
    ("本年新增{s}", None, "integer", "本年新增的{d}"),
    ("{s}走访人次", "人次", "integer", "本月走访{d}的人次"),
    ("{s}帮扶资金", "元", "decimal", "本年发放给{d}的帮扶资金"),
    ("{s}培训人次", "人次", "integer", "本年组织{d}参加培训的人次"),
    ("是否建立{s}台账", "", "yes_no", "是否为{d}建立工作台账"),
    ("{s}满意度", "%", "decimal", "{d}对服务的满意率"),
    ("{s}补贴发放人数", None, "integer", "本年领取补贴的{d}"),
    ("{s}信息更新日期", "", "date", "最近一次更新{d}信息的日期"),
    ("{s}入户核查次数", "次", "integer", "本年入户核查{d}的次数"),
)

# Fields every department asks again: they are in the master record.
COMMON: tuple[tuple[str, tuple[str, ...], str, str], ...] = (
    ("residents", ("常住人口", "实有人口数", "居住人口"), "人", "在本社区居住半年以上的人口"),
    ("households", ("户数", "总户数", "住户数"), "户", "本社区登记的居民户数"),
    ("registered", ("户籍人口", "户籍人数"), "人", "户口登记在本社区的人口"),
    ("staff", ("社区工作者人数", "社区工作人员数"), "人", "社区两委成员及社区服务站工作人员"),
    ("grid", ("网格员数", "网格管理员"), "人", "负责网格管理服务的人员"),
)

# Topics: (issuing department, merged form's title, subjects asked about).
TOPICS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("民政局", "养老服务综合统计表", ("elderly", "alone", "aged80")),
    ("民政局", "社会救助对象统计表", ("dibao", "dibao_hh", "tekun")),
    ("民政局", "困境儿童关爱统计表", ("orphan", "leftbehind")),
    ("民政局", "残疾人服务统计表", ("disabled", "severe")),
    ("民政局", "志愿服务统计表", ("volunteer", "team")),
    ("人力资源和社会保障局", "就业服务统计表", ("unemployed", "hardjob")),
    ("人力资源和社会保障局", "新就业群体统计表", ("gig", "rider")),
    ("卫生健康局", "妇幼健康统计表", ("pregnant", "infant")),
    ("卫生健康局", "慢性病管理统计表", ("chronic", "signed")),
    ("卫生健康局", "精神卫生统计表", ("mental", "rehab")),
    ("住房和城乡建设局", "住宅小区统计表", ("estate", "oldestate", "building")),
    ("应急管理局", "安全隐患排查统计表", ("hazard", "gas")),
    ("应急管理局", "应急设施统计表", ("shelter", "firestation")),
    ("农业农村局", "农户与合作社统计表", ("farmer", "coop")),
    ("农业农村局", "巩固脱贫成果统计表", ("poverty", "monitor")),
    ("教育局", "学前与义务教育统计表", ("kinder", "pupil")),
    ("市场监督管理局", "市场主体统计表", ("shop", "food")),
    ("自然资源局", "地质灾害防治统计表", ("geo", "flood")),
    ("民政局", "退役军人服务统计表", ("veteran", "martyr")),
    ("民政局", "党员服务统计表", ("party", "flowparty")),
)
RAW_FORMS = 46
FIELDS_PER_FORM = (17, 23)  # Jiangxi's average: 1,849 / 91 ≈ 20
SUFFIXES = ("", "数", "总数")
RAW_TITLES = ("情况统计表", "工作台账", "基本情况调查表", "月报表", "摸底统计表", "信息采集表")


@dataclass(frozen=True)
class RawField:
    concept: str
    name: str
    type: str
    unit: str
    definition: str


@dataclass
class RawForm:
    topic: int
    department: str
    title: str
    fields: list[RawField]


def _concepts(subjects: tuple[str, ...]) -> list[tuple[str, list[str], str, str, str]]:
    """(concept id, name variants, type, unit, definition) for every subject × measure of a topic."""
    found = []
    for code in subjects:
        names, unit, definition = SUBJECTS[code]
        for index, (template, measure_unit, type_, def_template) in enumerate(MEASURES):
            variants = [template.format(s=n) for n in names]
            found.append((f"{code}:{index}", variants, type_, unit if measure_unit is None else measure_unit, def_template.format(d=definition)))
    return found


def _variant(rng: random.Random, name: str) -> str:
    if name.endswith("数"):
        return name[:-1] + rng.choice(("数", "数", "总数", "数量"))
    return name


def raw_catalogue(seed: int = 2024) -> list[RawForm]:
    """The county's forms before the clean-up: every topic asked by two or three forms that overlap."""
    rng = random.Random(seed)
    per_topic = [2] * len(TOPICS)
    for extra in rng.sample(range(len(TOPICS)), RAW_FORMS - 2 * len(TOPICS)):
        per_topic[extra] += 1
    forms = []
    for topic, (department, _title, subjects) in enumerate(TOPICS):
        pool = _concepts(subjects)
        for n in range(per_topic[topic]):
            size = rng.randint(*FIELDS_PER_FORM)
            common = rng.sample(COMMON, rng.randint(3, 5))
            chosen = rng.sample(pool, min(len(pool), size - len(common)))
            fields = []
            used: set[str] = set()
            for code, names, unit, definition in common:
                name = rng.choice(names)
                fields.append(RawField(f"common:{code}", name, "integer", unit, rng.choice(("", "辖区内")) + definition))
                used.add(name)
            for concept, variants, type_, unit, definition in chosen:
                name = _variant(rng, rng.choice(variants))
                if name in used:
                    name = variants[0]
                used.add(name)
                fields.append(RawField(concept, name, type_, unit, definition))
            rng.shuffle(fields)
            subject = SUBJECTS[subjects[n % len(subjects)]][0][0]
            forms.append(RawForm(topic, department, f"{subject}{RAW_TITLES[(topic + n) % len(RAW_TITLES)]}", fields))
    titles: dict[str, int] = {}
    for form in forms:
        titles[form.title] = titles.get(form.title, 0) + 1
        if titles[form.title] > 1:
            form.title = f"{form.title}（{'二三四五'[titles[form.title] - 2]}）"
    return forms


def main() -> None:
    """Check the matcher's merge of the generated catalogue against the concepts it was generated from."""
    import sys

    from qingzhuang.forms.matching import KNOWN_SCORE, FieldMatcher, FieldSpec
    from qingzhuang.forms.synonyms import SEED_GROUPS

    matcher = FieldMatcher(SEED_GROUPS)
    forms = raw_catalogue()
    raw_fields = sum(len(f.fields) for f in forms)
    merged_fields = wrong = true_fields = 0
    for topic in range(len(TOPICS)):
        kept: list[RawField] = []
        members = [f for f in forms if f.topic == topic]
        for form in members:
            for field in form.fields:
                spec = FieldSpec(field.name, field.type, field.unit, field.definition)
                twin = next((k for k in kept if matcher.compare(spec, FieldSpec(k.name, k.type, k.unit, k.definition)).score >= KNOWN_SCORE), None)
                if twin is None:
                    kept.append(field)
                elif twin.concept != field.concept:
                    wrong += 1
        merged_fields += len(kept)
        true_fields += len({f.concept for form in members for f in form.fields})
    out = sys.stdout
    out.write(f"raw: {len(forms)} forms, {raw_fields} fields; merged by topic: {len(TOPICS)} forms\n")
    out.write(f"fields after the matcher's merge: {merged_fields} (true distinct concepts: {true_fields}); "
              f"fields merged into a different concept: {wrong}\n")


if __name__ == "__main__":
    main()
