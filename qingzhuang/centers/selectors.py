"""Reads of the service centers: the resident-area share, opening hours, free slots, usage, the ledger's rows."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, FloatField, IntegerField, Q, QuerySet, Sum, Value
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from qingzhuang.centers.models import (
    HOLDING,
    Booking,
    BookingStatus,
    Center,
    OpeningHours,
    Service,
    Slot,
    Space,
    SpaceUse,
)
from qingzhuang.lib import clock
from qingzhuang.org import access
from qingzhuang.org.privacy import mask_phone

VIEW = "centers.view"
SEE_PHONE = "centers.see_phone"
WEEKDAYS = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")


def centers_visible(user: Any) -> QuerySet[Center]:
    return access.scoped_queryset(user, VIEW, Center.objects.select_related("community", "community__parent")).order_by("community__path", "name")


def public_center(code: str) -> Center | None:
    """The active center of a public page code (no login): None for an unknown or closed one."""
    if not isinstance(code, str) or len(code) > 40:
        return None
    return Center.objects.select_related("community").filter(code=code, is_active=True).first()


# --- Area ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Area:
    total: Decimal
    residents: Decimal

    @property
    def office(self) -> Decimal:
        return self.total - self.residents

    @property
    def share(self) -> Decimal | None:
        """The share of the area serving residents, in per cent with one decimal; None without spaces."""
        if not self.total:
            return None
        return (self.residents * 100 / self.total).quantize(Decimal("0.1"))


def area_of(center: Center) -> Area:
    """Summed from the center's space records, never typed."""
    sums = Space.objects.filter(center=center).aggregate(total=Sum("area"), residents=Sum("area", filter=Q(use=SpaceUse.RESIDENTS)))
    return Area(total=sums["total"] or Decimal("0"), residents=sums["residents"] or Decimal("0"))


def areas_of(centers: list[Center]) -> dict[int, Area]:
    rows = (Space.objects.filter(center__in=centers).values("center_id")
            .annotate(total=Sum("area"), residents=Sum("area", filter=Q(use=SpaceUse.RESIDENTS))))
    found = {r["center_id"]: Area(total=r["total"] or Decimal("0"), residents=r["residents"] or Decimal("0")) for r in rows}
    return {c.pk: found.get(c.pk, Area(Decimal("0"), Decimal("0"))) for c in centers}


# --- Hours, holidays and slots ---------------------------------------------------------------------------


def holidays_between(first: dt.date, last: dt.date) -> set[dt.date]:
    """The public holidays (days off) of the shared working-day calendar between two days, both included."""
    from qingzhuang.workdays.models import CalendarDay, DayKind
    from qingzhuang.workdays.seed import seed_if_empty

    seed_if_empty()
    return set(CalendarDay.objects.filter(day__gte=first, day__lte=last, kind=DayKind.HOLIDAY).values_list("day", flat=True))


@dataclass(frozen=True)
class DayHours:
    weekday: int
    label: str
    hours: OpeningHours | None


def week_hours(center: Center) -> list[DayHours]:
    rows = {h.weekday: h for h in OpeningHours.objects.filter(center=center)}
    return [DayHours(day, WEEKDAYS[day], rows.get(day)) for day in range(7)]


def slot_label(slot: Slot | None) -> str:
    """A slot as a person reads it: 12月3日（周三）09:00–10:00."""
    if slot is None:
        return ""
    return f"{slot.day.month}月{slot.day.day}日（{WEEKDAYS[slot.day.weekday()]}）{slot.starts:%H:%M}–{slot.ends:%H:%M}"


def now_local() -> dt.datetime:
    """The local time now, on the day ``clock.today()`` says (tests stand on a fixed day)."""
    return dt.datetime.combine(clock.today(), timezone.localtime().time().replace(microsecond=0))


def _not_begun(now: dt.datetime) -> Q:
    return Q(day__gt=now.date()) | Q(day=now.date(), starts__gt=now.time())


def next_free_slot(slot: Slot) -> Slot | None:
    """The service's next slot after this one, not yet begun, with a free seat, within a month."""
    now = now_local()
    later = Q(day__gt=slot.day) | Q(day=slot.day, starts__gt=slot.starts)
    return (Slot.objects.filter(later, _not_begun(now), service_id=slot.service_id, booked__lt=F("seats"),
                                day__lte=max(slot.day, now.date()) + dt.timedelta(days=31))
            .exclude(pk=slot.pk).order_by("day", "starts").first())


@dataclass
class ServiceSlots:
    service: Service
    slots: list[Slot] = field(default_factory=list)


def upcoming_slots(center: Center, days: int = 14, *, service_id: int | None = None) -> list[ServiceSlots]:
    """Each bookable service of the center with its slots not yet begun in the coming days (full ones included)."""
    now = now_local()
    services = Service.objects.filter(center=center, is_active=True).select_related("space").order_by("name")
    if service_id is not None:
        services = services.filter(pk=service_id)
    found = {s.pk: ServiceSlots(s) for s in services}
    slots = Slot.objects.filter(_not_begun(now), service_id__in=found, day__lte=now.date() + dt.timedelta(days=days)).order_by("day", "starts")
    for slot in slots[:2000]:
        slot.label = slot_label(slot)  # type: ignore[attr-defined]  # read by the public page: 11月29日（周日）09:00–10:00
        found[slot.service_id].slots.append(slot)
    return list(found.values())


def upcoming_closures(center: Center, days: int = 30) -> list[dt.date]:
    """Public holidays in the coming days on which the center closes (shown on its page)."""
    if not center.closed_on_holidays:
        return []
    today = clock.today()
    return sorted(holidays_between(today, today + dt.timedelta(days=days)))


# --- Bookings for staff ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class BookingRow:
    booking: Booking
    phone: str
    no_show: bool


def booking_rows(user: Any, center: Center, bookings: QuerySet[Booking]) -> list[BookingRow]:
    """Bookings as staff see them: the phone in full only for those who call residents back (PIPL), else masked."""
    full = access.can(user, SEE_PHONE, center)
    now = now_local()
    rows = []
    for b in bookings.select_related("slot__service")[:500]:
        phone = b.phone if full else (mask_phone(b.phone) if b.phone else "")
        ended = dt.datetime.combine(b.slot.day, b.slot.ends) <= now
        rows.append(BookingRow(b, phone, b.status == BookingStatus.BOOKED and ended))
    return rows


def bookings_on(center: Center, day: dt.date) -> QuerySet[Booking]:
    return (Booking.objects.filter(slot__service__center=center, slot__day=day).exclude(status=BookingStatus.CANCELLED)
            .order_by("slot__starts", "slot__service__name", "name", "id"))


# --- Usage -----------------------------------------------------------------------------------------------


@dataclass
class Usage:
    bookings: int = 0
    check_ins: int = 0
    no_shows: int = 0
    cancelled: int = 0

    def add(self, other: Usage) -> None:
        self.bookings += other.bookings
        self.check_ins += other.check_ins
        self.no_shows += other.no_shows
        self.cancelled += other.cancelled


def _usage_rows(bookings: QuerySet[Booking], group: tuple[str, ...]) -> dict[tuple[Any, ...], Usage]:
    """Counted from the raw booking records: a booking still booked after its slot ended is a no-show."""
    now = now_local()
    ended = Q(slot__day__lt=now.date()) | Q(slot__day=now.date(), slot__ends__lte=now.time())
    rows = bookings.values(*group).annotate(
        held=Count("id", filter=Q(status__in=HOLDING)),
        checked=Count("id", filter=Q(status=BookingStatus.CHECKED_IN)),
        missed=Count("id", filter=Q(status=BookingStatus.BOOKED) & ended),
        dropped=Count("id", filter=Q(status=BookingStatus.CANCELLED)),
    )
    return {tuple(r[g] for g in group): Usage(r["held"], r["checked"], r["missed"], r["dropped"]) for r in rows}


@dataclass
class UsageRow:
    service: Service
    month: dt.date
    usage: Usage


def usage_by_service_month(center: Center, start: dt.date, end: dt.date) -> list[UsageRow]:
    """Bookings, check-ins, no-shows and cancellations per service and month for slots in [start, end)."""
    from django.db.models.functions import TruncMonth

    bookings = Booking.objects.filter(slot__service__center=center, slot__day__gte=start, slot__day__lt=end).annotate(
        month=TruncMonth("slot__day"))
    found = _usage_rows(bookings, ("slot__service_id", "month"))
    services = Service.objects.in_bulk({k[0] for k in found})
    rows = [UsageRow(services[k[0]], k[1] if isinstance(k[1], dt.date) else dt.date.fromisoformat(str(k[1])[:10]), u)
            for k, u in found.items()]
    return sorted(rows, key=lambda r: (r.month, r.service.name), reverse=False)


def usage_by_center(centers: list[Center], start: dt.date, end: dt.date) -> dict[int, Usage]:
    found = _usage_rows(Booking.objects.filter(slot__service__center__in=centers, slot__day__gte=start, slot__day__lt=end),
                        ("slot__service__center_id",))
    return {c.pk: found.get((c.pk,), Usage()) for c in centers}


@dataclass
class CenterRow:
    center: Center
    area: Area
    usage: Usage


def center_rows(centers: list[Center], start: dt.date, end: dt.date) -> list[CenterRow]:
    areas = areas_of(centers)
    usage = usage_by_center(centers, start, end)
    return [CenterRow(c, areas[c.pk], usage[c.pk]) for c in centers]


def totals(rows: list[CenterRow]) -> tuple[Area, Usage]:
    usage = Usage()
    for r in rows:
        usage.add(r.usage)
    area = Area(total=sum((r.area.total for r in rows), Decimal("0")), residents=sum((r.area.residents for r in rows), Decimal("0")))
    return area, usage


# --- The ledger ------------------------------------------------------------------------------------------


def service_uses_compute(start: dt.date, end: dt.date) -> QuerySet[Any]:
    """Service uses (a resident checked in) per community and the slot's day."""
    return (Booking.objects.filter(status=BookingStatus.CHECKED_IN, slot__day__gte=start, slot__day__lt=end)
            .annotate(amount=Value(1.0, output_field=FloatField()), issuer=Value(None, output_field=IntegerField()))
            .values_list("slot__service__center__community_id", "slot__day", "amount", "issuer"))


def service_uses_items(unit: Any, start: dt.date, end: dt.date) -> list[tuple[str, str, dt.date, float]]:
    """The community's service uses in the period, one line per service and day (names never shown)."""
    rows = (Booking.objects.filter(status=BookingStatus.CHECKED_IN, slot__day__gte=start, slot__day__lt=end,
                                   slot__service__center__community=unit)
            .values("slot__service__center_id", "slot__service__name", "slot__day").annotate(n=Count("id"))
            .order_by("slot__day", "slot__service__name")[:500])
    items = []
    for r in rows:
        residents = _("%(count)s residents") % {"count": r["n"]}
        items.append((f"{r['slot__service__name']}（{residents}）", reverse("centers:center", args=[r["slot__service__center_id"]]),
                      r["slot__day"], float(r["n"])))
    return items


def months_of(year: int) -> list[dt.date]:
    return [dt.date(year, m, 1) for m in range(1, 13)]


def usage_table(rows: list[UsageRow]) -> list[tuple[dt.date, list[UsageRow], Usage]]:
    """Usage rows grouped by month, each with its month's total."""
    grouped: dict[dt.date, list[UsageRow]] = defaultdict(list)
    for r in rows:
        grouped[r.month].append(r)
    out = []
    for month in sorted(grouped):
        total = Usage()
        for r in grouped[month]:
            total.add(r.usage)
        out.append((month, grouped[month], total))
    return out
