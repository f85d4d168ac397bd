"""Two teams booked at one village in the same week are flagged at booking (扎堆调研): the second booker is told who
else comes and when, must give a reason (or is refused where the county blocks), and the county office sees the flag.
The rule is one selector that every kind of visit calls."""

import datetime as dt

import pytest

from qingzhuang.gate.models import GateCheck, RuleSetting
from qingzhuang.visits import selectors
from qingzhuang.visits.errors import VisitError
from qingzhuang.visits.models import Visit, VisitKind
from qingzhuang.visits.testing import MONDAY, TODAY, book, pair

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(settings):
    settings.QZ_TODAY = TODAY


def test_a_second_team_in_the_same_week_is_warned_naming_the_first_and_nothing_is_written(world):
    first = book(world.education, [world.changfa], team_name="镇安县教育局控辍保学调研组", leader="李红梅")
    with pytest.raises(VisitError) as refused:
        book(world.civil_affairs, [world.changfa], actor=world.clerk, start_on=MONDAY + dt.timedelta(days=4), end_on=MONDAY + dt.timedelta(days=4))
    assert refused.value.code == "crowd_reason_needed" and refused.value.field == "crowd_reason"
    assert "扎堆调研预警" in refused.value.message and "镇安县教育局控辍保学调研组" in refused.value.message and "李红梅" in refused.value.message
    assert first.start_on.isoformat() in refused.value.message
    assert Visit.objects.count() == 1


def test_with_a_reason_the_second_booking_is_made_flagged_and_the_county_office_sees_it(world):
    book(world.education, [world.changfa])
    second = book(world.civil_affairs, [world.changfa], actor=world.clerk, crowd_reason="市民政局调研组同日到县，须陪同。")
    assert second.crowded and second.crowd_reason == "市民政局调研组同日到县，须陪同。"
    assert list(selectors.flagged_for(world.reviewer)) == [second]
    assert list(selectors.flagged_for(world.outsider)) == []
    check = GateCheck.objects.get(item_type="visits.visit", item_id=second.pk)
    assert check.outcome == "warn" and check.verdicts[0]["rule"] == "visit.crowding"


def test_teams_a_week_apart_or_at_other_places_or_cancelled_do_not_crowd(world):
    book(world.education, [world.changfa])
    assert not book(world.civil_affairs, [world.changfa], start_on=MONDAY + dt.timedelta(days=8), end_on=MONDAY + dt.timedelta(days=8)).crowded
    assert not book(world.civil_affairs, [world.xincheng]).crowded
    from qingzhuang.visits.services import visit_cancel

    visit_cancel(actor=None, visit=Visit.objects.get(organiser=world.education), reason="改期")
    assert not book(world.civil_affairs, [world.changfa], start_on=MONDAY, end_on=MONDAY).crowded


def test_the_county_sets_the_window_and_the_crowd_size(world):
    RuleSetting.objects.create(rule="visit.crowding", county=world.zhenan, params={"window_days": 14, "crowd_size": 3, "outcome": "warn"})
    book(world.education, [world.changfa])
    second = book(world.civil_affairs, [world.changfa], start_on=MONDAY + dt.timedelta(days=10), end_on=MONDAY + dt.timedelta(days=10))
    assert not second.crowded  # two teams, a crowd is three here
    with pytest.raises(VisitError):
        book(world.office, [world.changfa], start_on=MONDAY + dt.timedelta(days=12), end_on=MONDAY + dt.timedelta(days=12))


def test_a_county_that_blocks_refuses_the_crowded_booking(world):
    RuleSetting.objects.create(rule="visit.crowding", county=world.zhenan, params={"outcome": "block"})
    book(world.education, [world.changfa])
    with pytest.raises(VisitError) as refused:
        book(world.civil_affairs, [world.changfa], crowd_reason="理由也不行")
    assert refused.value.code == "crowded_blocked" and "镇安县教育局调研组" in refused.value.message
    assert Visit.objects.count() == 1


def test_another_county_settings_do_not_apply_and_a_disabled_rule_flags_nothing(world):
    RuleSetting.objects.create(rule="visit.crowding", county=world.beilin, params={"outcome": "block"})
    book(world.education, [world.changfa])
    with pytest.raises(VisitError) as refused:
        book(world.civil_affairs, [world.changfa])
    assert refused.value.code == "crowd_reason_needed"
    RuleSetting.objects.create(rule="visit.crowding", county=world.zhenan, enabled=False, params={})
    assert not book(world.civil_affairs, [world.changfa]).crowded


def test_the_selector_serves_every_kind_of_visit(world):
    """A liaison visit (走访, issue 11) crowds a village as much as a research team, through the same selector."""
    pair(world.civil_affairs, world.changfa)
    book(world.civil_affairs, [world.changfa], kind=VisitKind.LIAISON, team_name="民政局联系社区走访组")
    crowding = selectors.crowding(county=world.zhenan, places=[world.changfa], start_on=MONDAY + dt.timedelta(days=3),
                                  end_on=MONDAY + dt.timedelta(days=3))
    assert crowding.flagged and crowding.crowds[0].teams == 2
    assert crowding.crowds[0].others[0].team_name == "民政局联系社区走访组"
    assert "民政局联系社区走访组" in crowding.text()


def test_moving_a_visit_into_a_crowd_is_warned_and_moving_it_out_clears_the_flag(world):
    from qingzhuang.audit.models import Event
    from qingzhuang.visits.services import visit_move

    book(world.education, [world.changfa], team_name="教育局控辍保学调研组")
    later = book(world.civil_affairs, [world.changfa], start_on=MONDAY + dt.timedelta(days=14), end_on=MONDAY + dt.timedelta(days=14))
    with pytest.raises(VisitError) as refused:
        visit_move(actor=world.clerk, visit=later, start_on=MONDAY + dt.timedelta(days=2), end_on=MONDAY + dt.timedelta(days=2))
    assert refused.value.code == "crowd_reason_needed" and "教育局控辍保学调研组" in refused.value.message
    later.refresh_from_db()
    assert later.start_on == MONDAY + dt.timedelta(days=14) and not later.crowded

    moved = visit_move(actor=world.clerk, visit=later, start_on=MONDAY + dt.timedelta(days=2), end_on=MONDAY + dt.timedelta(days=2),
                       crowd_reason="与市局同行")
    assert moved.crowded and moved.crowd_reason == "与市局同行"
    back = visit_move(actor=world.clerk, visit=moved, start_on=MONDAY + dt.timedelta(days=21), end_on=MONDAY + dt.timedelta(days=21))
    assert not back.crowded and back.crowd_reason == ""
    assert Event.objects.filter(model="visits.visit", object_id=str(later.pk), action="update").count() == 2
