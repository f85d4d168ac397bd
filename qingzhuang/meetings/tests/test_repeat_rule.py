"""同一事项反复开会. Semantics (see RepeatRule): a meeting on the matter of one *held* in the window
warns when that earlier meeting took decisions; when it took none, the new one is its follow-up
and passes (still showing it) — unless the matter already went undecided more than once."""

import pytest

from qingzhuang.gate.models import RuleSetting
from qingzhuang.meetings.similarity import topic_similarity
from qingzhuang.meetings.tests.factories import at, held, submitted, verdict

pytestmark = pytest.mark.django_db


def test_a_meeting_on_a_matter_decided_two_weeks_ago_is_flagged_with_that_meeting_shown(world):
    earlier = held(world, topic="城乡低保专项治理工作推进会", days_ago=14, decisions=2)
    again = submitted(world, topic="全县城乡低保专项治理调度会", starts_at=at(7))
    v = verdict(again, "meeting.repeat")
    assert v["outcome"] == "warn"
    assert v["params"]["other"] == earlier.topic and v["params"]["decisions"] == 2
    assert v["evidence"]["meetings"][0]["id"] == earlier.pk


def test_a_follow_up_of_a_meeting_that_recorded_no_decision_passes_but_still_shows_it(world):
    earlier = held(world, topic="城乡低保专项治理工作推进会", days_ago=10, decisions=0)
    again = submitted(world, topic="城乡低保专项治理工作调度会", starts_at=at(3))
    v = verdict(again, "meeting.repeat")
    assert v["outcome"] == "pass"
    assert v["evidence"]["meetings"][0]["id"] == earlier.pk


def test_a_matter_left_undecided_twice_is_flagged_again(world):
    held(world, topic="城乡低保专项治理工作推进会", days_ago=20, decisions=0)
    held(world, topic="城乡低保专项治理工作调度会", days_ago=8, decisions=0)
    v = verdict(submitted(world, topic="城乡低保专项治理座谈会", starts_at=at(2)), "meeting.repeat")
    assert v["outcome"] == "warn" and v["params"]["count"] == 2


def test_a_meeting_held_before_the_window_or_on_another_matter_does_not_count(world):
    held(world, topic="城乡低保专项治理工作推进会", days_ago=45, decisions=1)
    held(world, topic="防汛救灾工作部署会", days_ago=5, decisions=1)
    v = verdict(submitted(world, topic="城乡低保专项治理调度会", starts_at=at(1)), "meeting.repeat")
    assert v["outcome"] == "pass"
    assert not v["evidence"].get("meetings")


def test_the_window_is_a_county_setting(world):
    RuleSetting.objects.create(county=world.zhenan, rule="meeting.repeat", params={"window_days": 60})
    held(world, topic="城乡低保专项治理工作推进会", days_ago=45, decisions=1)
    assert verdict(submitted(world, topic="城乡低保专项治理调度会", starts_at=at(1)), "meeting.repeat")["outcome"] == "warn"


def test_same_matter_is_recognised_across_traditional_script_and_stock_words():
    assert topic_similarity("城鄉低保專項治理工作推進會", "全县城乡低保专项治理调度会") == 1.0
    assert topic_similarity("2025年全县民政工作会议", "2026年全县民政工作会议") == 1.0
    assert topic_similarity("防汛工作部署会", "低保工作推进会") == 0.0
    assert topic_similarity("秋季森林防火工作部署会", "防汛救灾工作部署会") < 0.6
