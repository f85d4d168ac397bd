"""Parallel clients at the store and the training desk, on PostgreSQL (threads, each its own connection): N riders
pressing "redeem" on an item with one left take it once; one rider redeeming in parallel never goes below zero; two
recorders completing one course for a rider award its points once."""

import pytest

from qingzhuang.org.models import Role
from qingzhuang.org.testing import _user
from qingzhuang.rewards import services, store
from qingzhuang.rewards.models import Completion, Redemption, StoreItem
from qingzhuang.rewards.testing import county_course, give_points, rider, store_item
from qingzhuang.riders import points
from qingzhuang.riders.models import PointsEntry
from tests.races import require_postgres, run_together

THREADS = 8


@pytest.fixture
def postgres_only():
    require_postgres("parallel redemptions")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_eight_riders_pressing_redeem_on_the_last_item_take_it_once(postgres_only, world):
    riders = []
    for i in range(THREADS):
        user = world.rider if i == 0 else _user(f"rider{i}", world.xincheng, Role.RIDER)
        riders.append(rider(world, name=f"骑手{i}", phone=f"1391234{5600 + i}", user=user))
        give_points(riders[-1], 50)
    item = store_item(world, price=30, stock=1)

    outcomes = run_together([lambda r=r: store.redeem(actor=r.user, item=item) for r in riders])

    assert sorted(outcomes) == ["ok"] + ["out_of_stock"] * (THREADS - 1), outcomes
    assert StoreItem.objects.get().stock == 0 and Redemption.objects.count() == 1
    winner = Redemption.objects.get().rider
    assert PointsEntry.objects.filter(act__startswith="store:").count() == 1
    assert sorted(points.balance(r) for r in riders) == [20] + [50] * (THREADS - 1) and points.balance(winner) == 20


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_one_rider_redeeming_many_items_at_once_never_goes_below_zero(postgres_only, world):
    ma = rider(world, user=world.rider)
    give_points(ma, 70)
    items = [store_item(world, name=f"物品{i}", price=30, stock=3) for i in range(THREADS)]

    outcomes = run_together([lambda i=i: store.redeem(actor=world.rider, item=i) for i in items])

    assert outcomes.count("ok") == 2 and outcomes.count("points_short") == THREADS - 2, outcomes
    assert points.balance(ma) == 10 and Redemption.objects.count() == 2
    assert sum(StoreItem.objects.values_list("stock", flat=True)) == 3 * THREADS - 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_recorders_completing_one_course_at_once_award_its_points_once(postgres_only, world):
    ma = rider(world)
    course = county_course(world)
    staff = [world.secretary, world.worker, world.reviewer, world.street_officer]

    outcomes = run_together([lambda s=s: services.completion_mark(actor=s, course=course, rider=ma, reason="补课合格") for s in staff])

    assert sorted(outcomes) == ["already_completed"] * 3 + ["ok"], outcomes
    assert Completion.objects.count() == 1 and PointsEntry.objects.filter(act__startswith="course:").count() == 1 and points.balance(ma) == 5
