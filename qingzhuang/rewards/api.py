"""Training and points over the API: courses, a rider's own growth record, the store's items, redeeming one."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from qingzhuang.org import access
from qingzhuang.rewards import growth, selectors, store
from qingzhuang.rewards.errors import RewardsError
from qingzhuang.rewards.models import Redemption
from qingzhuang.riders import points

router = Router()


class CourseOut(Schema):
    id: int
    kind: str
    title: str
    offered_by_id: int
    required_sessions: int
    sessions: int


class RecordOut(Schema):
    day: str
    what: str
    title: str
    source: str


class AxisOut(Schema):
    code: str
    label: str
    count: int
    level: int
    level_label: str
    records: list[RecordOut]


class GrowthOut(Schema):
    rider_id: int
    name: str
    balance: int
    level: int
    level_label: str
    axes: list[AxisOut]


class ItemOut(Schema):
    id: int
    name: str
    price: int
    stock: int


class RedeemIn(Schema):
    item_id: int


class RedemptionOut(Schema):
    id: int
    item_id: int
    item: str
    points: int
    status: str
    code: str
    balance: int


def _growth_out(rider: Any) -> GrowthOut:
    found = growth.growth_of(rider)
    axes = [AxisOut(code=a.code, label=str(a.label), count=a.count, level=a.level, level_label=str(a.level_label),
                    records=[RecordOut(day=r.day.isoformat(), what=str(r.what), title=r.title, source=r.source) for r in a.records])
            for a in found.axes]
    return GrowthOut(rider_id=rider.pk, name=rider.name, balance=points.balance(rider), level=found.level, level_label=str(found.level_label),
                     axes=axes)


def _redemption_out(r: Redemption) -> RedemptionOut:
    return RedemptionOut(id=r.pk, item_id=r.item_id, item=r.item.name, points=r.points, status=r.status, code=r.code,
                         balance=points.balance(r.rider))


def _own_rider(request: HttpRequest) -> Any:
    rider = selectors.rider_of(request.user)
    if rider is None:
        access.require(request.user, selectors.REDEEM)
        raise RewardsError("not_a_rider", store.errors.NOT_A_RIDER, "rider")
    return rider


@router.get("/courses", response=list[CourseOut], summary="Courses: a rider's community's and county's; staff's in their scope")
def course_list(request: HttpRequest) -> Any:
    found = selectors.courses_for(request.user).order_by("-created_at", "-id")[:300]
    return [CourseOut(id=c.pk, kind=c.kind, title=c.title, offered_by_id=c.offered_by_id, required_sessions=c.required_sessions,
                      sessions=c.sessions.count()) for c in found]


@router.get("/growth", response=GrowthOut, summary="My growth record (a rider's own): counts, levels and the records behind them")
def my_growth(request: HttpRequest) -> Any:
    return _growth_out(_own_rider(request))


@router.get("/riders/{rider_id}/growth", response=GrowthOut, summary="A rider's growth record, for the staff of their community")
def rider_growth(request: HttpRequest, rider_id: int) -> Any:
    return _growth_out(selectors.rider_for(request.user, rider_id))


@router.get("/store/items", response=list[ItemOut], summary="The items on my community's store shelf")
def item_list(request: HttpRequest) -> Any:
    rider = _own_rider(request)
    return [ItemOut(id=i.pk, name=i.name, price=i.price, stock=i.stock) for i in selectors.shelf(rider.community)[:300]]


@router.get("/store/redemptions", response=list[RedemptionOut], summary="What I redeemed (with the collection code)")
def redemption_list(request: HttpRequest) -> Any:
    _own_rider(request)
    return [_redemption_out(r) for r in selectors.my_redemptions(request.user)[:100]]


@router.post("/store/redeem", response=RedemptionOut, summary="Redeem an item with my points (refused beyond the balance or stock)")
def redeem(request: HttpRequest, payload: RedeemIn) -> Any:
    _own_rider(request)
    item = selectors.item_for(request.user, payload.item_id)
    return _redemption_out(store.redeem(actor=request.user, item=item))
