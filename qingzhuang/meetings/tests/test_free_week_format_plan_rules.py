import pytest

from qingzhuang.gate.models import RuleSetting
from qingzhuang.meetings import services
from qingzhuang.meetings.tests.factories import at, make, submitted, verdict

pytestmark = pytest.mark.django_db


def _week(dt_value):
    iso = dt_value.isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


def test_a_meeting_in_a_meeting_free_week_is_blocked(world):
    start = at(14)
    RuleSetting.objects.create(county=world.zhenan, rule="meeting.free_week", params={"weeks": [_week(start)]})
    v = verdict(submitted(world, starts_at=start), "meeting.free_week")
    assert v["outcome"] == "block" and v["evidence"]["week"] == _week(start)


def test_meeting_free_weeks_may_be_written_as_one_comma_separated_text(world):
    start = at(21)
    RuleSetting.objects.create(county=world.zhenan, rule="meeting.free_week", params={"weeks": f"2020-W01， {_week(start).lower()}"})
    assert verdict(submitted(world, starts_at=start), "meeting.free_week")["outcome"] == "block"
    assert verdict(submitted(world, starts_at=at(35), topic="别的会"), "meeting.free_week")["outcome"] == "pass"


def test_without_free_weeks_set_no_week_is_blocked(world):
    assert verdict(submitted(world), "meeting.free_week")["outcome"] == "pass"


def test_an_in_person_meeting_summoning_grassroots_principals_is_warned_to_go_by_video(world):
    v = verdict(submitted(world, format="in_person", principals_required=True), "meeting.format")
    assert v["outcome"] == "warn" and v["evidence"]["grassroots_units"] == 3
    assert verdict(submitted(world, format="in_person", principals_required=False, topic="甲"), "meeting.format")["outcome"] == "pass"
    assert verdict(submitted(world, format="video", principals_required=True, topic="乙"), "meeting.format")["outcome"] == "pass"


def test_a_meeting_outside_the_plan_needs_approval_and_one_in_the_plan_is_filed(world):
    outside = submitted(world)
    assert verdict(outside, "meeting.plan")["outcome"] == "warn"
    assert outside.status == "submitted"

    plan = services.plan_create(actor=world.clerk, unit=world.civil_affairs, year=at(10).year)
    line = services.plan_line_add(actor=world.clerk, plan=plan, topic="社会救助培训会", field="民政")
    inside = services.meeting_submit(actor=world.clerk, meeting=make(world, topic="社会救助培训会", plan_line=line, starts_at=at(40)))
    assert verdict(inside, "meeting.plan")["outcome"] == "pass"
    # No quota is set in the test world, so the quota rule warns and the meeting still goes to review.
    assert inside.status == "submitted"


def test_an_in_plan_meeting_with_a_clean_gate_is_filed_without_review(world):
    from qingzhuang.gate.services import quota_set

    start = at(40)
    quota_set(actor=None, unit=world.civil_affairs, year=start.year, kind="meeting", limit=100)
    plan = services.plan_create(actor=world.clerk, unit=world.civil_affairs, year=start.year)
    line = services.plan_line_add(actor=world.clerk, plan=plan, topic="社会救助培训会", field="民政")
    meeting = services.meeting_submit(actor=world.clerk, meeting=make(world, topic="社会救助培训会", plan_line=line, starts_at=start))
    assert meeting.status == "approved" and meeting.filed
    assert meeting.decided_by is None


def test_a_plan_line_of_another_unit_cannot_be_used(world):
    from qingzhuang.meetings.errors import MeetingInvalid

    plan = services.plan_create(actor=world.reviewer, unit=world.education, year=at(10).year)
    line = services.plan_line_add(actor=world.reviewer, plan=plan, topic="教育会", field="教育")
    with pytest.raises(MeetingInvalid) as exc:
        make(world, plan_line=line)
    assert exc.value.code == "plan_line_other_unit"
