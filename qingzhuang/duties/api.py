"""Duty lists and tasks over the API: any day's list, proposing and deciding adjustments; tasks and entry approval."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from qingzhuang.duties import selectors, services
from qingzhuang.duties.models import DutyAdjustment
from qingzhuang.lib import clock
from qingzhuang.org import access
from qingzhuang.org.models import Unit

router = Router()


class ItemIn(Schema):
    section: str  # basic, supporting, taken_back
    title: str
    department_id: int | None = None
    basis: str = ""


class ItemOut(Schema):
    id: int
    section: str
    number: int
    title: str
    department_id: int | None
    department_name: str
    basis: str


class ListOut(Schema):
    unit_id: int
    unit_name: str
    on: str
    version: int | None
    valid_from: str | None
    valid_to: str | None
    items: list[ItemOut]


class AdjustmentIn(Schema):
    unit_id: int
    effective_from: dt.date
    reason: str
    items: list[ItemIn]


class DecisionIn(Schema):
    approve: bool
    note: str = ""


class AdjustmentOut(Schema):
    id: int
    unit_id: int
    effective_from: str
    status: str
    items: int


def _adjustment_out(a: DutyAdjustment) -> AdjustmentOut:
    return AdjustmentOut(id=a.pk, unit_id=a.unit_id, effective_from=a.effective_from.isoformat(), status=a.status, items=len(a.items))


@router.get("/lists/{unit_id}", response=ListOut, summary="A unit's duty list in force on a day (today by default)")
def list_get(request: HttpRequest, unit_id: int, on: dt.date | None = None) -> Any:
    unit = access.get_for_user(request.user, selectors.VIEW, Unit.objects.all(), pk=unit_id)
    day = on or clock.today()
    found = selectors.list_on(unit, day)
    items = [
        ItemOut(id=i.pk, section=i.section, number=i.number, title=i.title, department_id=i.department_id,
                department_name=i.department.name if i.department else "", basis=i.basis)
        for s in selectors.sections_of(found) for i in s.items
    ]
    return ListOut(unit_id=unit.pk, unit_name=unit.name, on=day.isoformat(), version=found.version if found else None,
                   valid_from=found.valid_from.isoformat() if found else None,
                   valid_to=found.valid_to.isoformat() if found and found.valid_to else None, items=items)


@router.post("/adjustments", response=AdjustmentOut, summary="Propose a new version of a unit's whole duty list")
def adjustment_propose(request: HttpRequest, payload: AdjustmentIn) -> Any:
    unit = access.get_for_user(request.user, services.PROPOSE, Unit.objects.all(), pk=payload.unit_id)
    made = services.adjustment_propose(actor=request.user, unit=unit, effective_from=payload.effective_from, reason=payload.reason,
                                       items=[i.dict() for i in payload.items])
    return _adjustment_out(made)


@router.post("/adjustments/{adjustment_id}/decision", response=AdjustmentOut, summary="Approve or reject a proposed adjustment")
def adjustment_decide(request: HttpRequest, adjustment_id: int, payload: DecisionIn) -> Any:
    found = access.get_for_user(request.user, services.APPROVE, DutyAdjustment.objects.select_related("unit"), pk=adjustment_id)
    if payload.approve:
        services.adjustment_approve(actor=request.user, adjustment=found, note=payload.note)
    else:
        services.adjustment_reject(actor=request.user, adjustment=found, note=payload.note)
    found.refresh_from_db()
    return _adjustment_out(found)
