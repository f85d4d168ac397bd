"""Training: a rider enrolled in a course who attends its required sessions completes it once and earns the county's
points for a course once; staff may mark a completion with a reason; every step is audited and counts in the ledger."""

import pytest

from qingzhuang.audit.models import Event
from qingzhuang.gate.models import RuleSetting
from qingzhuang.ledger.models import LedgerMonth
from qingzhuang.rewards import errors, services
from qingzhuang.rewards.errors import RewardsError
from qingzhuang.rewards.models import Attendance, Completion, Enrolment
from qingzhuang.rewards.testing import county_course, past_session, rider
from qingzhuang.riders import points
from qingzhuang.riders.models import PointsEntry

pytestmark = pytest.mark.django_db


def test_attending_the_required_sessions_completes_the_course_and_earns_points_once(world):
    RuleSetting.objects.create(rule="riders.points", county=world.zhenan, params={"course": 8})
    ma = rider(world, user=world.rider)
    course = county_course(world, required_sessions=2)
    first, second = past_session(world, course, days_ago=10), past_session(world, course, days_ago=3)
    services.enrol(actor=world.secretary, course=course, riders=[ma])

    assert services.attendance_record(actor=world.secretary, session=first, riders=[ma]) == []
    done = services.attendance_record(actor=world.reviewer, session=second, riders=[ma])
    again = services.attendance_record(actor=world.reviewer, session=second, riders=[ma])

    assert len(done) == 1 and again == [] and Completion.objects.get().how == "attendance"
    assert points.balance(ma) == 8
    assert PointsEntry.objects.get().act == f"course:{done[0].pk}"
    assert Event.objects.filter(model="rewards.completion").count() == 1
    assert Event.objects.filter(model="rewards.attendance").count() == 2
    assert sum(LedgerMonth.objects.filter(unit=world.xincheng, measure="rewards.completions").values_list("value", flat=True)) == 1


def test_staff_mark_a_completion_with_a_reason_and_never_twice(world):
    ma = rider(world)
    course = county_course(world)
    with pytest.raises(RewardsError) as blank:
        services.completion_mark(actor=world.secretary, course=course, rider=ma, reason="\u3000\u200b ")
    assert blank.value.code == "required"
    services.completion_mark(actor=world.secretary, course=course, rider=ma, reason="参加了街道组织的补课")
    with pytest.raises(RewardsError) as twice:
        services.completion_mark(actor=world.secretary, course=course, rider=ma, reason="再次")
    assert twice.value.code == "already_completed"
    assert Completion.objects.count() == 1 and PointsEntry.objects.filter(act__startswith="course:").count() == 1
    assert points.balance(ma) == 5  # the rule's default for a course


def test_attendance_needs_an_enrolment_a_held_session_and_a_free_seat(world):
    ma, li = rider(world), rider(world, name="李强", phone="13912345679")
    course = county_course(world)
    session = past_session(world, course, seats=1)
    with pytest.raises(RewardsError) as not_enrolled:
        services.attendance_record(actor=world.secretary, session=session, riders=[ma])
    services.enrol(actor=world.secretary, course=course, riders=[ma, li])
    with pytest.raises(RewardsError) as full:
        services.attendance_record(actor=world.secretary, session=session, riders=[ma, li])
    future = past_session(world, course, days_ago=-5)
    with pytest.raises(RewardsError) as not_held:
        services.attendance_record(actor=world.secretary, session=future, riders=[ma])
    assert (not_enrolled.value.code, full.value.code, not_held.value.code) == ("not_enrolled", "session_full", "session_not_held")
    assert str(errors.SESSION_FULL % {"seats": 1}) == full.value.message
    assert not Attendance.objects.exists() and not Completion.objects.exists()


def test_a_communitys_course_is_for_its_own_riders_and_the_outsider_cannot_train(world):
    village_rider = rider(world, name="王伟", phone="13912345670", community=world.changfa)
    course = services.course_create(actor=world.secretary, offered_by=world.xincheng, kind="fire", title="消防安全")
    with pytest.raises(RewardsError) as elsewhere:
        services.enrol(actor=world.reviewer, course=course, riders=[village_rider])
    assert elsewhere.value.code == "rider_not_here"
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.course_create(actor=world.outsider, offered_by=world.xincheng, kind="law", title="越权课程")
    with pytest.raises(PermissionDenied):
        services.enrol(actor=world.outsider, course=course, riders=[rider(world)])
    with pytest.raises(PermissionDenied):
        services.course_create(actor=world.rider, offered_by=world.xincheng, kind="law", title="骑手自建")
    assert not Enrolment.objects.exists() and course.__class__.objects.count() == 1
