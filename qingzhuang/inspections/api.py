"""The inspections API: a department's own system proposes items and records visits; the county office
reviews, merges and files; the figures read as on the pages. Errors have the common shape (config/api.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

from qingzhuang.gate.schemas import VerdictOut
from qingzhuang.inspections import selectors, services
from qingzhuang.inspections.models import Finding, FindingKind, InspectionKind, InspectionPlan, Item, TargetScope
from qingzhuang.org import access
from qingzhuang.org.models import Unit

router = Router()


class ItemIn(Schema):
    lead_id: int
    kind: InspectionKind
    subject: str
    criteria: str
    target_scope: TargetScope = TargetScope.NAMED
    target_ids: list[int] = []
    window_start: dt.date
    window_end: dt.date
    on_site: bool = True
    one_vote_veto: bool = False
    responsibility_contract: bool = False


class ItemOut(Schema):
    id: int
    plan_id: int
    year: int
    in_plan: bool
    lead_id: int
    kind: str
    subject: str
    status: str
    target_ids: list[int]
    window_start: dt.date
    window_end: dt.date
    on_site: bool
    carried_out_on: dt.date | None
    merged_into_id: int | None
    merged_from_ids: list[int]
    review_note: str
    verdicts: list[VerdictOut]


class ReasonIn(Schema):
    reason: str = ""


class ApproveIn(Schema):
    note: str = ""
    override_reason: str = ""


class MergeIn(Schema):
    item_ids: list[int]
    subject: str = ""


class VisitIn(Schema):
    unit_id: int
    day: dt.date
    inspectors: str
    on_site_days: int = 1


class CarryOutIn(Schema):
    day: dt.date | None = None


class FindingIn(Schema):
    unit_id: int
    kind: FindingKind = FindingKind.ADVICE
    text: str


class RespondIn(Schema):
    response: str


class FeedbackIn(Schema):
    unit_id: int
    heaviness: int
    comment: str = ""


class IdOut(Schema):
    id: int


class UnitFiguresOut(Schema):
    unit_id: int
    unit: str
    items: float
    items_last: float
    on_site_days: float
    on_site_days_last: float


class FiguresOut(Schema):
    county: str
    year: int
    inspections: int
    inspections_last: int
    assessments: int
    assessments_last: int
    received_by_departments_and_towns: float
    received_by_departments_and_towns_last: float
    received_change_percent: float | None
    merged: int
    traces_refused: int
    units: list[UnitFiguresOut]


def _out(item: Item) -> ItemOut:
    return ItemOut(
        id=item.pk, plan_id=item.plan_id, year=item.plan.year, in_plan=item.in_plan, lead_id=item.lead_id, kind=item.kind,
        subject=item.subject, status=item.status, target_ids=sorted(item.targets.values_list("pk", flat=True)),
        window_start=item.window_start, window_end=item.window_end, on_site=item.on_site, carried_out_on=item.carried_out_on,
        merged_into_id=item.merged_into_id, merged_from_ids=sorted(item.merged_from.values_list("pk", flat=True)),
        review_note=item.review_note, verdicts=[VerdictOut.from_row(r) for r in selectors.verdicts(item)],
    )


def _units(user: Any, ids: list[int]) -> list[Unit]:
    found = list(access.scoped_queryset(user, "org.view_unit", Unit.objects.filter(pk__in=ids)))
    if len(found) != len(set(ids)):
        raise PermissionDenied(access.DENIED_MESSAGE)
    return found


@router.get("/", response=list[ItemOut], summary="Items the user may see (their county's tree for a county office)")
def list_items(request: HttpRequest, year: int | None = None, status: str = "") -> Any:
    items = selectors.items_visible(request.user)
    if year is not None:
        items = items.filter(plan__year=year)
    if status:
        items = items.filter(status=status)
    return [_out(i) for i in items.order_by("-window_start", "-id")[:500]]


@router.post("/", response={201: ItemOut}, summary="Propose an item (into the annual plan, or for the monthly review once it is filed)")
def propose(request: HttpRequest, payload: ItemIn) -> Any:
    user: Any = request.user
    lead = access.get_for_user(user, selectors.PROPOSE, Unit.objects.all(), pk=payload.lead_id)
    item = services.item_propose(
        actor=user, lead=lead, kind=payload.kind, subject=payload.subject, criteria=payload.criteria, target_scope=payload.target_scope,
        targets=_units(user, payload.target_ids) if payload.target_scope == TargetScope.NAMED else [],
        window_start=payload.window_start, window_end=payload.window_end, on_site=payload.on_site,
        one_vote_veto=payload.one_vote_veto, responsibility_contract=payload.responsibility_contract,
    )
    return Status(201, _out(item))


@router.post("/merge", response={201: ItemOut}, summary="Merge overlapping items into one joint inspection (county office)")
def merge(request: HttpRequest, payload: MergeIn) -> Any:
    items = [selectors.item_for(request.user, pk) for pk in list(dict.fromkeys(payload.item_ids))[:50]]
    return Status(201, _out(services.items_merge(actor=request.user, items=items, subject=payload.subject)))


@router.post("/plans/{plan_id}/file", response=IdOut, summary="File the annual plan (county office)")
def file_plan(request: HttpRequest, plan_id: int) -> Any:
    plan = access.get_for_user(request.user, selectors.VIEW, InspectionPlan.objects.select_related("office"), pk=plan_id)
    return IdOut(id=services.plan_file(actor=request.user, plan=plan).pk)


@router.get("/figures", response=FiguresOut, summary="A county's 督检考 figures for a year against the year before")
def figures(request: HttpRequest, office_id: int, year: int) -> Any:
    user: Any = request.user
    from qingzhuang.inspections.errors import InspectionInvalid
    from qingzhuang.lib.validate import int_value

    year = int_value(year, field="year", label=InspectionPlan._meta.get_field("year").verbose_name, minimum=2000, maximum=2099, error=InspectionInvalid)
    office = get_object_or_404(Unit, pk=office_id)
    if not access.can(user, selectors.REVIEW, office) or office.county_id is None:
        raise PermissionDenied(access.DENIED_MESSAGE)
    f = selectors.figures(county=office.county, year=year)  # type: ignore[arg-type]
    change = f.received_change
    return FiguresOut(
        county=f.county.name, year=f.year, inspections=f.inspections, inspections_last=f.inspections_last, assessments=f.assessments,
        assessments_last=f.assessments_last, received_by_departments_and_towns=f.received, received_by_departments_and_towns_last=f.received_last,
        received_change_percent=round(change * 100, 1) if change is not None else None, merged=f.merged, traces_refused=f.traces_refused,
        units=[UnitFiguresOut(unit_id=u.unit.pk, unit=u.unit.name, items=u.items, items_last=u.items_last, on_site_days=u.on_site_days, on_site_days_last=u.on_site_days_last) for u in f.units],
    )


@router.get("/{item_id}", response=ItemOut, summary="An item, its state and the gate's verdicts")
def read(request: HttpRequest, item_id: int) -> Any:
    return _out(selectors.item_for(request.user, item_id))


@router.post("/{item_id}/accept", response=ItemOut, summary="Accept a proposal into the plan (county office)")
def accept(request: HttpRequest, item_id: int, payload: ApproveIn) -> Any:
    return _out(services.item_accept(actor=request.user, item=selectors.item_for(request.user, item_id), note=payload.note))


@router.post("/{item_id}/refuse", response=ItemOut, summary="Refuse a proposal or an item outside the plan (county office)")
def refuse(request: HttpRequest, item_id: int, payload: ReasonIn) -> Any:
    return _out(services.item_refuse(actor=request.user, item=selectors.item_for(request.user, item_id), reason=payload.reason))


@router.post("/{item_id}/monthly-approve", response=ItemOut, summary="Monthly review (月控): let an item outside the plan happen")
def monthly_approve(request: HttpRequest, item_id: int, payload: ApproveIn) -> Any:
    item = selectors.item_for(request.user, item_id)
    return _out(services.item_monthly_approve(actor=request.user, item=item, note=payload.note, override_reason=payload.override_reason))


@router.post("/{item_id}/visits", response={201: IdOut}, summary="Record a visit to an inspected unit")
def visit(request: HttpRequest, item_id: int, payload: VisitIn) -> Any:
    item = selectors.item_for(request.user, item_id)
    unit = get_object_or_404(Unit, pk=payload.unit_id)
    found = services.visit_record(actor=request.user, item=item, unit=unit, day=payload.day, inspectors=payload.inspectors, on_site_days=payload.on_site_days)
    return Status(201, IdOut(id=found.pk))


@router.post("/{item_id}/carry-out", response=ItemOut, summary="Mark a filed item carried out (the ledger counts it for each inspected unit)")
def carry_out(request: HttpRequest, item_id: int, payload: CarryOutIn) -> Any:
    return _out(services.item_carry_out(actor=request.user, item=selectors.item_for(request.user, item_id), day=payload.day))


@router.post("/{item_id}/findings", response={201: IdOut}, summary="Record a finding: advice (出主意) or a problem")
def finding(request: HttpRequest, item_id: int, payload: FindingIn) -> Any:
    item = selectors.item_for(request.user, item_id)
    unit = get_object_or_404(Unit, pk=payload.unit_id)
    return Status(201, IdOut(id=services.finding_add(actor=request.user, item=item, unit=unit, kind=payload.kind, text=payload.text).pk))


@router.post("/{item_id}/findings/{finding_id}/respond", response=IdOut, summary="The inspected unit answers a finding")
def respond(request: HttpRequest, item_id: int, finding_id: int, payload: RespondIn) -> Any:
    item = selectors.item_for(request.user, item_id)
    found = get_object_or_404(Finding, pk=finding_id, item=item)
    return IdOut(id=services.finding_respond(actor=request.user, finding=found, response=payload.response).pk)


@router.post("/{item_id}/feedback", response={201: IdOut}, summary="The inspected unit says how heavy the item was (1–5)")
def feedback(request: HttpRequest, item_id: int, payload: FeedbackIn) -> Any:
    item = selectors.item_for(request.user, item_id)
    unit = get_object_or_404(Unit, pk=payload.unit_id)
    found = services.feedback_give(actor=request.user, item=item, unit=unit, heaviness=payload.heaviness, comment=payload.comment)
    return Status(201, IdOut(id=found.pk))
