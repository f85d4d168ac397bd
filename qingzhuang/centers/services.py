"""Writes of the service centers: the center and its spaces, services, weekly slots and slots; bookings.

The last seat is taken once. A booking locks its slot's row (``select_for_update``), checks the seats and the
phone, writes the booking and adds one to the slot's count in one transaction; under it, the database refuses a
count past the seats (check constraint) and a second holding booking of one phone in one slot (partial unique
index), so even a writer that skipped the lock (SQLite has no row locks) cannot overbook.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
import unicodedata
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qingzhuang.audit.services import (
    CREATE,
    UPDATE,
    audit_created,
    audit_deleted,
    audit_record,
    audit_updated,
    diff,
    snapshot,
)
from qingzhuang.centers import errors
from qingzhuang.centers.errors import CenterError, SlotFull
from qingzhuang.centers.models import (
    HOLDING,
    Booking,
    BookingStatus,
    Center,
    Channel,
    OpeningHours,
    Service,
    Slot,
    SlotPattern,
    Space,
)
from qingzhuang.centers.selectors import holidays_between, next_free_slot, now_local, slot_label
from qingzhuang.ledger.services import ledger_add
from qingzhuang.lib import clock
from qingzhuang.lib.chinese_text import has_unstorable
from qingzhuang.lib.validate import choice_value, clean_values, int_value
from qingzhuang.org import access
from qingzhuang.org.models import Unit, UnitKind
from qingzhuang.org.privacy import mask_name, mask_phone

MANAGE = "centers.manage"
BOOK = "centers.book"
USES = "centers.service_uses"
MAX_SEATS = 500
MAX_GENERATE_DAYS = 92
# A phone holds at most this many upcoming seats at one center: enough for a family, not for a hoarder.
MAX_UPCOMING_PER_PHONE = 3
# How far ahead a full slot's page looks for the next free seat.
NEXT_FREE_DAYS = 31
CODE_RE = re.compile(r"^[a-z0-9][a-z0-9-]{1,39}$")
PHONE_RE = re.compile(r"^1[3-9]\d{9}$")
MAX_AREA = Decimal("99999.9")
AREA_RE = re.compile(r"^\d{1,5}(\.\d)?$", re.ASCII)


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def slot_begun(slot: Slot) -> bool:
    return dt.datetime.combine(slot.day, slot.starts) <= now_local()


# --- Parsing what people type ---------------------------------------------------------------------------


def phone_clean(value: Any, *, required: bool) -> str:
    """The 11 digits of a mainland mobile number, whatever spaces, hyphens, full-width digits or +86 came with it."""
    text = "" if value is None else str(value)
    if has_unstorable(text) or len(text) > 40:
        raise CenterError("phone_invalid", errors.PHONE_INVALID, "phone")
    text = unicodedata.normalize("NFKC", text)
    digits = re.sub(r"[\s\-()\u200b\u200c\u200d\u2060\ufeff]", "", text)
    if digits.startswith("+86"):
        digits = digits[3:]
    if not digits:
        if required:
            raise CenterError("phone_needed", errors.PHONE_NEEDED, "phone")
        return ""
    if not digits.isascii() or not PHONE_RE.match(digits):
        raise CenterError("phone_invalid", errors.PHONE_INVALID, "phone")
    return digits


def time_clean(value: Any, field: str) -> dt.time:
    if isinstance(value, dt.time):
        return value.replace(second=0, microsecond=0)
    text = unicodedata.normalize("NFKC", str(value or "")).strip()
    if len(text) > 8 or has_unstorable(text):
        raise CenterError("time_invalid", errors.TIME_INVALID, field)
    try:
        return dt.time.fromisoformat(text).replace(second=0, microsecond=0)
    except ValueError:
        raise CenterError("time_invalid", errors.TIME_INVALID, field) from None


def weekday_clean(value: Any) -> int:
    return int_value(value, field="weekday", label=OpeningHours._meta.get_field("weekday").verbose_name, minimum=0, maximum=6,
                     error=CenterError)


def area_clean(value: Any) -> Decimal:
    """Square metres as typed: digits with at most one decimal (full-width digits read), above 0 and below 100,000."""
    text = unicodedata.normalize("NFKC", str(value if value is not None else "")).strip()
    if isinstance(value, bool) or not AREA_RE.match(text):
        raise CenterError("area_invalid", errors.AREA_INVALID, "area")
    area = Decimal(text)
    if area <= 0 or area > MAX_AREA:
        raise CenterError("area_invalid", errors.AREA_INVALID, "area")
    return area.quantize(Decimal("0.1"))


def _code_clean(value: Any, center: Center | None = None) -> str:
    code = str(value or "").strip().lower()
    if not code.isascii() or not CODE_RE.match(code):
        raise CenterError("code_invalid", errors.CODE_INVALID, "code")
    taken = Center.objects.filter(code=code)
    if center is not None:
        taken = taken.exclude(pk=center.pk)
    if taken.exists():
        raise CenterError("code_taken", errors.CODE_TAKEN % {"code": code}, "code")
    return code


# --- The center, its hours and spaces --------------------------------------------------------------------


def center_create(*, actor: Any, community: Unit, name: str, code: str, address: str, phone: str = "",
                  closed_on_holidays: bool = True) -> Center:
    if actor is not None:
        access.require(actor, MANAGE, community)
    if community.kind not in (UnitKind.COMMUNITY, UnitKind.VILLAGE):
        raise CenterError("not_community", errors.NOT_COMMUNITY, "community")
    values = clean_values(Center, {"name": name, "address": address, "phone": phone}, error=CenterError)
    with transaction.atomic():
        center = Center.objects.create(community=community, code=_code_clean(code), closed_on_holidays=bool(closed_on_holidays), **values)
        audit_created(actor=actor, obj=center, unit=community)
    return center


def center_update(*, actor: Any, center: Center, name: str, address: str, phone: str = "", closed_on_holidays: bool = True,
                  is_active: bool = True) -> Center:
    if actor is not None:
        access.require(actor, MANAGE, center)
    values = clean_values(Center, {"name": name, "address": address, "phone": phone}, error=CenterError)
    with transaction.atomic():
        locked = Center.objects.select_for_update().get(pk=center.pk)
        before = snapshot(locked)
        for key, value in values.items():
            setattr(locked, key, value)
        locked.closed_on_holidays, locked.is_active = bool(closed_on_holidays), bool(is_active)
        locked.save()
        audit_updated(actor=actor, obj=locked, before=before, unit=locked.community)
    return locked


def hours_set(*, actor: Any, center: Center, week: dict[int, tuple[Any, Any] | None]) -> list[OpeningHours]:
    """Set the opening hours of the weekdays given (None: closed that day); the other weekdays stay as they are."""
    if actor is not None:
        access.require(actor, MANAGE, center)
    cleaned: dict[int, tuple[dt.time, dt.time] | None] = {}
    for raw_day, times in week.items():
        day = weekday_clean(raw_day)
        if times is None:
            cleaned[day] = None
            continue
        opens, closes = time_clean(times[0], f"opens_{day}"), time_clean(times[1], f"closes_{day}")
        if opens >= closes:
            raise CenterError("times_reversed", errors.TIMES_REVERSED, f"closes_{day}")
        cleaned[day] = (opens, closes)
    with transaction.atomic():
        Center.objects.select_for_update().get(pk=center.pk)
        existing = {h.weekday: h for h in OpeningHours.objects.filter(center=center)}
        for day, times in sorted(cleaned.items()):
            row = existing.get(day)
            if times is None:
                if row is not None:
                    audit_deleted(actor=actor, obj=row, unit=center.community)
                    row.delete()
                continue
            if row is None:
                row = OpeningHours.objects.create(center=center, weekday=day, opens=times[0], closes=times[1])
                audit_created(actor=actor, obj=row, unit=center.community)
            elif (row.opens, row.closes) != times:
                before = snapshot(row)
                row.opens, row.closes = times
                row.save()
                audit_updated(actor=actor, obj=row, before=before, unit=center.community)
    return list(OpeningHours.objects.filter(center=center))


def _name_free(model: Any, center: Center, name: str, what: str, exclude: int | None = None) -> None:
    taken = model.objects.filter(center=center, name=name)
    if exclude is not None:
        taken = taken.exclude(pk=exclude)
    if taken.exists():
        raise CenterError("name_taken", errors.NAME_TAKEN % {"what": what, "name": name[:40]}, "name")


def _space_values(name: Any, function: Any, area: Any, use: Any) -> dict[str, Any]:
    values = clean_values(Space, {"name": name, "function": function, "use": use}, error=CenterError)
    values["area"] = area_clean(area)
    return values


def space_create(*, actor: Any, center: Center, name: str, function: str, area: Any, use: str) -> Space:
    if actor is not None:
        access.require(actor, MANAGE, center)
    values = _space_values(name, function, area, use)
    with transaction.atomic():
        Center.objects.select_for_update().get(pk=center.pk)
        _name_free(Space, center, values["name"], str(Space._meta.verbose_name))
        space = Space.objects.create(center=center, **values)
        audit_created(actor=actor, obj=space, unit=center.community)
    return space


def space_update(*, actor: Any, space: Space, name: str, function: str, area: Any, use: str) -> Space:
    center = space.center
    if actor is not None:
        access.require(actor, MANAGE, center)
    values = _space_values(name, function, area, use)
    with transaction.atomic():
        locked = Space.objects.select_for_update().get(pk=space.pk)
        _name_free(Space, center, values["name"], str(Space._meta.verbose_name), exclude=locked.pk)
        before = snapshot(locked)
        for key, value in values.items():
            setattr(locked, key, value)
        locked.save()
        audit_updated(actor=actor, obj=locked, before=before, unit=center.community)
    return locked


def space_delete(*, actor: Any, space: Space) -> None:
    center = space.center
    if actor is not None:
        access.require(actor, MANAGE, center)
    with transaction.atomic():
        locked = Space.objects.select_for_update().get(pk=space.pk)
        if Service.objects.filter(space=locked).exists():
            raise CenterError("space_in_use", errors.SPACE_IN_USE, "space")
        audit_deleted(actor=actor, obj=locked, unit=center.community)
        locked.delete()


# --- Services, weekly slots, slots ---------------------------------------------------------------------


def _service_values(center: Center, name: Any, kind: Any, capacity: Any, description: Any, space_id: Any) -> dict[str, Any]:
    values = clean_values(Service, {"name": name, "kind": kind, "capacity": capacity, "description": description},
                          ranges={"capacity": (1, MAX_SEATS)}, error=CenterError)
    try:
        space_pk = int_value(space_id, field="space", label=Service._meta.get_field("space").verbose_name, minimum=1,
                             maximum=2**31 - 1, error=CenterError)
    except CenterError:
        raise CenterError("space_unknown", errors.SPACE_UNKNOWN, "space") from None
    space = Space.objects.filter(pk=space_pk, center=center).first()
    if space is None:
        raise CenterError("space_unknown", errors.SPACE_UNKNOWN, "space")
    values["space"] = space
    return values


def service_create(*, actor: Any, center: Center, space_id: Any, name: str, kind: str, capacity: Any, description: str = "") -> Service:
    if actor is not None:
        access.require(actor, MANAGE, center)
    values = _service_values(center, name, kind, capacity, description, space_id)
    with transaction.atomic():
        Center.objects.select_for_update().get(pk=center.pk)
        _name_free(Service, center, values["name"], str(Service._meta.verbose_name))
        service = Service.objects.create(center=center, **values)
        audit_created(actor=actor, obj=service, unit=center.community)
    return service


def service_update(*, actor: Any, service: Service, space_id: Any, name: str, kind: str, capacity: Any, description: str = "",
                   is_active: bool = True) -> Service:
    """Change a service; a new capacity is for slots generated from now on (existing slots keep their seats)."""
    center = service.center
    if actor is not None:
        access.require(actor, MANAGE, center)
    values = _service_values(center, name, kind, capacity, description, space_id)
    with transaction.atomic():
        locked = Service.objects.select_for_update().get(pk=service.pk)
        _name_free(Service, center, values["name"], str(Service._meta.verbose_name), exclude=locked.pk)
        before = snapshot(locked)
        for key, value in values.items():
            setattr(locked, key, value)
        locked.is_active = bool(is_active)
        locked.save()
        audit_updated(actor=actor, obj=locked, before=before, unit=center.community)
    return locked


def pattern_add(*, actor: Any, service: Service, weekday: Any, starts: Any, ends: Any) -> SlotPattern:
    center = service.center
    if actor is not None:
        access.require(actor, MANAGE, center)
    day = weekday_clean(weekday)
    start, end = time_clean(starts, "starts"), time_clean(ends, "ends")
    if start >= end:
        raise CenterError("times_reversed", errors.TIMES_REVERSED, "ends")
    with transaction.atomic():
        pattern, created = SlotPattern.objects.get_or_create(service=service, weekday=day, starts=start, defaults={"ends": end})
        if created:
            audit_created(actor=actor, obj=pattern, unit=center.community)
    return pattern


def pattern_remove(*, actor: Any, pattern: SlotPattern) -> None:
    center = pattern.service.center
    if actor is not None:
        access.require(actor, MANAGE, center)
    with transaction.atomic():
        audit_deleted(actor=actor, obj=pattern, unit=center.community)
        pattern.delete()


def slot_times(service: Service, start: dt.date, last: dt.date) -> list[tuple[dt.date, dt.time, dt.time]]:
    """(day, starts, ends) of the service's weekly slots from ``start`` to ``last`` on the days its center opens."""
    center = Center.objects.get(pk=service.center_id)  # as it stands now, not as the caller loaded it
    hours = {h.weekday: h for h in OpeningHours.objects.filter(center=center)}
    closed = holidays_between(start, last) if center.closed_on_holidays else set()
    patterns = list(SlotPattern.objects.filter(service=service))
    wanted = []
    day = start
    while day <= last:
        open_hours = hours.get(day.weekday())
        if open_hours is not None and day not in closed:
            for p in patterns:
                if p.weekday == day.weekday() and open_hours.opens <= p.starts and p.ends <= open_hours.closes:
                    wanted.append((day, p.starts, p.ends))
        day += dt.timedelta(days=1)
    return wanted


def slots_generate(*, actor: Any, service: Service, start: Any, days: Any) -> int:
    """Make the service's slots for ``days`` days from ``start`` from its weekly slots, on the days the center opens.

    A weekday without opening hours is closed; so is a public holiday of the shared calendar when the center closes
    on holidays; a weekly slot outside the day's opening hours is skipped. Slots already there are kept as they are.
    """
    center = service.center
    if actor is not None:
        access.require(actor, MANAGE, center)
    if not isinstance(start, dt.date):
        raise CenterError("date_invalid", errors.DATE_INVALID, "start")
    count = int_value(days, field="days", label=_("Days"), minimum=1, maximum=MAX_GENERATE_DAYS, error=CenterError)
    if start < clock.today():
        start = clock.today()
    last = start + dt.timedelta(days=count - 1)
    wanted = slot_times(service, start, last)
    with transaction.atomic():
        Service.objects.select_for_update().get(pk=service.pk)
        have = set(Slot.objects.filter(service=service, day__gte=start, day__lte=last).values_list("day", "starts"))
        made = [Slot(service=service, day=d, starts=s, ends=e, seats=service.capacity) for d, s, e in wanted if (d, s) not in have]
        Slot.objects.bulk_create(made)
        if made:
            audit_record(actor=actor, action=CREATE, obj=service, unit=center.community,
                         changes={"slots": [None, len(made)], "from": [None, str(start)], "to": [None, str(last)]},
                         reason=f"{len(made)} slots")
    return len(made)


def slot_seats_set(*, actor: Any, slot: Slot, seats: Any) -> Slot:
    center = slot.service.center
    if actor is not None:
        access.require(actor, MANAGE, center)
    count = int_value(seats, field="seats", label=Slot._meta.get_field("seats").verbose_name, minimum=0, maximum=MAX_SEATS, error=CenterError)
    with transaction.atomic():
        locked = Slot.objects.select_for_update().get(pk=slot.pk)
        if count < locked.booked:
            raise CenterError("slot_has_bookings", errors.SLOT_HAS_BOOKINGS % {"booked": locked.booked}, "seats")
        before = snapshot(locked)
        locked.seats = count
        locked.save(update_fields=["seats"])
        audit_updated(actor=actor, obj=locked, before=before, unit=center.community)
    return locked


# --- Bookings ------------------------------------------------------------------------------------------


def _booking_view(booking: Booking) -> dict[str, Any]:
    """What the audit trail keeps of a booking: never the phone, the name masked (PIPL: the trail is read widely)."""
    values = snapshot(booking, fields=["slot", "status", "channel", "booked_by", "cancelled_at", "checked_in_at"])
    values["name"] = mask_name(booking.name)
    values["phone"] = mask_phone(booking.phone) if booking.phone else ""
    return values


def _audit_booking(actor: Any, booking: Booking, action: str, before: dict[str, Any] | None, community: Any) -> None:
    audit_record(actor=actor, action=action, obj=booking, changes=diff(before or {}, _booking_view(booking)), unit=community)


def _new_code() -> str:
    return f"{secrets.randbelow(10**8):08d}"


def booking_make(*, actor: Any, slot_id: Any, name: str, phone: str, channel: str = Channel.PUBLIC) -> Booking:
    """Take a seat in a slot for a resident: on the public page (``actor`` None, phone needed) or by staff on their behalf.

    A full slot raises ``SlotFull`` carrying the next slot of the service with a free seat (or None).
    """
    channel = choice_value(channel, field="channel", label="channel", choices=Channel.choices, error=CenterError)
    slot = _slot_for_booking(slot_id)
    center = slot.service.center
    if channel == Channel.STAFF:
        access.require(actor, BOOK, center)
    values = clean_values(Booking, {"name": name}, error=CenterError)
    number = phone_clean(phone, required=channel == Channel.PUBLIC)
    try:
        with transaction.atomic():
            booking = _take_seat(slot.pk, values["name"], number, channel, actor)
            _audit_booking(actor if channel == Channel.STAFF else None, booking, CREATE, None, center.community)
    except SlotFull:
        raise _full(slot) from None
    except IntegrityError:
        # A writer that did not wait for the row lock (SQLite) met the constraints instead: say which.
        twin = Booking.objects.filter(slot_id=slot.pk, phone=number, status__in=HOLDING).first() if number else None
        if twin is not None:
            raise CenterError("phone_twice", errors.PHONE_TWICE % {"code": twin.code}, "phone") from None
        raise _full(slot) from None
    return booking


def _full(slot: Slot) -> SlotFull:
    """The polite refusal of a full slot, offering the service's next slot with a free seat."""
    following = next_free_slot(slot)
    message = errors.SLOT_FULL_NEXT % {"when": slot_label(following)} if following else errors.SLOT_FULL_NONE
    return SlotFull("slot_full", message, "slot", next_slot=following)


def _slot_for_booking(slot_id: Any) -> Slot:
    try:
        pk = int_value(slot_id, field="slot", label=Booking._meta.get_field("slot").verbose_name, minimum=1, maximum=2**31 - 1,
                       error=CenterError)
    except CenterError:
        raise CenterError("slot_closed", errors.SLOT_CLOSED, "slot") from None
    slot = Slot.objects.select_related("service__center__community").filter(pk=pk).first()
    if slot is None or not slot.service.is_active or not slot.service.center.is_active:
        raise CenterError("slot_closed", errors.SLOT_CLOSED, "slot")
    if slot_begun(slot):
        raise CenterError("slot_past", errors.SLOT_PAST, "slot")
    return slot


def _take_seat(slot_pk: int, name: str, phone: str, channel: str, actor: Any) -> Booking:
    """Inside the caller's transaction: lock the slot's row, check seats and phone, write the booking and the count."""
    slot = Slot.objects.select_for_update().get(pk=slot_pk)
    if phone:
        twin = Booking.objects.filter(slot=slot, phone=phone, status__in=HOLDING).first()
        if twin is not None:
            raise CenterError("phone_twice", errors.PHONE_TWICE % {"code": twin.code}, "phone")
        today = clock.today()
        upcoming = Booking.objects.filter(phone=phone, status=BookingStatus.BOOKED, slot__service__center_id=slot.service.center_id,
                                          slot__day__gte=today).count()
        if upcoming >= MAX_UPCOMING_PER_PHONE:
            raise CenterError("too_many_upcoming", errors.TOO_MANY_UPCOMING % {"count": upcoming}, "phone")
    if slot.booked >= slot.seats:
        raise SlotFull("slot_full", errors.SLOT_FULL % {"seats": slot.seats}, "slot")
    for _attempt in range(5):
        code = _new_code()
        if not Booking.objects.filter(code=code).exists():
            break
    booking = Booking.objects.create(slot=slot, name=name, phone=phone, code=code, channel=channel,
                                     booked_by=_user(actor) if channel == Channel.STAFF else None)
    Slot.objects.filter(pk=slot.pk).update(booked=F("booked") + 1)
    return booking


def _release(booking: Booking, actor: Any, community: Any) -> Booking:
    before = _booking_view(booking)
    booking.status, booking.cancelled_at = BookingStatus.CANCELLED, timezone.now()
    booking.save(update_fields=["status", "cancelled_at"])
    Slot.objects.filter(pk=booking.slot_id).update(booked=F("booked") - 1)
    _audit_booking(actor, booking, UPDATE, before, community)
    return booking


def booking_cancel_public(*, center: Center, code: Any, phone_tail: Any) -> Booking:
    """A resident cancels on the center's page with the booking's 8-digit code and the last four digits of its phone."""
    raw_code = unicodedata.normalize("NFKC", str(code or ""))[:40]
    raw_tail = unicodedata.normalize("NFKC", str(phone_tail or ""))[:40]
    digits = re.sub(r"\D", "", raw_code) if raw_code.isascii() else ""
    tail = re.sub(r"\D", "", raw_tail) if raw_tail.isascii() else ""
    if len(digits) != 8 or len(tail) != 4:
        raise CenterError("code_not_found", errors.CODE_NOT_FOUND, "code")
    with transaction.atomic():
        booking = Booking.objects.select_for_update(of=("self",)).filter(code=digits, slot__service__center=center).first()
        if booking is None or not booking.phone or not booking.phone.endswith(tail):
            raise CenterError("code_not_found", errors.CODE_NOT_FOUND, "code")
        _require_cancellable(booking, "code")
        return _release(booking, None, booking.slot.service.center.community)


def booking_cancel(*, actor: Any, booking: Booking) -> Booking:
    """Staff cancel a booking on the resident's behalf (a phone call, a visit)."""
    center = booking.slot.service.center
    access.require(actor, BOOK, center)
    with transaction.atomic():
        locked = Booking.objects.select_for_update(of=("self",)).select_related("slot").get(pk=booking.pk)
        _require_cancellable(locked, "booking")
        return _release(locked, actor, center.community)


def booking_check_in(*, actor: Any, booking: Booking) -> Booking:
    """Staff check a resident in on the slot's day: a service use, counted in the ledger's help measures."""
    center = booking.slot.service.center
    access.require(actor, BOOK, center)
    with transaction.atomic():
        locked = Booking.objects.select_for_update(of=("self",)).select_related("slot").get(pk=booking.pk)
        if locked.status != BookingStatus.BOOKED or locked.slot.day != clock.today():
            raise CenterError("not_checkable", errors.NOT_CHECKABLE, "booking")
        before = _booking_view(locked)
        locked.status, locked.checked_in_at = BookingStatus.CHECKED_IN, timezone.now()
        locked.save(update_fields=["status", "checked_in_at"])
        _audit_booking(actor, locked, UPDATE, before, center.community)
        ledger_add(measure=USES, unit_id=center.community_id, day=locked.slot.day, amount=1.0)
    return locked


def _require_cancellable(booking: Booking, field: str) -> None:
    if booking.status != BookingStatus.BOOKED:
        raise CenterError("not_cancellable", errors.NOT_CANCELLABLE % {"status": booking.get_status_display()}, field)
    if slot_begun(booking.slot):
        raise CenterError("slot_past", errors.SLOT_PAST, field)

