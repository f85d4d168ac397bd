"""Visits over the API: list, book (through the crowding rule), check a booking before making it, record done, cancel."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status

from qingzhuang.lib import clock
from qingzhuang.org import access
from qingzhuang.org.models import Unit
from qingzhuang.visits import selectors, services
from qingzhuang.visits.models import Finding, Visit, VisitKind

router = Router()


class VisitIn(Schema):
    organiser_id: int
    kind: str = VisitKind.RESEARCH
    team_name: str
    leader: str
    members: str = ""
    member_count: int
    purpose: str
    place_ids: list[int]
    start_on: dt.date
    end_on: dt.date
    crowd_reason: str = ""


class CheckIn(Schema):
    organiser_id: int
    place_ids: list[int]
    start_on: dt.date
    end_on: dt.date


class TeamOut(Schema):
    visit_id: int
    team_name: str
    organiser_name: str
    leader: str
    kind: str
    start_on: str
    end_on: str


class CrowdOut(Schema):
    place_id: int
    place_name: str
    teams: int
    others: list[TeamOut]


class CrowdingOut(Schema):
    flagged: bool
    outcome: str  # warn: book with a crowd_reason; block: refused; pass
    window_days: int
    crowd_size: int
    message: str
    crowds: list[CrowdOut]


class VisitOut(Schema):
    id: int
    kind: str
    organiser_id: int
    organiser_name: str
    team_name: str
    leader: str
    member_count: int
    purpose: str
    places: list[dict[str, Any]]
    start_on: str
    end_on: str
    status: str
    crowded: bool
    crowd_reason: str
    cancel_reason: str


class MoveIn(Schema):
    start_on: dt.date
    end_on: dt.date
    crowd_reason: str = ""


class ReasonIn(Schema):
    reason: str


class FindingIn(Schema):
    text: str
    category: str


class FindingOut(Schema):
    id: int
    visit_id: int
    text: str
    category: str
    case_id: int | None
    case_status: str


class FindingCaseIn(Schema):
    title: str
    urgency: str = "general"
    location: str = ""
    beyond_power: bool = False
    beyond_ability: bool = False


def _finding_out(f: Finding) -> FindingOut:
    return FindingOut(id=f.pk, visit_id=f.visit_id, text=f.text, category=f.category, case_id=f.case_id, case_status=f.case.status if f.case else "")


def _team(v: Visit) -> TeamOut:
    return TeamOut(visit_id=v.pk, team_name=v.team_name, organiser_name=v.organiser.name, leader=v.leader, kind=v.kind,
                   start_on=v.start_on.isoformat(), end_on=v.end_on.isoformat())


def _crowding_out(c: selectors.Crowding) -> CrowdingOut:
    return CrowdingOut(flagged=c.flagged, outcome=str(c.outcome) if c.flagged else "pass", window_days=c.window_days, crowd_size=c.crowd_size,
                       message=c.text(), crowds=[CrowdOut(place_id=x.place.pk, place_name=x.place.name, teams=x.teams,
                                                          others=[_team(v) for v in x.others]) for x in c.crowds])


def _out(v: Visit) -> VisitOut:
    return VisitOut(id=v.pk, kind=v.kind, organiser_id=v.organiser_id, organiser_name=v.organiser.name, team_name=v.team_name, leader=v.leader,
                    member_count=v.member_count, purpose=v.purpose, places=[{"id": p.pk, "name": p.name} for p in v.places.all()],
                    start_on=v.start_on.isoformat(), end_on=v.end_on.isoformat(), status=v.status, crowded=v.crowded,
                    crowd_reason=v.crowd_reason, cancel_reason=v.cancel_reason)


def _organiser(request: HttpRequest, organiser_id: int) -> Unit:
    return access.get_for_user(request.user, selectors.BOOK, Unit.objects.select_related("county"), pk=organiser_id)


@router.get("/", response=list[VisitOut], summary="Visits in your scope (unit_id: to that place; crowded: flagged 扎堆 bookings)")
def visit_list(request: HttpRequest, unit_id: int | None = None, crowded: bool = False, status: str = "") -> Any:
    visits = selectors.search(selectors.visits_visible(request.user), unit_id=unit_id, crowded=crowded, status=status)
    return [_out(v) for v in visits.order_by("-start_on", "-id")[:500]]


@router.post("/check", response=CrowdingOut, summary="Check a booking for crowding (扎堆) before making it; nothing is stored")
def visit_check(request: HttpRequest, payload: CheckIn) -> Any:
    organiser = _organiser(request, payload.organiser_id)
    places = services.places_clean(organiser=organiser, place_ids=payload.place_ids)
    start, end = services.dates_clean(start_on=payload.start_on, end_on=payload.end_on, today=clock.today())
    return _crowding_out(selectors.crowding(county=organiser.county, places=places, start_on=start, end_on=end))


@router.post("/", response={201: VisitOut}, summary="Book a visit (a crowded one needs crowd_reason, or is refused where the county blocks)")
def visit_book(request: HttpRequest, payload: VisitIn) -> Any:
    organiser = _organiser(request, payload.organiser_id)
    visit = services.visit_book(actor=request.user, organiser=organiser, kind=payload.kind, team_name=payload.team_name, leader=payload.leader,
                                members=payload.members, member_count=payload.member_count, purpose=payload.purpose,
                                place_ids=payload.place_ids, start_on=payload.start_on, end_on=payload.end_on, crowd_reason=payload.crowd_reason)
    return Status(201, _out(visit))


def _visit(request: HttpRequest, visit_id: int) -> Visit:
    return access.get_for_user(request.user, selectors.VIEW, Visit.objects.select_related("organiser__county"), pk=visit_id)


@router.get("/{visit_id}", response=VisitOut, summary="One visit")
def visit_get(request: HttpRequest, visit_id: int) -> Any:
    return _out(_visit(request, visit_id))


@router.get("/{visit_id}/crowding", response=CrowdingOut, summary="The crowds a booked visit is in now")
def visit_crowding(request: HttpRequest, visit_id: int) -> Any:
    return _crowding_out(selectors.crowding_of(_visit(request, visit_id)))


@router.post("/{visit_id}/done", response=VisitOut, summary="Record the visit as done (it counts in the places' ledger)")
def visit_done(request: HttpRequest, visit_id: int) -> Any:
    return _out(services.visit_done(actor=request.user, visit=_visit(request, visit_id)))


@router.post("/{visit_id}/move", response=VisitOut, summary="Move a planned visit to other days (the crowding rule runs again)")
def visit_move(request: HttpRequest, visit_id: int, payload: MoveIn) -> Any:
    return _out(services.visit_move(actor=request.user, visit=_visit(request, visit_id), start_on=payload.start_on, end_on=payload.end_on,
                                    crowd_reason=payload.crowd_reason))


@router.post("/{visit_id}/cancel", response=VisitOut, summary="Cancel a planned visit with a reason")
def visit_cancel(request: HttpRequest, visit_id: int, payload: ReasonIn) -> Any:
    return _out(services.visit_cancel(actor=request.user, visit=_visit(request, visit_id), reason=payload.reason))


@router.get("/{visit_id}/findings", response=list[FindingOut], summary="What a liaison visit (走访) found, and the cases the findings became")
def finding_list(request: HttpRequest, visit_id: int) -> Any:
    return [_finding_out(f) for f in selectors.findings_of(_visit(request, visit_id))]


@router.post("/{visit_id}/findings", response={201: FindingOut}, summary="Record what a liaison visit found (the visiting department)")
def finding_add(request: HttpRequest, visit_id: int, payload: FindingIn) -> Any:
    return Status(201, _finding_out(services.finding_add(actor=request.user, visit=_visit(request, visit_id), text=payload.text,
                                                         category=payload.category)))


@router.post("/findings/{finding_id}/case", response=FindingOut, summary="Turn a finding into a case for the visited community, in one step")
def finding_raise(request: HttpRequest, finding_id: int, payload: FindingCaseIn) -> Any:
    finding = access.get_for_user(request.user, selectors.VIEW, Finding.objects.select_related("visit__organiser"), pk=finding_id)
    services.finding_raise(actor=request.user, finding=finding, **payload.dict())
    return _finding_out(Finding.objects.select_related("case").get(pk=finding.pk))
