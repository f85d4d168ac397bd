"""The community store (爱心超市): a rider redeems within their balance and the stock, staff hand it over against the
code, a cancellation before hand-over refunds the points and restores the stock once; every change is audited."""

import pytest
from django.core.exceptions import PermissionDenied

from qingzhuang.audit.models import Event
from qingzhuang.rewards import store
from qingzhuang.rewards.errors import RewardsError
from qingzhuang.rewards.models import Redemption, StockMove, StoreItem
from qingzhuang.rewards.testing import give_points, rider, store_item
from qingzhuang.riders import points
from qingzhuang.riders.models import PointsEntry

pytestmark = pytest.mark.django_db


def test_a_rider_redeems_staff_hand_it_over_against_the_code(world):
    ma = rider(world, user=world.rider)
    give_points(ma, 50)
    item = store_item(world, price=30, stock=2)

    made = store.redeem(actor=world.rider, item=item)

    assert points.balance(ma) == 20 and StoreItem.objects.get().stock == 1
    assert PointsEntry.objects.get(act=f"store:{made.pk}").points == -30
    with pytest.raises(RewardsError) as wrong:
        store.hand_over(actor=world.secretary, redemption=made, code="000000" if made.code != "000000" else "111111")
    assert wrong.value.code == "code_wrong"
    store.hand_over(actor=world.worker, redemption=made, code=made.code)
    assert Redemption.objects.get().status == "handed_over"
    with pytest.raises(RewardsError) as late:
        store.cancel(actor=world.rider, redemption=Redemption.objects.get())
    assert late.value.code == "not_reserved" and points.balance(ma) == 20
    assert Event.objects.filter(model="rewards.redemption").count() == 2  # created, handed over


def test_redeeming_beyond_the_balance_is_refused_and_nothing_moves(world):
    ma = rider(world, user=world.rider)
    give_points(ma, 29)
    item = store_item(world, price=30, stock=2)
    with pytest.raises(RewardsError) as short:
        store.redeem(actor=world.rider, item=item)
    assert short.value.code == "points_short" and "需要 30 积分，当前余额为 29" in short.value.message
    assert not Redemption.objects.exists() and StoreItem.objects.get().stock == 2 and points.balance(ma) == 29


def test_cancelling_before_hand_over_refunds_once_and_restores_stock(world):
    ma = rider(world, user=world.rider)
    give_points(ma, 30)
    made = store.redeem(actor=world.rider, item=store_item(world, price=30, stock=1))
    assert points.balance(ma) == 0 and StoreItem.objects.get().stock == 0

    store.cancel(actor=world.rider, redemption=made, reason="改选其他物品")
    with pytest.raises(RewardsError):
        store.cancel(actor=world.secretary, redemption=made)

    assert points.balance(ma) == 30 and StoreItem.objects.get().stock == 1
    assert PointsEntry.objects.get(act=f"store_refund:{made.pk}").points == 30
    assert Redemption.objects.get().status == "cancelled"
    assert Event.objects.filter(model="riders.pointsentry", object_id=str(PointsEntry.objects.get(act=f"store_refund:{made.pk}").pk)).exists()


def test_the_last_item_goes_once_and_the_next_rider_is_told_politely(world):
    ma, li = rider(world, user=world.rider), rider(world, name="李强", phone="13912345679")
    give_points(ma, 40)
    give_points(li, 40)
    item = store_item(world, price=30, stock=1)
    store.redeem(actor=world.rider, item=item)
    with pytest.raises(RewardsError) as gone:
        store.redeem(actor=world.secretary, item=item, rider=li)
    assert gone.value.code == "out_of_stock" and "刚刚被兑换完" in gone.value.message
    assert points.balance(li) == 40 and Redemption.objects.count() == 1


def test_stock_is_received_and_adjusted_never_below_zero_with_an_audit_row(world):
    item = store_item(world, stock=0)
    store.stock_change(actor=world.secretary, item=item, change=10, reason="爱心企业捐赠")
    store.stock_change(actor=world.secretary, item=item, change=-3, reason="包装破损", receive=False)
    with pytest.raises(RewardsError) as below:
        store.stock_change(actor=world.secretary, item=item, change=-8, reason="盘点", receive=False)
    with pytest.raises(RewardsError) as negative_receipt:
        store.stock_change(actor=world.secretary, item=item, change=-1, reason="入库")
    assert (below.value.code, negative_receipt.value.code) == ("stock_below_zero", "out_of_range")
    assert StoreItem.objects.get().stock == 7 and list(StockMove.objects.order_by("id").values_list("change", flat=True)) == [10, -3]
    assert Event.objects.filter(model="rewards.stockmove").count() == 2


def test_only_the_communitys_staff_keep_its_store_and_riders_redeem_at_their_own(world):
    item = store_item(world)
    village = rider(world, name="王伟", phone="13912345670", community=world.changfa, user=world.rider)
    give_points(village, 100)
    with pytest.raises(RewardsError) as other_store:
        store.redeem(actor=world.rider, item=item)
    for intruder in (world.outsider, world.rider, world.clerk):
        with pytest.raises(PermissionDenied):
            store.stock_change(actor=intruder, item=item, change=5, reason="越权")
        with pytest.raises(PermissionDenied):
            store.item_create(actor=intruder, community=world.xincheng, name="越权物品", price=1)
    assert other_store.value.code == "not_your_store"
    assert StoreItem.objects.count() == 1 and StoreItem.objects.get().stock == 5 and not Redemption.objects.exists()
