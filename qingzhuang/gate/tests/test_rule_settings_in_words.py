"""The rules page speaks in words: 警告阈值 50%, not ``warn_score = 0.5``; meeting-free weeks are picked, not typed."""

import re

import pytest
from django.utils import translation

from qingzhuang.gate.fields import week_words
from qingzhuang.gate.models import RuleSetting
from qingzhuang.gate.rules import all_rules

pytestmark = pytest.mark.django_db


def text_of(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_every_setting_of_every_rule_has_a_label_and_a_help_text():
    missing = []
    for rule in all_rules():
        info = getattr(rule, "param_info", None) or {}
        missing += [f"{rule.code}.{name}" for name in rule.defaults if name not in info or not (str(info[name].help) or info[name].choices)]

    assert missing == []


def test_the_rules_page_shows_each_setting_by_its_label_with_its_unit(world, client_for):
    page = text_of(client_for(world.reviewer).get("/gate/rules/"))

    assert "警告阈值 50%" in page and "拦截阈值 85%" in page
    assert "最长篇幅 5,000 字" in page
    assert "黄色预警线 80%" in page
    assert "warn_score" not in page and "0.85" not in page and "document.duplicates" not in page
    assert "发文" in page and "会议" in page


def test_a_percentage_typed_on_the_page_is_kept_as_a_ratio_and_shown_again_as_typed(world, client_for):
    client = client_for(world.reviewer)

    response = client.post("/gate/rules/document.duplicates/", {"enabled": "on", "warn_score": "40", "block_score": "90", "shown": "5"})

    assert response.status_code == 302
    assert RuleSetting.objects.get(county=world.zhenan, rule="document.duplicates").params == {"warn_score": 0.4, "block_score": 0.9, "shown": 5}
    page = text_of(client.get("/gate/rules/"))
    assert "警告阈值 40%" in page and "全国默认 50%" in page
    assert 'value="40"' in client.get("/gate/rules/document.duplicates/").content.decode()


def test_a_percentage_over_100_is_refused_naming_the_setting_in_words_and_nothing_is_saved(world, client_for):
    response = client_for(world.reviewer).post(
        "/gate/rules/quota.warning/", {"enabled": "on", "yellow_ratio": "150", "red_ratio": "100", "pace_tolerance": "0"}
    )

    assert response.status_code == 200
    assert "黄色预警线：请输入0到100之间的百分比。" in response.content.decode()
    assert not RuleSetting.objects.filter(rule="quota.warning").exists()


def test_meeting_free_weeks_are_picked_with_week_pickers_and_shown_with_their_dates(world, client_for):
    client = client_for(world.reviewer)
    form = client.get("/gate/rules/meeting.free_week/").content.decode()
    assert form.count('type="week"') >= 2

    response = client.post("/gate/rules/meeting.free_week/", {"enabled": "on", "weeks": ["2026-W50", "", "2026-W10"]})

    assert response.status_code == 302
    assert RuleSetting.objects.get(county=world.zhenan, rule="meeting.free_week").params == {"weeks": "2026-W10,2026-W50"}
    page = text_of(client.get("/gate/rules/"))
    assert "2026年第50周（12月7日—12月13日）" in page
    edit = client.get("/gate/rules/meeting.free_week/").content.decode()
    assert 'type="week" name="weeks" value="2026-W10"' in edit and 'value="2026-W50"' in edit


def test_a_week_reads_as_its_dates_in_english_too():
    with translation.override("en"):
        assert week_words("2026-W01") == "Week 1 of 2026 (12/29–1/4)"
