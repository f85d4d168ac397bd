"""Criteria demanding traces (留痕) are refused by the gate, naming the rule and the phrase; the county's
phrase list is a rule setting seeded from the 2024 national rules."""

import pytest

from qingzhuang.gate.services import rule_setting_set
from qingzhuang.inspections import errors
from qingzhuang.inspections.errors import InspectionError
from qingzhuang.inspections.models import Item, ItemStatus
from qingzhuang.inspections.rules import TRACES_RULE, trace_phrases_found
from qingzhuang.inspections.selectors import figures, traces_refused_count
from qingzhuang.inspections.tests.factories import propose

pytestmark = pytest.mark.django_db


def test_criteria_demanding_photos_are_refused_naming_rule_and_phrase(world):
    with pytest.raises(InspectionError) as caught:
        propose(world, criteria="各村须上传入户走访照片和签到表，作为考核依据。")
    assert caught.value.code == "traces_refused"
    assert "照片" in caught.value.message and "签到表" in caught.value.message
    assert "留痕" in caught.value.message  # the rule's title
    item = Item.objects.get()
    assert item.status == ItemStatus.REFUSED and item.refused_by_rule == TRACES_RULE


def test_the_refused_item_counts_as_traces_refused_in_the_figures(world):
    with pytest.raises(InspectionError):
        propose(world, criteria="以领导批示数量和APP打卡率评分")
    item = Item.objects.get()
    assert traces_refused_count(world.office, item.plan.year) == 1
    assert figures(county=world.zhenan, year=item.plan.year).traces_refused == 1


def test_clean_criteria_pass_the_traces_rule(world):
    item = propose(world)
    assert item.status == ItemStatus.PROPOSED


def test_full_width_and_spaced_phrases_are_found():
    assert trace_phrases_found("须提供ＡＰＰ 打卡记录", ["APP打卡"]) == ["APP打卡"]
    assert trace_phrases_found("按实绩评价", ["照片"]) == []


def test_a_county_adds_its_own_phrase(world):
    rule_setting_set(actor=world.reviewer, county=world.zhenan, rule=TRACES_RULE, enabled=True, params={"phrases": "工作日志", "when_found": "block"})
    with pytest.raises(InspectionError) as caught:
        propose(world, criteria="检查各单位工作日志")
    assert "工作日志" in caught.value.message
    # The county's list replaces the default: photos alone no longer refuse here.
    item = propose(world, criteria="抽查照片")
    assert item.status == ItemStatus.PROPOSED


def test_refusal_message_is_in_chinese(world, settings):
    from django.utils import translation

    with translation.override("zh-hans"), pytest.raises(InspectionError) as caught:
        propose(world, criteria="拍照上传")
    assert "重痕不重绩" in caught.value.message
    assert errors.TRACES_REFUSED
