import pytest

from qingzhuang.meetings import services
from qingzhuang.meetings.tests.factories import at, submitted, verdict

pytestmark = pytest.mark.django_db


def test_the_first_comprehensive_work_meeting_of_a_field_in_a_year_passes(world):
    meeting = submitted(world, kind="comprehensive", topic="全县民政工作会议")
    assert verdict(meeting, "meeting.comprehensive_once")["outcome"] == "pass"


def test_a_second_comprehensive_work_meeting_on_the_same_field_and_year_is_blocked_naming_the_first(world):
    first = submitted(world, kind="comprehensive", topic="全县民政工作会议", starts_at=at(3))
    second = submitted(world, kind="comprehensive", topic="民政重点工作综合会议", starts_at=at(5), actor=world.leader)
    v = verdict(second, "meeting.comprehensive_once")
    assert v["outcome"] == "block"
    assert [m["id"] for m in v["evidence"]["meetings"]] == [first.pk]


def test_another_field_or_a_rejected_first_meeting_does_not_count(world):
    first = submitted(world, kind="comprehensive", topic="全县民政工作会议", starts_at=at(3))
    other_field = submitted(world, kind="comprehensive", organiser=world.education, actor=world.reviewer, field="教育", topic="全县教育工作会议")
    assert verdict(other_field, "meeting.comprehensive_once")["outcome"] == "pass"
    services.meeting_reject(actor=world.reviewer, meeting=first, reason="合并到年度会议")
    again = submitted(world, kind="comprehensive", topic="全县民政工作会议（改期）", starts_at=at(6))
    assert verdict(again, "meeting.comprehensive_once")["outcome"] == "pass"


def test_special_meetings_are_not_limited_by_this_rule(world):
    submitted(world, kind="special", topic="低保会")
    assert verdict(submitted(world, kind="special", topic="低保会二"), "meeting.comprehensive_once")["outcome"] == "pass"
