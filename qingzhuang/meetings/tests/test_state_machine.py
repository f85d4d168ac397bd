import pytest

from qingzhuang.audit.models import Event
from qingzhuang.meetings import services
from qingzhuang.meetings.errors import MeetingError, MeetingInvalid
from qingzhuang.meetings.models import Meeting
from qingzhuang.meetings.tests.factories import at, held, make, submitted

pytestmark = pytest.mark.django_db


def test_a_meeting_goes_from_draft_to_submitted_to_approved_to_closed_with_an_audit_row_each_step(world):
    meeting = make(world)
    assert meeting.status == "draft"
    meeting = services.meeting_submit(actor=world.clerk, meeting=meeting)
    assert meeting.status == "submitted"
    meeting = services.meeting_approve(actor=world.reviewer, meeting=meeting)
    assert meeting.status == "approved" and meeting.decided_by == world.reviewer
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=at(-1))
    meeting = services.meeting_close(actor=world.clerk, meeting=meeting, actual_minutes=40, decisions=[{"text": "按期完成排查"}])
    assert meeting.status == "closed" and meeting.decisions.count() == 1
    events = Event.objects.filter(model="meetings.meeting", object_id=str(meeting.pk))
    assert events.count() >= 4


def test_a_returned_meeting_can_be_changed_and_submitted_again(world):
    meeting = services.meeting_return(actor=world.reviewer, meeting=submitted(world, planned_minutes=90), reason="压缩到60分钟以内")
    assert meeting.status == "returned" and meeting.review_note == "压缩到60分钟以内"
    meeting = services.meeting_update(actor=world.clerk, meeting=meeting, planned_minutes=50)
    meeting = services.meeting_submit(actor=world.clerk, meeting=meeting)
    assert meeting.status == "submitted" and meeting.planned_minutes == 50


def test_return_and_reject_need_a_reason(world):
    meeting = submitted(world)
    with pytest.raises(MeetingInvalid):
        services.meeting_reject(actor=world.reviewer, meeting=meeting, reason="  ")
    assert Meeting.objects.get(pk=meeting.pk).status == "submitted"


def test_a_meeting_blocked_by_a_rule_other_than_the_quota_cannot_be_approved(world):
    meeting = submitted(world, planned_minutes=120)
    with pytest.raises(MeetingError) as exc:
        services.meeting_approve(actor=world.reviewer, meeting=meeting)
    assert exc.value.code == "gate_blocked"
    assert Meeting.objects.get(pk=meeting.pk).status == "submitted"


@pytest.mark.parametrize("action", ["approve", "return", "reject", "close", "update", "decision"])
def test_actions_out_of_turn_are_refused_and_change_nothing(world, action):
    meeting = make(world)
    before = Meeting.objects.filter(pk=meeting.pk).values().get()
    calls = {
        "approve": lambda: services.meeting_approve(actor=world.reviewer, meeting=meeting),
        "return": lambda: services.meeting_return(actor=world.reviewer, meeting=meeting, reason="x"),
        "reject": lambda: services.meeting_reject(actor=world.reviewer, meeting=meeting, reason="x"),
        "close": lambda: services.meeting_close(actor=world.clerk, meeting=meeting, actual_minutes=30),
        "decision": lambda: services.meeting_decision_add(actor=world.clerk, meeting=meeting, text="x"),
        "update": lambda: services.meeting_update(actor=world.clerk, meeting=services.meeting_reject(
            actor=world.reviewer, meeting=services.meeting_submit(actor=world.clerk, meeting=meeting), reason="不必开"), topic="新"),
    }
    with pytest.raises(MeetingError) as exc:
        calls[action]()
    assert exc.value.code == "wrong_state"
    if action != "update":
        assert Meeting.objects.filter(pk=meeting.pk).values().get() == before


def test_a_meeting_cannot_be_closed_before_it_starts(world):
    meeting = services.meeting_approve(actor=world.reviewer, meeting=submitted(world, starts_at=at(3)))
    with pytest.raises(MeetingError) as exc:
        services.meeting_close(actor=world.clerk, meeting=meeting, actual_minutes=30)
    assert exc.value.code == "not_held_yet"


def test_every_change_bumps_the_calendar_sequence(world):
    meeting = make(world)
    seqs = [meeting.sequence]
    meeting = services.meeting_submit(actor=world.clerk, meeting=meeting)
    seqs.append(meeting.sequence)
    meeting = services.meeting_approve(actor=world.reviewer, meeting=meeting)
    seqs.append(meeting.sequence)
    meeting = services.meeting_cancel(actor=world.clerk, meeting=meeting, reason="取消")
    seqs.append(meeting.sequence)
    assert seqs == sorted(set(seqs))


def test_a_cancelled_or_rejected_meeting_stays_so(world):
    meeting = services.meeting_cancel(actor=world.clerk, meeting=make(world), reason="不开了")
    with pytest.raises(MeetingError):
        services.meeting_cancel(actor=world.clerk, meeting=meeting, reason="再取消")
    with pytest.raises(MeetingError):
        services.meeting_submit(actor=world.clerk, meeting=meeting)


def test_attendance_may_only_name_summoned_units_and_only_one_speech_is_main(world):
    meeting = held(world, days_ago=2)
    with pytest.raises(MeetingInvalid):
        services.meeting_close(actor=world.clerk, meeting=meeting, actual_minutes=30, attendance={world.caochangpo.pk: 2})
    with pytest.raises(MeetingInvalid):
        make(world, speeches=[{"speaker": "甲", "minutes": 10, "is_main": True}, {"speaker": "乙", "minutes": 10, "is_main": True}])
