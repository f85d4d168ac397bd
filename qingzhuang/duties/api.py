"""Duty lists and tasks over the API: any day's list, proposing and deciding adjustments; tasks and entry approval."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from qingzhuang.duties import selectors, services
from qingzhuang.duties.models import DutyAdjustment, Signboard, Task
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


class TaskIn(Schema):
    issuer_id: int
    recipient_id: int
    title: str
    content: str
    due_on: dt.date
    effort_hours: int
    needs_data: bool = False
    needs_traces: bool = False
    cited_item_id: int | None = None
    application: str = ""


class TextIn(Schema):
    text: str


class EntryDecisionIn(Schema):
    admit: bool
    note: str = ""


class TaskOut(Schema):
    id: int
    issuer_id: int
    recipient_id: int
    title: str
    basis: str
    status: str
    due_on: str
    working_days_left: int
    due_missing_years: list[int]
    decision_due: str | None
    cited_item_id: int | None


def _task_out(t: Task) -> TaskOut:
    row = selectors.task_row(t, clock.today())
    return TaskOut(id=t.pk, issuer_id=t.issuer_id, recipient_id=t.recipient_id, title=t.title, basis=t.basis, status=t.status,
                   due_on=t.due_on.isoformat(), working_days_left=row.working_days_left, due_missing_years=list(row.due.missing_years),
                   decision_due=t.decision_due.isoformat() if t.decision_due else None, cited_item_id=t.cited_item_id)


@router.get("/tasks", response=list[TaskOut], summary="Tasks pushed down, in your scope (received or issued)")
def task_list(request: HttpRequest, status: str = "", basis: str = "") -> Any:
    tasks = selectors.tasks_visible(request.user)
    if status:
        tasks = tasks.filter(status=status)
    if basis:
        tasks = tasks.filter(basis=basis)
    return [_task_out(t) for t in tasks.order_by("-sent_on", "-id")[:200]]


@router.post("/tasks", response=TaskOut, summary="Push a task down through the gate (cite a listed duty, or apply for entry)")
def task_send(request: HttpRequest, payload: TaskIn) -> Any:
    issuer = access.get_for_user(request.user, services.SEND, Unit.objects.all(), pk=payload.issuer_id)
    recipient = access.get_for_user(request.user, selectors.VIEW, Unit.objects.all(), pk=payload.recipient_id)
    task = services.task_send(actor=request.user, issuer=issuer, recipient=recipient, title=payload.title, content=payload.content,
                              due_on=payload.due_on, effort_hours=payload.effort_hours, needs_data=payload.needs_data,
                              needs_traces=payload.needs_traces, cited_item_id=payload.cited_item_id, application=payload.application)
    return _task_out(task)


def _task(request: HttpRequest, task_id: int) -> Task:
    return access.get_for_user(request.user, selectors.VIEW, Task.objects.select_related("issuer", "recipient"), pk=task_id)


@router.post("/tasks/{task_id}/refuse", response=TaskOut, summary="The receiving unit refuses a task with no basis")
def task_refuse(request: HttpRequest, task_id: int, payload: TextIn) -> Any:
    return _task_out(services.task_refuse(actor=request.user, task=_task(request, task_id), reason=payload.text))


@router.post("/tasks/{task_id}/entry", response=TaskOut, summary="Apply for entry (准入) of a task citing no listed duty")
def entry_apply(request: HttpRequest, task_id: int, payload: TextIn) -> Any:
    return _task_out(services.entry_apply(actor=request.user, task=_task(request, task_id), application=payload.text))


@router.post("/tasks/{task_id}/entry/decision", response=TaskOut, summary="The county office admits or refuses entry")
def entry_decide(request: HttpRequest, task_id: int, payload: EntryDecisionIn) -> Any:
    return _task_out(services.entry_decide(actor=request.user, task=_task(request, task_id), admit=payload.admit, note=payload.note))


@router.post("/tasks/{task_id}/entry/revoke", response=TaskOut, summary="The county office revokes an admitted task's entry")
def entry_revoke(request: HttpRequest, task_id: int, payload: TextIn) -> Any:
    return _task_out(services.entry_revoke(actor=request.user, task=_task(request, task_id), reason=payload.text))


class SignboardIn(Schema):
    unit_id: int
    name: str
    placement: str  # outside, inside
    since: dt.date
    issuer_id: int | None = None


class SignboardRequestIn(Schema):
    issuer_id: int
    unit_id: int
    name: str
    placement: str
    reason: str


class RemovalIn(Schema):
    removed_on: dt.date
    photo: str
    note: str = ""


class SignboardDecisionIn(Schema):
    approve: bool
    note: str = ""


class SignboardOut(Schema):
    id: int
    unit_id: int
    name: str
    issuer_id: int | None
    placement: str
    status: str
    allowed: bool
    since: str | None
    removed_on: str | None
    removal_photo: str


def _board_out(b: Signboard) -> SignboardOut:
    return SignboardOut(id=b.pk, unit_id=b.unit_id, name=b.name, issuer_id=b.issuer_id, placement=b.placement, status=b.status, allowed=b.allowed,
                        since=b.since.isoformat() if b.since else None, removed_on=b.removed_on.isoformat() if b.removed_on else None,
                        removal_photo=b.removal_photo)


@router.get("/signboards", response=list[SignboardOut], summary="Plaques in your scope (excess_only: hanging outside the allowed list)")
def signboard_list(request: HttpRequest, unit_id: int | None = None, excess_only: bool = False) -> Any:
    boards = selectors.excess_for(request.user) if excess_only else selectors.signboards_visible(request.user)
    if unit_id is not None:
        boards = boards.filter(unit_id=unit_id)
    return [_board_out(b) for b in boards.order_by("unit_id", "name")[:500]]


@router.post("/signboards", response=SignboardOut, summary="Record a plaque hanging at a village or community")
def signboard_record(request: HttpRequest, payload: SignboardIn) -> Any:
    unit = access.get_for_user(request.user, services.SIGN_RECORD, Unit.objects.all(), pk=payload.unit_id)
    issuer = Unit.objects.filter(pk=payload.issuer_id).first() if payload.issuer_id is not None else None
    return _board_out(services.signboard_record(actor=request.user, unit=unit, name=payload.name, placement=payload.placement,
                                                since=payload.since, issuer=issuer))


@router.post("/signboards/requests", response=SignboardOut, summary="A department asks to hang a plaque (through the gate)")
def signboard_request(request: HttpRequest, payload: SignboardRequestIn) -> Any:
    issuer = access.get_for_user(request.user, services.SIGN_REQUEST, Unit.objects.all(), pk=payload.issuer_id)
    unit = access.get_for_user(request.user, selectors.VIEW, Unit.objects.all(), pk=payload.unit_id)
    return _board_out(services.signboard_request(actor=request.user, issuer=issuer, unit=unit, name=payload.name, placement=payload.placement,
                                                 reason=payload.reason))


def _board(request: HttpRequest, board_id: int) -> Signboard:
    return access.get_for_user(request.user, selectors.VIEW, Signboard.objects.select_related("unit"), pk=board_id)


@router.post("/signboards/{board_id}/removal", response=SignboardOut, summary="Record that a plaque was taken down, with the photo's reference")
def signboard_remove(request: HttpRequest, board_id: int, payload: RemovalIn) -> Any:
    return _board_out(services.signboard_remove(actor=request.user, board=_board(request, board_id), removed_on=payload.removed_on,
                                                photo=payload.photo, note=payload.note))


@router.post("/signboards/{board_id}/decision", response=SignboardOut, summary="The county office approves or refuses a request")
def signboard_decide(request: HttpRequest, board_id: int, payload: SignboardDecisionIn) -> Any:
    return _board_out(services.signboard_decide(actor=request.user, board=_board(request, board_id), approve=payload.approve, note=payload.note))
