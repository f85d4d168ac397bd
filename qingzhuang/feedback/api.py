"""The community's voice over the API: sign for an item, report a problem, list reports, answer one."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from qingzhuang.feedback import selectors, services
from qingzhuang.feedback.models import Report
from qingzhuang.org import access
from qingzhuang.org.models import Unit

router = Router()


class ItemIn(Schema):
    unit_id: int
    item_type: str  # "documents.document" or "meetings.meeting"
    item_id: int


class ReportIn(ItemIn):
    kind: str  # duplicate, short_deadline, traces, outside_duties, other
    text: str


class AnswerIn(Schema):
    accepted: bool
    reply: str


class ReceiptOut(Schema):
    id: int
    unit_id: int
    item_type: str
    item_id: int
    signed_at: str


class CaseIn(Schema):
    title: str
    description: str
    category: str
    urgency: str = "general"
    location: str = ""
    beyond_power: bool = False
    beyond_ability: bool = False


class ReportOut(Schema):
    id: int
    unit_id: int
    unit_name: str
    item_type: str
    item_id: int
    item_title: str
    kind: str
    kind_label: str
    text: str
    status: str
    reply: str
    reported_on: str
    case_id: int | None = None
    case_status: str = ""


def _out(r: Report) -> ReportOut:
    return ReportOut(id=r.pk, unit_id=r.unit_id, unit_name=r.unit.name, item_type=r.item_type, item_id=r.item_id,
                     item_title=r.item_title, kind=r.kind, kind_label=str(r.get_kind_display()), text=r.text,
                     status=r.status, reply=r.reply, reported_on=r.reported_on.isoformat(), case_id=r.case_id,
                     case_status=r.case.status if r.case else "")


def _unit(request: HttpRequest, perm: str, unit_id: int) -> Unit:
    return access.get_for_user(request.user, perm, Unit.objects.all(), pk=unit_id)


@router.post("/receipts", response=ReceiptOut, summary="Sign for an item your unit received (签收)")
def receipt_sign(request: HttpRequest, payload: ItemIn) -> Any:
    unit = _unit(request, services.SIGN, payload.unit_id)
    r = services.receipt_sign(actor=request.user, unit=unit, item_type=payload.item_type, item_id=payload.item_id)
    return ReceiptOut(id=r.pk, unit_id=r.unit_id, item_type=r.item_type, item_id=r.item_id, signed_at=r.signed_at.isoformat())


@router.get("/reports", response=list[ReportOut], summary="Burden reports in your scope, newest first")
def report_list(request: HttpRequest, status: str = "") -> Any:
    reports = selectors.reports_visible(request.user)
    if status:
        reports = reports.filter(status=status)
    return [_out(r) for r in reports[:200]]


@router.post("/reports", response=ReportOut, summary="Report a burden problem on an item your unit received")
def report_create(request: HttpRequest, payload: ReportIn) -> Any:
    unit = _unit(request, services.REPORT, payload.unit_id)
    report = services.report_create(actor=request.user, unit=unit, item_type=payload.item_type, item_id=payload.item_id,
                                    kind=payload.kind, text=payload.text)
    return _out(report)


@router.post("/reports/{report_id}/answer", response=ReportOut, summary="Accept or reject a report, with a reply")
def report_answer(request: HttpRequest, report_id: int, payload: AnswerIn) -> Any:
    report = access.get_for_user(request.user, services.ANSWER, Report.objects.select_related("unit"), pk=report_id)
    return _out(services.report_answer(actor=request.user, report=report, accepted=payload.accepted, reply=payload.reply))


@router.post("/reports/{report_id}/case", response=ReportOut, summary="Raise a report as a case (吹哨) when a department must solve it")
def report_raise_case(request: HttpRequest, report_id: int, payload: CaseIn) -> Any:
    report = access.get_for_user(request.user, selectors.VIEW, Report.objects.select_related("unit"), pk=report_id)
    services.report_raise_case(actor=request.user, report=report, **payload.dict())
    return _out(Report.objects.select_related("unit", "case").get(pk=report.pk))
