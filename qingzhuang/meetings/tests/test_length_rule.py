import pytest

from qingzhuang.gate.models import RuleSetting
from qingzhuang.meetings.tests.factories import submitted, verdict

pytestmark = pytest.mark.django_db


def test_a_meeting_within_an_hour_with_a_short_main_speech_passes(world):
    meeting = submitted(world, planned_minutes=60, speeches=[{"speaker": "局长", "minutes": 30, "is_main": True}])
    assert verdict(meeting, "meeting.length")["outcome"] == "pass"


def test_a_meeting_planned_for_more_than_sixty_minutes_is_blocked(world):
    meeting = submitted(world, planned_minutes=90)
    v = verdict(meeting, "meeting.length")
    assert v["outcome"] == "block"
    assert v["params"]["minutes"] == 90 and v["params"]["max"] == 60


def test_a_main_speech_over_an_hour_is_blocked_and_shown_as_evidence(world):
    meeting = submitted(
        world, planned_minutes=60, speeches=[{"speaker": "县长", "minutes": 70, "is_main": True}, {"speaker": "副县长", "minutes": 70}]
    )
    v = verdict(meeting, "meeting.length")
    assert v["outcome"] == "block"
    assert v["evidence"]["too_long_speeches"] == [{"speaker": "县长", "minutes": 70, "main": True}]


def test_speeches_adding_up_to_more_than_the_planned_length_are_warned(world):
    meeting = submitted(world, planned_minutes=40, speeches=[{"speaker": "甲", "minutes": 30, "is_main": True}, {"speaker": "乙", "minutes": 20}])
    v = verdict(meeting, "meeting.length")
    assert v["outcome"] == "warn" and v["evidence"]["speeches_total"] == 50


def test_a_county_may_raise_the_limit_and_warn_instead_of_block(world):
    RuleSetting.objects.create(county=world.zhenan, rule="meeting.length", params={"max_minutes": 90, "over_limit": "warn"})
    assert verdict(submitted(world, planned_minutes=80), "meeting.length")["outcome"] == "pass"
    assert verdict(submitted(world, planned_minutes=100), "meeting.length")["outcome"] == "warn"
