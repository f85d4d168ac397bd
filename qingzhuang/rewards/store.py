"""Writes of the community store (爱心超市): items on the shelf, stock received or adjusted, a rider redeeming an item
with points, staff handing it over (the rider shows a code), a redemption cancelled before hand-over with its points
refunded and its stock restored.

Lock order, the same in every write here so two writers never wait on each other in a circle: the item's row first,
then the rider's row (``riders.points`` locks the rider), then the redemption's. The item's row lock is what makes the
last item go once when many riders press "redeem" together: the second writer waits on it, then reads a stock of 0.
On SQLite every write transaction begins IMMEDIATE, so writers are serialised there anyway.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from qingzhuang.audit.services import audit_created, audit_updated, snapshot
from qingzhuang.lib.validate import clean_values, int_value, text_value
from qingzhuang.org import access
from qingzhuang.org.models import Unit
from qingzhuang.rewards import errors
from qingzhuang.rewards.errors import RewardsError
from qingzhuang.rewards.models import Redemption, RedemptionStatus, StockMove, StoreItem
from qingzhuang.rewards.services import COMMUNITY_KINDS, is_current, user_or_none
from qingzhuang.riders import points
from qingzhuang.riders.errors import RiderError
from qingzhuang.riders.models import Rider

STORE = "rewards.store"
REDEEM = "rewards.redeem"
MAX_STOCK = 100_000
MAX_PRICE = points.MAX_POINTS


def rider_of(user: Any) -> Rider | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Rider.objects.filter(user=user).select_related("community").first()


def item_create(*, actor: Any, community: Unit, name: Any, price: Any, stock: Any = 0) -> StoreItem:
    if actor is not None:
        access.require(actor, STORE, community)
    if community.kind not in COMMUNITY_KINDS:
        raise RewardsError("not_a_community", errors.NOT_A_COMMUNITY, "community")
    values = clean_values(StoreItem, {"name": name, "price": price, "stock": stock}, ranges={"price": (1, MAX_PRICE), "stock": (0, MAX_STOCK)},
                          error=RewardsError)
    try:
        with transaction.atomic():
            item = StoreItem.objects.create(community=community, **values)
            audit_created(actor=actor, obj=item, unit=community)
            if item.stock:
                _move(actor, item, item.stock, "上架入库")
    except IntegrityError:
        raise RewardsError("item_exists", errors.ITEM_EXISTS % {"name": values["name"]}, "name") from None
    return item


def item_update(*, actor: Any, item: StoreItem, price: Any, is_active: bool) -> StoreItem:
    if actor is not None:
        access.require(actor, STORE, item.community)
    amount = int_value(price, field="price", label=StoreItem._meta.get_field("price").verbose_name, minimum=1, maximum=MAX_PRICE, error=RewardsError)
    with transaction.atomic():
        locked = StoreItem.objects.select_for_update().get(pk=item.pk)
        before = snapshot(locked)
        locked.price, locked.is_active = amount, bool(is_active)
        locked.save(update_fields=["price", "is_active"])
        audit_updated(actor=actor, obj=locked, before=before, unit=locked.community)
    return locked


def _move(actor: Any, item: StoreItem, change: int, reason: str) -> StockMove:
    move = StockMove.objects.create(item=item, change=change, reason=reason, by=user_or_none(actor), at=timezone.now())
    audit_created(actor=actor, obj=move, unit=item.community)
    return move


def stock_change(*, actor: Any, item: StoreItem, change: Any, reason: Any, receive: bool = True) -> StockMove:
    """Stock received (a positive quantity), or adjusted up or down (damaged, miscounted) with a reason; never below zero."""
    if actor is not None:
        access.require(actor, STORE, item.community)
    label = StockMove._meta.get_field("change").verbose_name
    amount = int_value(change, field="change", label=label, minimum=1 if receive else -MAX_STOCK, maximum=MAX_STOCK, error=RewardsError)
    if amount == 0:
        raise RewardsError("change_zero", errors.CHANGE_ZERO, "change")
    why = text_value(reason, field="reason", label=StockMove._meta.get_field("reason").verbose_name, max_length=200, error=RewardsError)
    with transaction.atomic():
        locked = StoreItem.objects.select_for_update().get(pk=item.pk)
        if not 0 <= locked.stock + amount <= MAX_STOCK:
            raise RewardsError("stock_below_zero", errors.STOCK_BELOW_ZERO % {"stock": locked.stock}, "change")
        before = snapshot(locked)
        locked.stock += amount
        locked.save(update_fields=["stock"])
        audit_updated(actor=actor, obj=locked, before=before, unit=locked.community)
        return _move(actor, locked, amount, why)


def _code(item: StoreItem) -> str:
    """Six digits the rider shows at the counter, unique among the store's items waiting to be collected."""
    while True:
        code = f"{secrets.randbelow(1_000_000):06d}"
        if not Redemption.objects.filter(item__community_id=item.community_id, status=RedemptionStatus.RESERVED, code=code).exists():
            return code


def redeem(*, actor: Any, item: StoreItem, rider: Rider | None = None) -> Redemption:
    """A rider takes an item for its price in points: refused beyond the balance and when the stock has run out.

    Without ``rider`` the actor redeems for themselves; staff of the store may redeem for a rider of the community."""
    rider = rider or rider_of(actor)
    if rider is None:
        raise RewardsError("not_a_rider", errors.NOT_A_RIDER, "rider")
    if actor is not None and rider.user_id != getattr(actor, "pk", None):
        access.require(actor, STORE, item.community)
    if rider.community_id != item.community_id:
        raise RewardsError("not_your_store", errors.NOT_YOUR_STORE % {"community": item.community.name}, "item")
    if not is_current(rider):
        raise RewardsError("rider_left", errors.RIDER_LEFT % {"name": rider.name}, "rider")
    with transaction.atomic():
        locked = StoreItem.objects.select_for_update().get(pk=item.pk)  # 1. the item's row: the stock
        if not locked.is_active:
            raise RewardsError("not_on_shelf", errors.NOT_ON_SHELF % {"name": locked.name}, "item")
        if locked.stock < 1:
            raise RewardsError("out_of_stock", errors.OUT_OF_STOCK % {"name": locked.name}, "item")
        redemption = Redemption.objects.create(item=locked, rider=rider, points=locked.price, code=_code(locked), redeemed_at=timezone.now())
        try:  # 2. the rider's row, locked by riders.points
            points.points_spend(actor=actor, rider=rider, points=locked.price, act=f"store:{redemption.pk}",
                                reason=f"爱心超市兑换：{locked.name}"[:200])
        except RiderError as exc:
            raise RewardsError(exc.code, exc.message, "item") from None
        before = snapshot(locked)
        locked.stock -= 1
        locked.save(update_fields=["stock"])
        audit_updated(actor=actor, obj=locked, before=before, unit=locked.community)
        audit_created(actor=actor, obj=redemption, unit=locked.community)
    return redemption


def _close(actor: Any, redemption: Redemption, status: str, note: str) -> tuple[StoreItem, Redemption]:
    """Inside a transaction: lock item, rider, redemption (in that order) and close a redemption still waiting."""
    item = StoreItem.objects.select_for_update().get(pk=redemption.item_id)
    Rider.objects.select_for_update().filter(pk=redemption.rider_id).first()
    locked = Redemption.objects.select_for_update().get(pk=redemption.pk)
    if locked.status != RedemptionStatus.RESERVED:
        raise RewardsError("not_reserved", errors.NOT_RESERVED % {"status": locked.get_status_display()}, "redemption")
    before = snapshot(locked)
    locked.status, locked.closed_at, locked.closed_by, locked.note = status, timezone.now(), user_or_none(actor), note
    locked.save(update_fields=["status", "closed_at", "closed_by", "note"])
    audit_updated(actor=actor, obj=locked, before=before, unit=item.community)
    return item, locked


def hand_over(*, actor: Any, redemption: Redemption, code: Any = None) -> Redemption:
    """Staff hand the item over; when a code is given (the rider collects with it) it must match."""
    if actor is not None:
        access.require(actor, STORE, redemption.item.community)
    if code not in (None, "") and str(code).strip()[:20] != redemption.code:
        raise RewardsError("code_wrong", errors.CODE_WRONG, "code")
    with transaction.atomic():
        return _close(actor, redemption, RedemptionStatus.HANDED_OVER, "")[1]


def cancel(*, actor: Any, redemption: Redemption, reason: Any = "") -> Redemption:
    """Before hand-over, the rider or the store's staff cancel: the points come back ("store_refund:<id>"), the stock too."""
    if actor is not None and redemption.rider.user_id != getattr(actor, "pk", None):
        access.require(actor, STORE, redemption.item.community)
    why = text_value(reason, field="reason", label=Redemption._meta.get_field("note").verbose_name, max_length=200, required=False,
                     error=RewardsError)
    with transaction.atomic():
        item, locked = _close(actor, redemption, RedemptionStatus.CANCELLED, why)
        before = snapshot(item)
        item.stock += 1
        item.save(update_fields=["stock"])
        audit_updated(actor=actor, obj=item, before=before, unit=item.community)
        points.points_refund(actor=actor, rider=locked.rider_id, spent_act=f"store:{locked.pk}", act=f"store_refund:{locked.pk}",
                             reason=f"取消兑换，退回积分：{item.name}")
    return locked
