"""The picker says what is chosen in words a county office uses: a whole street with or without its office,
every village of a mixed town, single units; the page's own words before any script runs."""

import pytest

from qingzhuang.org import picker
from qingzhuang.org.models import Unit
from qingzhuang.org.testing import build_weibin

pytestmark = pytest.mark.django_db


@pytest.fixture
def weibin(db):
    return build_weibin()


def _parts(units, chosen):
    return picker.summary_parts(picker.sections_for(units, [u.pk for u in chosen]))


def _county(weibin):
    return list(Unit.objects.filter(county=weibin.county, kind__in=("town", "community", "village")).select_related("region", "parent"))


def test_a_whole_street_says_whether_its_office_is_included(weibin):
    units = _county(weibin)
    jinling = [u for u in units if u.parent_id == weibin.streets["金陵街道"].pk]

    assert _parts(units, jinling) == ["金陵街道全部社区（6，不含金陵街道办事处本级）"]
    assert _parts(units, [*jinling, weibin.streets["金陵街道"]]) == ["金陵街道全部社区（6）及金陵街道办事处本级"]


def test_every_village_of_a_mixed_town_is_one_part_and_the_rest_are_named(weibin):
    units = _county(weibin)
    villages = [u for u in units if u.kind == "village"]

    parts = _parts(units, [*villages, weibin.grassroots["宝钛社区"], weibin.grassroots["新渭路社区"]])

    assert parts == ["新渭路社区", "马营镇全部村（13）", "宝钛社区"]


def test_many_units_of_one_street_are_counted_and_a_few_are_named(weibin):
    units = _county(weibin)
    names = ["新建路社区", "渭工路社区", "新宝路社区", "南关路社区"]

    assert _parts(units, [weibin.grassroots[n] for n in names]) == ["经二路街道的 4 个单位"]
    assert _parts(units, [weibin.grassroots[n] for n in names[:2]]) == ["新建路社区", "渭工路社区"]


def test_the_sections_follow_the_streets_with_departments_last(weibin):
    units = list(Unit.objects.filter(county=weibin.county).select_related("region", "parent"))

    sections = picker.sections_for(units)

    assert [s.title for s in sections] == ["金陵街道", "经二路街道", "马营镇", "县级部门及其他单位"]
    office = sections[0].office
    assert office is not None and office.name == "金陵街道办事处" and len(sections[0].members) == 6
    assert {u.name for u in sections[-1].members} == {"渭滨区委办公室", "渭滨区民政局"}
    assert sections[2].member_noun == "社区和村"


def test_every_community_of_the_county_is_one_part_and_its_villages_are_still_counted_by_town(weibin):
    units = _county(weibin)
    communities = [u for u in units if u.kind == "community"]
    villages = [u for u in units if u.kind == "village"]

    assert _parts(units, communities) == ["全部社区（20）"]
    assert _parts(units, [*communities, *villages]) == ["全部社区（20）", "马营镇全部村（13）"]
    assert _parts(units, [*communities, weibin.streets["金陵街道"]]) == ["全部社区（20）", "金陵街道办事处"]
