"""The points ledger's shared API (riders.points): each kind of act earns the county's setting once, spending is
refused beyond the balance and happens once per act, every line is audited."""

from typing import Any

import pytest
from django.db import transaction

from qingzhuang.audit.models import Event
from qingzhuang.gate.models import RuleSetting
from qingzhuang.riders import points, services
from qingzhuang.riders.errors import RiderError
from qingzhuang.riders.models import PointsEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def rider(world, settings):
    settings.QZ_TODAY = "2026-11-27"
    return services.rider_enrol(actor=None, community=world.xincheng, name="rider姓名", phone="13912345678", duties=["road_clearer"],
                                joined_on="2025-01-01")


def test_each_kind_earns_the_countys_setting_once(world, rider):
    RuleSetting.objects.create(rule="riders.points", county=world.zhenan, params={"patrol": 7, "help_visit": 3, "course": 0})
    with transaction.atomic():
        first = points.points_award(actor=world.secretary, rider=rider, kind="patrol", act="patrol:1", reason="巡查")
        again = points.points_award(actor=world.secretary, rider=rider, kind="patrol", act="patrol:1", reason="巡查")
        helped = points.points_award(actor=world.secretary, rider=rider, kind="help", act="help:1", reason="代购")
        course = points.points_award(actor=world.secretary, rider=rider, kind="course", act="course:1", reason="结业")
    assert first is not None and helped is not None
    assert (first.points, again, helped.points, course) == (7, None, 3, None)
    assert points.balance(rider) == 10
    assert Event.objects.filter(model="riders.pointsentry").count() == 2


def test_spending_is_refused_beyond_the_balance_and_happens_once(world, rider):
    with transaction.atomic():
        points.points_award(actor=world.secretary, rider=rider, kind="hazard", act="hazard_confirmed:1", reason="隐患")
    with pytest.raises(RiderError) as short:
        points.points_spend(actor=world.secretary, rider=rider, points=11, act="store:1", reason="兑换")
    assert "需要 11 积分，当前余额为 10" in str(short.value.message)
    points.points_spend(actor=world.secretary, rider=rider, points=4, act="store:1", reason="兑换")
    with pytest.raises(RiderError):
        points.points_spend(actor=world.secretary, rider=rider, points=4, act="store:1", reason="兑换")
    bad: Any
    for bad in (0, -5, 10**23, True, "3"):
        with pytest.raises(RiderError):
            points.points_spend(actor=world.secretary, rider=rider, points=bad, act=f"store:x{bad!r}", reason="兑换")
    assert points.balance(rider) == 6 and PointsEntry.objects.count() == 2


def test_a_spending_given_back_is_given_back_once_and_only_what_was_spent(world, rider):
    with transaction.atomic():
        points.points_award(actor=world.secretary, rider=rider, kind="hazard", act="hazard_confirmed:1", reason="隐患")
    points.points_spend(actor=world.secretary, rider=rider, points=4, act="store:1", reason="兑换")

    first = points.points_refund(actor=world.secretary, rider=rider, spent_act="store:1", act="store_refund:1", reason="取消")
    again = points.points_refund(actor=world.secretary, rider=rider, spent_act="store:1", act="store_refund:1", reason="取消")
    never_spent = points.points_refund(actor=world.secretary, rider=rider, spent_act="store:2", act="store_refund:2", reason="取消")

    assert first is not None and first.points == 4
    assert (again, never_spent) == (None, None) and points.balance(rider) == 10
