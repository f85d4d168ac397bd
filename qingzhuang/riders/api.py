"""Riders over the API: the roster (scoped, phones masked for those who need not see them), a rider's own reports and
patrols, recording a patrol or publicity handed out, and reporting a hazard (JSON, or multipart with photos) — the same
services as the pages. A rider sees only their own."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import File, Form, Router, Schema, Status, UploadedFile

from qingzhuang.org import access
from qingzhuang.org.privacy import mask_phone
from qingzhuang.riders import selectors, services
from qingzhuang.riders.models import HazardReport, Patrol, Publicity, Rider

router = Router()
PERSONAL = "org.view_personal_data"


class RiderOut(Schema):
    id: int
    name: str
    phone: str
    kind: str
    platform: str
    station: str
    community_id: int
    community_name: str
    duties: list[str]
    joined_on: dt.date
    title: str


class ReportIn(Schema):
    category: int | str
    description: str
    lat: float | str | None = None
    lng: float | str | None = None
    datum: str = ""
    address: str = ""
    patrol_id: int | None = None


class ReportOut(Schema):
    id: int
    category: str
    description: str
    status: str
    unit_id: int
    unit_name: str
    routed_by: str
    lat: float | None
    lng: float | None
    address: str
    reported_at: str
    responsible_department: str
    patrol_id: int | None
    photos: int


class PatrolIn(Schema):
    area: str
    started_at: str
    ended_at: str
    findings: str = ""
    rider_id: int | None = None


class PatrolOut(Schema):
    id: int
    rider_id: int
    community_id: int
    area: str
    started_at: str
    ended_at: str
    findings: str
    status: str


class PublicityIn(Schema):
    material: str
    count: int | str
    place: str
    day: str
    rider_id: int | None = None


class PublicityOut(Schema):
    id: int
    rider_id: int
    community_id: int
    material: str
    count: int
    place: str
    day: dt.date


def _rider_out(rider: Rider, show_phone: bool) -> RiderOut:
    return RiderOut(id=rider.pk, name=rider.name, phone=rider.phone if show_phone else mask_phone(rider.phone), kind=rider.kind,
                    platform=rider.platform, station=rider.station, community_id=rider.community_id, community_name=rider.community.name,
                    duties=list(rider.duties), joined_on=rider.joined_on, title=rider.title)


def _report_out(report: HazardReport) -> ReportOut:
    department = report.category.department
    return ReportOut(id=report.pk, category=report.category.name, description=report.description, status=report.status,
                     unit_id=report.unit_id, unit_name=report.unit.name, routed_by=report.routed_by, lat=report.lat, lng=report.lng,
                     address=report.address, reported_at=report.reported_at.isoformat(),
                     responsible_department=department.name if department else "", patrol_id=report.patrol_id,
                     photos=report.photos.count())


def _patrol_out(patrol: Patrol) -> PatrolOut:
    return PatrolOut(id=patrol.pk, rider_id=patrol.rider_id, community_id=patrol.community_id, area=patrol.area,
                     started_at=patrol.started_at.isoformat(), ended_at=patrol.ended_at.isoformat(), findings=patrol.findings,
                     status=patrol.status)


def _publicity_out(made: Publicity) -> PublicityOut:
    return PublicityOut(id=made.pk, rider_id=made.rider_id, community_id=made.community_id, material=made.material, count=made.count,
                        place=made.place, day=made.day)


def _picked(request: HttpRequest, rider_id: int | None) -> Rider | None:
    """The rider a staff member records for; None records for the caller (a rider) themselves."""
    if rider_id is None:
        return None
    return access.get_for_user(request.user, services.MANAGE, Rider.objects.select_related("community"), pk=rider_id)


def _own_patrol(request: HttpRequest, patrol_id: int | None) -> Patrol | None:
    if patrol_id is None:
        return None
    rider = selectors.own_rider(request.user)
    return access.get_for_user(request.user, services.REPORT, Patrol.objects.filter(rider=rider), pk=patrol_id)


@router.get("/", response=list[RiderOut], summary="Riders and volunteers you may see (phones masked unless you may see personal data)")
def riders_list(request: HttpRequest, community_id: int | None = None) -> Any:
    access.require(request.user, selectors.VIEW)
    found = selectors.riders_for(request.user)
    if community_id is not None:
        found = found.filter(community_id=community_id)
    return [_rider_out(r, access.can(request.user, PERSONAL, r.community)) for r in found.order_by("community__path", "name")[:1000]]


@router.get("/me/reports", response=list[ReportOut], summary="The hazard reports you filed yourself (newest first)")
def my_reports(request: HttpRequest) -> Any:
    access.require(request.user, services.REPORT)
    return [_report_out(r) for r in selectors.my_reports(request.user).select_related("category__department")[:200]]


@router.get("/me/patrols", response=list[PatrolOut], summary="Your own patrols (newest first)")
def my_patrols(request: HttpRequest) -> Any:
    rider = selectors.own_rider(request.user)
    if rider is None:
        access.require(request.user, services.REPORT)
        return []
    return [_patrol_out(p) for p in Patrol.objects.filter(rider=rider)[:200]]


@router.post("/reports", response={201: ReportOut}, summary="Report a hazard (JSON): category id, description, lat/lng with datum (wgs84 or gcj02) or address")
def report_json(request: HttpRequest, payload: ReportIn) -> Any:
    made = services.hazard_report(actor=request.user, category=payload.category, description=payload.description, lat=payload.lat,
                                  lng=payload.lng, datum=payload.datum, address=payload.address,
                                  patrol=_own_patrol(request, payload.patrol_id))
    return Status(201, _report_out(made))


@router.post("/reports/multipart", response={201: ReportOut}, summary="Report a hazard with photos (multipart/form-data: the same fields and photos)")
def report_multipart(request: HttpRequest, category: Form[str], description: Form[str], lat: Form[str] = "", lng: Form[str] = "",
                     datum: Form[str] = "", address: Form[str] = "", photos: File[list[UploadedFile]] = None) -> Any:  # type: ignore[assignment]
    made = services.hazard_report(actor=request.user, category=category, description=description, lat=lat or None, lng=lng or None,
                                  datum=datum, address=address, photos=list(photos or []))
    return Status(201, _report_out(made))


@router.post("/patrols", response={201: PatrolOut}, summary="Record a patrol (yours, or for a rider of your community)")
def patrol_record(request: HttpRequest, payload: PatrolIn) -> Any:
    made = services.patrol_record(actor=request.user, rider=_picked(request, payload.rider_id), area=payload.area,
                                  started_at=payload.started_at, ended_at=payload.ended_at, findings=payload.findings)
    return Status(201, _patrol_out(made))


@router.post("/publicity", response={201: PublicityOut}, summary="Record publicity handed out (yours, or for a rider of your community)")
def publicity_record(request: HttpRequest, payload: PublicityIn) -> Any:
    made = services.publicity_record(actor=request.user, rider=_picked(request, payload.rider_id), material=payload.material,
                                     count=payload.count, place=payload.place, day=payload.day)
    return Status(201, _publicity_out(made))
