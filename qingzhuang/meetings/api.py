"""The meetings API: a department's own system creates, submits and closes meetings and reads
their status and the gate's verdicts. Errors have the common shape (config/api.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema, Status

from qingzhuang.gate.schemas import VerdictOut
from qingzhuang.meetings import selectors, services
from qingzhuang.meetings.models import Meeting, MeetingFormat, MeetingKind, PlanLine
from qingzhuang.org import access
from qingzhuang.org.models import Region, Unit

router = Router()


class SpeechIn(Schema):
    speaker: str
    minutes: int
    is_main: bool = False


class MeetingIn(Schema):
    organiser_id: int
    topic: str
    field: str
    kind: MeetingKind = MeetingKind.SPECIAL
    format: MeetingFormat = MeetingFormat.VIDEO
    location: str = ""
    starts_at: dt.datetime
    planned_minutes: int
    attendee_ids: list[int] = []
    principals_required: bool = False
    principals_count: int = 1
    follows_meeting_id: int | None = None
    follows_upper: str = ""
    plan_line_id: int | None = None
    speeches: list[SpeechIn] = []


class MeetingOut(Schema):
    id: int
    topic: str
    organiser_id: int
    status: str
    filed: bool
    starts_at: dt.datetime
    quota_year: int
    planned_minutes: int
    actual_minutes: int | None
    review_note: str
    gate_outcome: str | None
    verdicts: list[VerdictOut]
    decisions: int


class DecisionIn(Schema):
    text: str
    owner_unit_id: int | None = None
    owner_person: str = ""
    due: dt.date | None = None


class CloseIn(Schema):
    actual_minutes: int
    actual_start: dt.datetime | None = None
    attendance: dict[int, int] = {}
    decisions: list[DecisionIn] = []


class FiguresOut(Schema):
    label: str
    year: int
    count: int
    previous: int
    change_percent: float | None
    overruns: int
    without_decisions: int


def _out(request: HttpRequest, meeting: Meeting) -> MeetingOut:
    check, rows = selectors.verdict_rows(request.user, meeting)
    return MeetingOut(
        id=meeting.pk,
        topic=meeting.topic,
        organiser_id=meeting.organiser_id,
        status=meeting.status,
        filed=meeting.filed,
        starts_at=meeting.starts_at,
        quota_year=meeting.quota_year,
        planned_minutes=meeting.planned_minutes,
        actual_minutes=meeting.actual_minutes,
        review_note=meeting.review_note,
        gate_outcome=check.outcome if check else None,
        verdicts=[VerdictOut.from_row(r) for r in rows],
        decisions=meeting.decisions.count(),
    )


def _aware(value: dt.datetime) -> dt.datetime:
    return value if timezone.is_aware(value) else timezone.make_aware(value)


@router.post("/", response={201: MeetingOut}, summary="Create a draft meeting")
def create(request: HttpRequest, payload: MeetingIn) -> Any:
    user: Any = request.user
    organiser = access.get_for_user(user, "meetings.organise", Unit.objects.all(), pk=payload.organiser_id)
    attendees = list(access.scoped_queryset(user, "org.view_unit", Unit.objects.filter(pk__in=payload.attendee_ids)))
    if len(attendees) != len(set(payload.attendee_ids)):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied(access.DENIED_MESSAGE)
    follows = selectors.meeting_for(user, payload.follows_meeting_id) if payload.follows_meeting_id else None
    plan_line = get_object_or_404(PlanLine.objects.select_related("plan"), pk=payload.plan_line_id) if payload.plan_line_id else None
    meeting = services.meeting_create(
        actor=user,
        organiser=organiser,
        topic=payload.topic,
        field=payload.field,
        kind=payload.kind,
        format=payload.format,
        location=payload.location,
        starts_at=_aware(payload.starts_at),
        planned_minutes=payload.planned_minutes,
        attendees=attendees,
        principals_required=payload.principals_required,
        principals_count=payload.principals_count,
        follows_meeting=follows,
        follows_upper=payload.follows_upper,
        plan_line=plan_line,
        speeches=[s.dict() for s in payload.speeches],
    )
    return Status(201, _out(request, meeting))


@router.get("/figures", response=FiguresOut, summary="A county's meetings in a year against the year before, from raw records")
def figures(request: HttpRequest, county_code: str, year: int) -> Any:
    county = get_object_or_404(Region, code=county_code)
    if county not in selectors.counties_for_figures(request.user):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied(access.DENIED_MESSAGE)
    f = selectors.county_year_figures(county=county, year=year)
    return FiguresOut(
        label=f.label, year=f.year, count=f.count, previous=f.previous, change_percent=f.change, overruns=f.overruns, without_decisions=f.without_decisions
    )


@router.get("/{meeting_id}", response=MeetingOut, summary="A meeting's status and the gate's verdicts")
def read(request: HttpRequest, meeting_id: int) -> Any:
    return _out(request, selectors.meeting_for(request.user, meeting_id))


@router.post("/{meeting_id}/submit", response=MeetingOut, summary="Send a draft through the gate (filed if in plan and clean, else to review)")
def submit(request: HttpRequest, meeting_id: int) -> Any:
    meeting = selectors.meeting_for(request.user, meeting_id, selectors.ORGANISE)
    return _out(request, services.meeting_submit(actor=request.user, meeting=meeting))


@router.post("/{meeting_id}/close", response=MeetingOut, summary="Record the actual length, attendance and decisions")
def close(request: HttpRequest, meeting_id: int, payload: CloseIn) -> Any:
    user: Any = request.user
    meeting = selectors.meeting_for(user, meeting_id, selectors.ORGANISE)
    owners = {u.pk: u for u in Unit.objects.filter(pk__in=[d.owner_unit_id for d in payload.decisions if d.owner_unit_id], county_id=meeting.organiser.county_id)}
    meeting = services.meeting_close(
        actor=user,
        meeting=meeting,
        actual_minutes=payload.actual_minutes,
        actual_start=_aware(payload.actual_start) if payload.actual_start else None,
        attendance=payload.attendance,
        decisions=[
            {"text": d.text, "owner_unit": owners.get(d.owner_unit_id or 0), "owner_person": d.owner_person, "due": d.due} for d in payload.decisions
        ],
    )
    return _out(request, meeting)
