"""Service centers over the API: centers with their spaces and the residents' share of area, services and slots with
free seats, bookings made by staff on residents' behalf (cancel, check in), and each center's public read (no login)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router, Schema

from qingzhuang.centers import errors, selectors, services
from qingzhuang.centers.errors import CenterError
from qingzhuang.centers.models import Booking, Center, Channel, Slot
from qingzhuang.lib import clock
from qingzhuang.org import access

router = Router()
MAX_DAYS = 31


class SpaceOut(Schema):
    id: int
    name: str
    function: str
    area: float
    use: str


class CenterOut(Schema):
    id: int
    name: str
    community_id: int
    community_name: str
    address: str
    public_code: str
    area_total: float
    area_residents: float
    residents_share_percent: float | None  # of the area, from the spaces' records (草场坡社区: 95.0)
    spaces: list[SpaceOut] = []


class SlotOut(Schema):
    id: int
    day: str
    starts: str
    ends: str
    label: str
    seats: int
    free: int


class ServiceOut(Schema):
    id: int
    name: str
    kind: str
    space: str
    description: str
    slots: list[SlotOut]


class HoursOut(Schema):
    weekday: int
    label: str
    opens: str | None
    closes: str | None


class PublicCenterOut(Schema):
    name: str
    address: str
    phone: str
    hours: list[HoursOut]
    closed_on: list[str]
    services: list[ServiceOut]


class BookingIn(Schema):
    slot_id: int
    name: str
    phone: str = ""  # residents without a phone are booked by staff with none


class BookingOut(Schema):
    id: int
    code: str
    slot_id: int
    service: str
    when: str
    name: str
    phone: str  # in full only for those who call residents back (centers.see_phone), else masked
    status: str
    channel: str


def _center_out(center: Center, area: selectors.Area, spaces: bool = False) -> CenterOut:
    share = area.share
    return CenterOut(id=center.pk, name=center.name, community_id=center.community_id, community_name=center.community.name,
                     address=center.address, public_code=center.code, area_total=float(area.total), area_residents=float(area.residents),
                     residents_share_percent=float(share) if share is not None else None,
                     spaces=[SpaceOut(id=s.pk, name=s.name, function=s.function, area=float(s.area), use=s.use) for s in center.spaces.all()]
                     if spaces else [])


def _services_out(center: Center, days: int, service_id: int | None = None) -> list[ServiceOut]:
    return [ServiceOut(id=o.service.pk, name=o.service.name, kind=o.service.kind, space=o.service.space.name, description=o.service.description,
                       slots=[SlotOut(id=s.pk, day=s.day.isoformat(), starts=f"{s.starts:%H:%M}", ends=f"{s.ends:%H:%M}", label=selectors.slot_label(s),
                                      seats=s.seats, free=s.free) for s in o.slots])
            for o in selectors.upcoming_slots(center, days, service_id=service_id)]


def _days(days: int) -> int:
    if not 1 <= days <= MAX_DAYS:
        raise CenterError("days_out_of_range", errors.DAYS_READ % {"max": MAX_DAYS}, "days")
    return days


def _booking_out(user: Any, booking: Booking) -> BookingOut:
    row = selectors.booking_rows(user, booking.slot.service.center, Booking.objects.filter(pk=booking.pk))[0]
    return BookingOut(id=booking.pk, code=booking.code, slot_id=booking.slot_id, service=booking.slot.service.name,
                      when=selectors.slot_label(booking.slot), name=booking.name, phone=row.phone, status=booking.status, channel=booking.channel)


def _center(request: HttpRequest, pk: int, perm: str = selectors.VIEW) -> Center:
    return access.get_for_user(request.user, perm, Center.objects.select_related("community"), pk=pk)


def _booking(request: HttpRequest, pk: int) -> Booking:
    return access.get_for_user(request.user, services.BOOK, Booking.objects.select_related("slot__service__center__community"), pk=pk)


@router.get("/", response=list[CenterOut], summary="Service centers you may see, with the share of their area serving residents")
def center_list(request: HttpRequest) -> Any:
    centers = list(selectors.centers_visible(request.user)[:500])
    areas = selectors.areas_of(centers)
    return [_center_out(c, areas[c.pk]) for c in centers]


@router.get("/{center_id}", response=CenterOut, summary="A center with its spaces (area, use) and the residents' share of area")
def center_detail(request: HttpRequest, center_id: int) -> Any:
    center = _center(request, center_id)
    return _center_out(center, selectors.area_of(center), spaces=True)


@router.get("/{center_id}/services", response=list[ServiceOut], summary="A center's services and their slots not yet begun, with free seats")
def center_services(request: HttpRequest, center_id: int, days: int = 14) -> Any:
    return _services_out(_center(request, center_id), _days(days))


@router.get("/{center_id}/bookings", response=list[BookingOut], summary="Bookings of a day at a center (staff), phones masked unless you call residents back")
def booking_list(request: HttpRequest, center_id: int, day: dt.date | None = None) -> Any:
    center = _center(request, center_id, services.BOOK)
    found = selectors.bookings_on(center, day or clock.today()).select_related("slot__service__center")
    phones = {r.booking.pk: r.phone for r in selectors.booking_rows(request.user, center, found)}
    return [BookingOut(id=b.pk, code=b.code, slot_id=b.slot_id, service=b.slot.service.name, when=selectors.slot_label(b.slot), name=b.name,
                       phone=phones.get(b.pk, ""), status=b.status, channel=b.channel) for b in found[:500]]


@router.post("/{center_id}/bookings", response=BookingOut,
             summary="Book a seat for a resident (staff on their behalf); a full slot answers 409 naming the next free time")
def booking_make(request: HttpRequest, center_id: int, payload: BookingIn) -> Any:
    center = _center(request, center_id, services.BOOK)
    if not Slot.objects.filter(pk=payload.slot_id, service__center=center).exists():
        raise Http404
    booking = services.booking_make(actor=request.user, slot_id=payload.slot_id, name=payload.name, phone=payload.phone, channel=Channel.STAFF)
    return _booking_out(request.user, booking)


@router.post("/bookings/{booking_id}/cancel", response=BookingOut, summary="Cancel a booking on the resident's behalf")
def booking_cancel(request: HttpRequest, booking_id: int) -> Any:
    return _booking_out(request.user, services.booking_cancel(actor=request.user, booking=_booking(request, booking_id)))


@router.post("/bookings/{booking_id}/check-in", response=BookingOut, summary="Check a resident in on the slot's day (a service use)")
def booking_check_in(request: HttpRequest, booking_id: int) -> Any:
    return _booking_out(request.user, services.booking_check_in(actor=request.user, booking=_booking(request, booking_id)))


@router.get("/public/{code}", response=PublicCenterOut, auth=None, summary="A center's public page as data (no login): hours, services, free slots")
def public_center(request: HttpRequest, code: str, days: int = 14) -> Any:
    center = selectors.public_center(code)
    if center is None:
        raise Http404
    hours = [HoursOut(weekday=h.weekday, label=h.label, opens=f"{h.hours.opens:%H:%M}" if h.hours else None,
                      closes=f"{h.hours.closes:%H:%M}" if h.hours else None) for h in selectors.week_hours(center)]
    return PublicCenterOut(name=center.name, address=center.address, phone=center.phone, hours=hours,
                           closed_on=[d.isoformat() for d in selectors.upcoming_closures(center)], services=_services_out(center, _days(days)))
