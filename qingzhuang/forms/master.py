"""The community master record's fields (社区基础数据): counts and facts only, never a person's details.

Seeded into the database by a data migration; ``PROFILE_FIELDS`` says which come from the community
profile (qingzhuang.org) when a record is first made.
"""

from __future__ import annotations

# (code, group, name, type, unit, definition)
MASTER_FIELDS: tuple[tuple[str, str, str, str, str, str], ...] = (
    ("residents", "人口", "常住人口", "integer", "人", "在本社区（村）居住半年以上的人口，含户籍和非户籍人口"),
    ("registered", "人口", "户籍人口", "integer", "人", "户口登记在本社区（村）的人口"),
    ("floating", "人口", "流动人口", "integer", "人", "离开户籍地在本社区（村）居住的人口"),
    ("households", "人口", "户数", "integer", "户", "本社区（村）登记的居民户数"),
    ("estates", "住房", "住宅小区数", "integer", "个", "辖区内的住宅小区"),
    ("buildings", "住房", "楼栋数", "integer", "栋", "辖区内居民住宅楼栋"),
    ("dwellings", "住房", "住宅套数", "integer", "套", "辖区内住宅总套数"),
    ("old_estates", "住房", "老旧小区数", "integer", "个", "2000年底前建成的住宅小区"),
    ("staff", "人员", "社区工作者人数", "integer", "人", "社区两委成员及社区服务站工作人员"),
    ("grid_workers", "人员", "网格员数", "integer", "人", "负责网格管理服务的人员"),
    ("grids", "人员", "网格数", "integer", "个", "社区（村）划分的网格"),
    ("party_members", "人员", "党员人数", "integer", "人", "组织关系在本社区（村）党组织的党员"),
    ("volunteers", "人员", "志愿者人数", "integer", "人", "在本社区（村）注册的志愿者"),
    ("elderly", "特殊群体", "老年人口", "integer", "人", "60周岁及以上的老年人"),
    ("elderly_alone", "特殊群体", "独居老人数", "integer", "人", "60周岁及以上独自居住的老年人"),
    ("disabled", "特殊群体", "残疾人数", "integer", "人", "持有残疾人证的居民"),
    ("low_income_households", "特殊群体", "低保户数", "integer", "户", "享受最低生活保障的家庭户数"),
    ("low_income_people", "特殊群体", "低保对象人数", "integer", "人", "享受最低生活保障的人员"),
    ("extreme_poverty", "特殊群体", "特困人员数", "integer", "人", "纳入特困人员救助供养的人员"),
    ("veterans", "特殊群体", "退役军人数", "integer", "人", "辖区内的退役军人"),
    ("left_behind_children", "特殊群体", "留守儿童数", "integer", "人", "父母均外出务工的未满18周岁儿童"),
    ("center_area", "设施", "党群服务中心面积", "decimal", "平方米", "党群服务中心建筑面积"),
    ("elderly_stations", "设施", "养老服务站数", "integer", "个", "社区（村）养老服务站点"),
    ("clinics", "设施", "卫生服务站数", "integer", "个", "社区卫生服务站（村卫生室）"),
    ("kindergartens", "设施", "幼儿园数", "integer", "所", "辖区内的幼儿园"),
)

# Master fields a community profile gives (profile attribute by field code).
PROFILE_FIELDS = {"residents": "residents", "households": "households", "staff": "staff"}
