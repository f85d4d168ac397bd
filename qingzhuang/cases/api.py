"""Cases over the API: list and read (with the timeline), raise, accept, return, co-handlers, pause/resume, meetings,
resolve, callback, merge — the same services as the pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from qingzhuang.cases import selectors, services
from qingzhuang.cases.errors import CaseError
from qingzhuang.cases.models import Case
from qingzhuang.lib import clock
from qingzhuang.org import access
from qingzhuang.org.models import Unit

router = Router()


class CaseIn(Schema):
    community_id: int
    title: str
    description: str
    category: str
    urgency: str = "general"
    location: str = ""
    beyond_power: bool = False
    beyond_ability: bool = False
    source: str = "community"
    source_ref: str = ""


class EventOut(Schema):
    kind: str
    at: str
    from_status: str
    to_status: str
    unit: str
    note: str


class CaseOut(Schema):
    id: int
    title: str
    community_id: int
    community_name: str
    status: str
    urgency: str
    category: str
    source: str
    source_ref: str
    lead_id: int | None
    lead_name: str
    raised_to: list[str]
    handlers: list[str]
    due: str | None
    overdue: bool
    paused: bool
    pause_reason: str
    due_missing_years: str
    events: list[EventOut] = []


class NoteIn(Schema):
    note: str = ""


class ReasonIn(Schema):
    reason: str


class AcceptIn(Schema):
    note: str = ""
    unit_id: int | None = None


class HandlerIn(Schema):
    unit_id: int | None = None
    party_name: str = ""
    part: str


class MeetingIn(Schema):
    kind: str
    held_on: dt.date
    participants: str
    decisions: str
    place: str = ""


class CallbackIn(Schema):
    rating: str
    handler_side: bool = False
    comment: str = ""


class MergeIn(Schema):
    into_id: int
    note: str = ""


def _out(case: Case, *, events: bool = False) -> CaseOut:
    row = selectors.row(case, clock.now())
    return CaseOut(
        id=case.pk, title=case.title, community_id=case.community_id, community_name=case.community.name, status=case.status,
        urgency=case.urgency, category=case.category, source=case.source, source_ref=case.source_ref, lead_id=case.lead_id,
        lead_name=case.lead.name if case.lead else "", raised_to=[r.department.name for r in case.recipients.select_related("department")],
        handlers=[h.name for h in case.handlers.select_related("unit")], due=row.due.isoformat() if row.due else None, overdue=row.overdue,
        paused=row.paused, pause_reason=case.pause_reason, due_missing_years=case.due_missing_years,
        events=[EventOut(kind=e.kind, at=e.at.isoformat(), from_status=e.from_status, to_status=e.to_status,
                         unit=e.actor_unit.name if e.actor_unit else "", note=e.note) for e in selectors.timeline(case)] if events else [],
    )


def _case(request: HttpRequest, case_id: int) -> Case:
    return access.get_for_user(request.user, selectors.VIEW, Case.objects.select_related("community", "lead"), pk=case_id)


@router.get("/", response=list[CaseOut], summary="Cases you may see (newest first, at most 500)")
def cases_list(request: HttpRequest, status: str = "", overdue: bool = False) -> Any:
    found = selectors.cases_visible(request.user)
    if status:
        found = found.filter(status=status[:20])
    if overdue:
        found = found.filter(selectors.overdue_q(clock.now()))
    return [_out(c) for c in found.order_by("-raised_at", "-id")[:500]]


@router.get("/{case_id}", response=CaseOut, summary="A case with its timeline")
def case_get(request: HttpRequest, case_id: int) -> Any:
    return _out(_case(request, case_id), events=True)


@router.post("/", response=CaseOut, summary="Raise a case (blow the whistle) for a community")
def case_raise(request: HttpRequest, payload: CaseIn) -> Any:
    community = access.get_for_user(request.user, selectors.RAISE, Unit.objects.all(), pk=payload.community_id)
    fields = {k: v for k, v in payload.dict().items() if k != "community_id"}
    case = services.case_raise(actor=request.user, community=community, **fields)
    return _out(case, events=True)


@router.post("/{case_id}/accept", response=CaseOut, summary="Accept a case raised to your department: the first to accept leads it")
def case_accept(request: HttpRequest, case_id: int, payload: AcceptIn) -> Any:
    unit = Unit.objects.filter(pk=payload.unit_id).first() if payload.unit_id else None
    if payload.unit_id and unit is None:
        raise CaseError("not_recipient", services.errors.NOT_RECIPIENT, "unit_id")
    return _out(services.case_accept(actor=request.user, case=_case(request, case_id), unit=unit, note=payload.note), events=True)


@router.post("/{case_id}/return", response=CaseOut, summary="Return a case raised to your department, with the reason")
def case_return(request: HttpRequest, case_id: int, payload: ReasonIn) -> Any:
    return _out(services.case_return(actor=request.user, case=_case(request, case_id), reason=payload.reason))


@router.post("/{case_id}/raise-again", response=CaseOut, summary="Raise a returned case again")
def case_raise_again(request: HttpRequest, case_id: int, payload: NoteIn) -> Any:
    return _out(services.case_raise_again(actor=request.user, case=_case(request, case_id), note=payload.note))


@router.post("/{case_id}/handlers", response=CaseOut, summary="Bring in a co-handler (a unit of the county, or a named outside party)")
def handler_add(request: HttpRequest, case_id: int, payload: HandlerIn) -> Any:
    case = _case(request, case_id)
    unit = None
    if payload.unit_id is not None:
        unit = Unit.objects.filter(pk=payload.unit_id).first()
        if unit is None:
            raise CaseError("handler_unit", services.errors.HANDLER_UNIT, "unit_id")
    services.handler_add(actor=request.user, case=case, unit=unit, party_name=payload.party_name, part=payload.part)
    return _out(case)


@router.post("/{case_id}/pause", response=CaseOut, summary="Pause the clock (waiting for a third party), with the reason")
def case_pause(request: HttpRequest, case_id: int, payload: ReasonIn) -> Any:
    return _out(services.case_pause(actor=request.user, case=_case(request, case_id), reason=payload.reason))


@router.post("/{case_id}/resume", response=CaseOut, summary="Start the clock again")
def case_resume(request: HttpRequest, case_id: int) -> Any:
    return _out(services.case_resume(actor=request.user, case=_case(request, case_id)))


@router.post("/{case_id}/meetings", response=CaseOut, summary="Record a coordination meeting (座谈会, 现场碰头会)")
def meeting_record(request: HttpRequest, case_id: int, payload: MeetingIn) -> Any:
    case = _case(request, case_id)
    services.meeting_record(actor=request.user, case=case, kind=payload.kind, held_on=payload.held_on, participants=payload.participants,
                            decisions=payload.decisions, place=payload.place)
    return _out(case)


@router.post("/{case_id}/resolve", response=CaseOut, summary="Mark resolved, saying what was done")
def case_resolve(request: HttpRequest, case_id: int, payload: NoteIn) -> Any:
    return _out(services.case_resolve(actor=request.user, case=_case(request, case_id), note=payload.note))


@router.post("/{case_id}/callback", response=CaseOut, summary="The community rates the resolution (回访)")
def callback_record(request: HttpRequest, case_id: int, payload: CallbackIn) -> Any:
    case = _case(request, case_id)
    services.callback_record(actor=request.user, case=case, rating=payload.rating, handler_side=payload.handler_side, comment=payload.comment)
    case.refresh_from_db()
    return _out(case)


@router.post("/{case_id}/merge", response=CaseOut, summary="Merge a duplicate into another case")
def case_merge(request: HttpRequest, case_id: int, payload: MergeIn) -> Any:
    case = _case(request, case_id)
    into = access.get_for_user(request.user, selectors.VIEW, Case.objects.all(), pk=payload.into_id)
    return _out(services.case_merge(actor=request.user, case=case, into=into, note=payload.note))
