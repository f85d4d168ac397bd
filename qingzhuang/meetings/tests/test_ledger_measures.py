"""What a meeting puts into the burden ledger: only once held and closed; taken back on correction or cancellation."""

import datetime as dt

import pytest

from qingzhuang.ledger.measures import measure_by_code
from qingzhuang.ledger.models import LedgerMonth
from qingzhuang.ledger.rebuild import ledger_differences, ledger_rebuild
from qingzhuang.meetings import ledger, services
from qingzhuang.meetings.tests.factories import approved, held

pytestmark = pytest.mark.django_db


def _ledger(measure):
    return {(r.unit_id, r.measure): round(r.value, 4) for r in LedgerMonth.objects.filter(measure=measure) if r.value}


def test_an_approved_meeting_is_not_burden_yet(world):
    approved(world)
    assert not LedgerMonth.objects.exists()


def test_closing_adds_one_meeting_per_summoned_grassroots_unit_and_person_hours(world):
    meeting = held(world, days_ago=2, actual_minutes=90, attendance={world.yongle.pk: 2}, attendees=[world.yongle, world.xincheng, world.education])
    attended = _ledger(ledger.ATTENDED)
    assert attended == {(world.yongle.pk, ledger.ATTENDED): 1.0, (world.xincheng.pk, ledger.ATTENDED): 1.0}  # the department is not grassroots
    hours = _ledger(ledger.HOURS)
    # 1.5 hours × 2 people recorded for 永乐; × 1 for 新城 (no attendance recorded, principals not required).
    assert hours == {(world.yongle.pk, ledger.HOURS): 3.0, (world.xincheng.pk, ledger.HOURS): 1.5}
    # The rebuild from raw records gives the same rows.
    assert meeting.held_on is not None
    start, end = meeting.held_on.replace(day=1), meeting.held_on + dt.timedelta(days=32)
    assert sorted(r[:3] for r in ledger.compute_hours(start, end)) == sorted(
        [(world.yongle.pk, meeting.held_on, 3.0), (world.xincheng.pk, meeting.held_on, 1.5)]
    )
    items = list(ledger.items_attended(world.yongle, start, end))
    assert items == [(meeting.topic, f"/meetings/{meeting.pk}/", meeting.held_on, 1.0)]


def test_principals_required_multiplies_the_hours_when_no_attendance_is_recorded(world):
    held(world, days_ago=2, actual_minutes=60, attendees=[world.changfa], principals_required=True, principals_count=3)
    assert _ledger(ledger.HOURS) == {(world.changfa.pk, ledger.HOURS): 3.0}


def test_correcting_a_closed_meeting_replaces_its_rows_and_cancelling_takes_them_back(world):
    meeting = held(world, days_ago=2, actual_minutes=60, attendees=[world.changfa])
    services.meeting_close(actor=world.clerk, meeting=meeting, actual_minutes=30)
    assert _ledger(ledger.HOURS) == {(world.changfa.pk, ledger.HOURS): 0.5}
    assert _ledger(ledger.ATTENDED) == {(world.changfa.pk, ledger.ATTENDED): 1.0}
    services.meeting_cancel(actor=world.clerk, meeting=meeting, reason="误登记")
    assert _ledger(ledger.HOURS) == {} and _ledger(ledger.ATTENDED) == {}


def test_a_follow_on_meeting_adds_hours_but_no_extra_meeting_for_units_at_both(world):
    upper = held(world, topic="全市民政工作视频会议", days_ago=3, actual_minutes=60, attendees=[world.changfa])
    held(world, topic="贯彻落实部署会", days_ago=3, actual_minutes=30, attendees=[world.changfa, world.xincheng], follows_meeting=upper)
    assert _ledger(ledger.ATTENDED) == {(world.changfa.pk, ledger.ATTENDED): 1.0, (world.xincheng.pk, ledger.ATTENDED): 1.0}
    assert _ledger(ledger.HOURS)[(world.changfa.pk, ledger.HOURS)] == 1.5


def test_the_rebuild_queries_give_the_rows_the_closing_gave_for_every_kind_of_meeting(world):
    # In-system follow-on, upper-level follow-on, principals without attendance, attendance of nobody,
    # a department among the summoned, over an hour; then one corrected and one cancelled.
    upper = held(world, topic="全市民政工作视频会议", days_ago=6, actual_minutes=75, attendees=[world.changfa, world.yongle])
    held(world, topic="贯彻落实部署会", days_ago=6, actual_minutes=30, attendees=[world.changfa, world.xincheng], follows_meeting=upper)
    held(world, topic="省级视频会后接续会", days_ago=5, actual_minutes=20, attendees=[world.xincheng], follows_upper="全省视频会议")
    held(world, topic="低保复核", days_ago=4, actual_minutes=50, attendees=[world.changfa, world.education], principals_required=True, principals_count=3)
    nobody = held(world, topic="无人到会", days_ago=3, actual_minutes=65, attendees=[world.yongle], attendance={world.yongle.pk: 0})
    services.meeting_close(actor=world.clerk, meeting=nobody, actual_minutes=61, attendance={world.yongle.pk: 2})
    gone = held(world, topic="误登记会议", days_ago=2, actual_minutes=40, attendees=[world.xincheng])
    services.meeting_cancel(actor=world.clerk, meeting=gone, reason="误登记")

    measures = [measure_by_code(code) for code in (ledger.ATTENDED, ledger.HOURS, ledger.OVER_AN_HOUR)]
    assert all(_ledger(m.code) for m in measures)
    assert ledger_differences(measures=measures) == []
    before = {m.code: _ledger(m.code) for m in measures}
    ledger_rebuild(measures=measures)
    assert {m.code: _ledger(m.code) for m in measures} == before
