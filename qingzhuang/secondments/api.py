"""Secondments over the API: list, request (an end date or a number of months), decide, extend, decide the extension, return."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router, Schema

from qingzhuang.lib import clock
from qingzhuang.org import access
from qingzhuang.org.models import Person, Unit
from qingzhuang.secondments import selectors, services
from qingzhuang.secondments.models import Secondment, SecondmentExtension

router = Router()


class SecondmentIn(Schema):
    borrower_id: int
    lender_id: int
    person_name: str = ""
    person_id: int | None = None
    post: str
    purpose: str
    basis: str
    start_on: dt.date
    planned_end: dt.date | None = None
    months: int | None = None  # instead of planned_end


class DecisionIn(Schema):
    approve: bool
    note: str = ""


class ExtensionIn(Schema):
    reason: str
    new_end: dt.date | None = None
    months: int | None = None  # instead of new_end: months after the end in force


class ReturnIn(Schema):
    returned_on: dt.date
    note: str = ""


class ExtensionOut(Schema):
    id: int
    new_end: str
    status: str
    reason: str


class SecondmentOut(Schema):
    id: int
    borrower_id: int
    lender_id: int
    person_name: str
    post: str
    start_on: str
    planned_end: str
    ends_on: str
    status: str
    overdue: bool
    returned_on: str | None
    extensions: list[ExtensionOut]


def _out(s: Secondment) -> SecondmentOut:
    extensions = [ExtensionOut(id=e.pk, new_end=e.new_end.isoformat(), status=e.status, reason=e.reason) for e in s.extensions.order_by("id")]
    return SecondmentOut(id=s.pk, borrower_id=s.borrower_id, lender_id=s.lender_id, person_name=s.person_name, post=s.post,
                         start_on=s.start_on.isoformat(), planned_end=s.planned_end.isoformat(), ends_on=s.ends_on.isoformat(), status=s.status,
                         overdue=s.status == "approved" and s.ends_on < clock.today(),
                         returned_on=s.returned_on.isoformat() if s.returned_on else None, extensions=extensions)


@router.get("/", response=list[SecondmentOut], summary="Secondments in your scope (overdue_only: past the planned end, not back)")
def secondment_list(request: HttpRequest, overdue_only: bool = False, status: str = "") -> Any:
    found = selectors.visible(request.user)
    if overdue_only:
        found = selectors.overdue(found, clock.today())
    if status:
        found = found.filter(status=status)
    return [_out(s) for s in found.prefetch_related("extensions").order_by("-start_on", "-id")[:300]]


@router.post("/", response=SecondmentOut, summary="Ask to borrow a member of a grassroots unit's staff (through the gate's limits)")
def secondment_request(request: HttpRequest, payload: SecondmentIn) -> Any:
    borrower = access.get_for_user(request.user, services.REQUEST, Unit.objects.select_related("county"), pk=payload.borrower_id)
    lender = _lender(payload.lender_id, borrower)
    person = Person.objects.filter(pk=payload.person_id).first() if payload.person_id is not None else None
    made = services.secondment_request(actor=request.user, borrower=borrower, lender=lender, person_name=payload.person_name, post=payload.post,
                                       purpose=payload.purpose, basis=payload.basis, start_on=payload.start_on, planned_end=payload.planned_end,
                                       months=payload.months, person=person)
    return _out(made)


def _lender(pk: int, borrower: Unit) -> Unit:
    """A unit of the borrower's county (the service says why it cannot lend); none elsewhere."""
    found = Unit.objects.filter(pk=pk, county_id=borrower.county_id).first()
    if found is None:
        raise Http404
    return found


def _secondment(request: HttpRequest, pk: int) -> Secondment:
    return selectors.get(request.user, pk)


@router.get("/{secondment_id}", response=SecondmentOut, summary="One secondment")
def secondment_get(request: HttpRequest, secondment_id: int) -> Any:
    return _out(_secondment(request, secondment_id))


@router.post("/{secondment_id}/decision", response=SecondmentOut, summary="The county office approves or refuses (a reason to refuse)")
def secondment_decide(request: HttpRequest, secondment_id: int, payload: DecisionIn) -> Any:
    return _out(services.secondment_decide(actor=request.user, secondment=_secondment(request, secondment_id), approve=payload.approve,
                                           note=payload.note))


@router.post("/{secondment_id}/extensions", response=SecondmentOut, summary="The borrowing unit asks to extend (once at most)")
def extension_request(request: HttpRequest, secondment_id: int, payload: ExtensionIn) -> Any:
    found = _secondment(request, secondment_id)
    services.extension_request(actor=request.user, secondment=found, reason=payload.reason, new_end=payload.new_end, months=payload.months)
    return _out(found)


@router.post("/extensions/{extension_id}/decision", response=SecondmentOut, summary="The county office approves or refuses an extension")
def extension_decide(request: HttpRequest, extension_id: int, payload: DecisionIn) -> Any:
    extension = access.get_for_user(request.user, selectors.VIEW, SecondmentExtension.objects.select_related("secondment__lender"), pk=extension_id)
    services.extension_decide(actor=request.user, extension=extension, approve=payload.approve, note=payload.note)
    return _out(Secondment.objects.get(pk=extension.secondment_id))


@router.post("/{secondment_id}/return", response=SecondmentOut, summary="Record the day the person is back at the post")
def secondment_return(request: HttpRequest, secondment_id: int, payload: ReturnIn) -> Any:
    return _out(services.secondment_return(actor=request.user, secondment=_secondment(request, secondment_id), returned_on=payload.returned_on,
                                           note=payload.note))
