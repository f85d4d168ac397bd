"""Reads of the cases: what a user may see, deadlines and overdue, the timeline, the rates per department.

The pages, the API, the board and the demo's figures all read these, so a figure shown is the figure tested.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from qingzhuang.cases.deadlines import last_day
from qingzhuang.cases.models import LED, OPEN, SATISFIED_RATINGS, WORKING, Callback, Case, CaseMeeting, Event, Status
from qingzhuang.cases.services import CALLBACK, HANDLE, OVERSEE, RAISE, VIEW
from qingzhuang.org import access
from qingzhuang.org.models import Region, Unit, UnitKind

__all__ = ["CALLBACK", "HANDLE", "OVERSEE", "RAISE", "VIEW"]


def cases_visible(user: Any) -> QuerySet[Case]:
    """A department sees the cases raised to it, led or co-handled by it; a community its own; the county office its county."""
    return access.scoped_queryset(user, VIEW, Case.objects.select_related("community", "community__parent", "lead"))


def overdue_q(now: dt.datetime) -> Q:
    """Cases past their deadline at ``now``: waiting for a response past the response deadline, or worked on past the
    resolution deadline — not while the clock is paused."""
    return Q(paused_at__isnull=True) & (Q(status=Status.RAISED, respond_due__lte=now) | Q(status__in=WORKING, resolve_due__lte=now))


def due_of(case: Case) -> dt.datetime | None:
    if case.status == Status.RAISED:
        return case.respond_due
    if case.status in WORKING:
        return case.resolve_due
    return None


def is_overdue(case: Case, now: dt.datetime) -> bool:
    due = due_of(case)
    return due is not None and case.paused_at is None and now >= due


@dataclass
class CaseRow:
    case: Case
    due: dt.datetime | None
    due_day: dt.date | None
    overdue: bool
    paused: bool
    missing_years: str
    age_days: int

    @property
    def due_label(self) -> str:
        """The last day for a deadline in days ("2026-10-08", through that day), the hour for one in hours."""
        if self.due is None or self.due_day is None:
            return ""
        local = timezone.localtime(self.due)
        return self.due_day.isoformat() if local.time() == dt.time.min else local.strftime("%Y-%m-%d %H:%M")


def row(case: Case, now: dt.datetime) -> CaseRow:
    due = due_of(case)
    return CaseRow(case=case, due=due, due_day=last_day(due) if due else None, overdue=is_overdue(case, now), paused=case.paused_at is not None,
                   missing_years=case.due_missing_years.replace(",", "、"), age_days=(now - case.raised_at).days)


def rows(cases: QuerySet[Case], now: dt.datetime, limit: int = 500) -> list[CaseRow]:
    return [row(c, now) for c in cases[:limit]]


def led_by_units(units: QuerySet[Any] | None) -> Q:
    return Q() if units is None else Q(lead_id__in=units)


def units_acting(user: Any) -> list[Unit]:
    """The units the user handles cases for (departments, street offices)."""
    reach = access.unit_ids_for(user, HANDLE)
    found = Unit.objects.filter(kind__in=(UnitKind.DEPARTMENT, UnitKind.TOWN_OFFICE), is_active=True)
    if reach is None:
        return []
    return list(found.filter(id__in=reach).order_by("name")[:50])


def communities_raising(user: Any) -> list[Unit]:
    reach = access.unit_ids_for(user, RAISE)
    if reach is None:
        return []
    return list(Unit.objects.filter(id__in=reach, kind__in=(UnitKind.COMMUNITY, UnitKind.VILLAGE), is_active=True).order_by("path")[:50])


# Where a case's source reference leads: the source app's page, which checks itself who may open it. URL names only, so
# the cases app imports none of the apps that raise cases.
SOURCE_PAGES = {"visits.Finding": "visits:finding", "feedback.Report": "feedback:report", "riders.HazardReport": "riders:report_detail"}


def source_url(case: Case) -> str:
    """The page of what the case came from (a liaison visit's finding, a burden report, a hazard report), or ""."""
    model, _sep, pk = case.source_ref.partition(":")
    name = SOURCE_PAGES.get(model)
    if name is None or not (pk.isascii() and pk.isdigit()) or len(pk) > 12:
        return ""
    try:
        return reverse(name, args=[int(pk)])
    except NoReverseMatch:
        return ""


def timeline(case: Case) -> list[Event]:
    return list(case.events.select_related("actor", "actor_unit").order_by("at", "id"))


def meetings(case: Case) -> list[CaseMeeting]:
    return list(case.meetings.prefetch_related("decisions").order_by("held_on", "id"))


def overdue_led_by(user: Any, now: dt.datetime) -> QuerySet[Case]:
    """Overdue cases led by (or, before acceptance, raised to) the units whose leader this user is: the escalation list."""
    reach = access.unit_ids_for(user, "cases.escalations")
    found = Case.objects.filter(overdue_q(now))
    if reach is None:
        return found
    return found.filter(Q(lead_id__in=reach) | Q(status=Status.RAISED, recipients__department_id__in=reach)).distinct()


# --- Rates per department (the 12345 hotlines' trio, plus time to resolve and overdue) ------------------------------

@dataclass
class DepartmentRates:
    department: Unit
    led: int = 0  # cases it led (accepted first), raised in the period, not merged
    responded_in_time: int = 0  # of those, accepted by the response deadline
    resolved: int = 0  # of those, resolved or closed now
    callbacks: int = 0  # callbacks on cases it led (every rating, incl. those that reopened a case)
    satisfied: int = 0  # of those, satisfied or basically satisfied
    resolve_hours: list[float] = field(default_factory=list)
    overdue_now: int = 0  # open cases it leads, past their deadline now (paused ones not counted)

    @staticmethod
    def _rate(part: int, whole: int) -> float | None:
        return part / whole if whole else None

    @property
    def response_rate(self) -> float | None:
        return self._rate(self.responded_in_time, self.led)

    @property
    def resolution_rate(self) -> float | None:
        return self._rate(self.resolved, self.led)

    @property
    def satisfaction_rate(self) -> float | None:
        return self._rate(self.satisfied, self.callbacks)

    @property
    def average_days_to_resolve(self) -> float | None:
        return sum(self.resolve_hours) / len(self.resolve_hours) / 24 if self.resolve_hours else None


def department_rates(county: Region, start: dt.date, end: dt.date, now: dt.datetime) -> list[DepartmentRates]:
    """Per lead department, over the cases raised in [start, end) in the county: response, resolution and satisfaction rates,
    the average days from raising to resolution, and the cases overdue now."""
    start_at = timezone.make_aware(dt.datetime.combine(start, dt.time.min))
    end_at = timezone.make_aware(dt.datetime.combine(end, dt.time.min))
    led = Case.objects.filter(county=county, lead__isnull=False, raised_at__gte=start_at, raised_at__lt=end_at).exclude(status=Status.MERGED)
    by_unit: dict[int, DepartmentRates] = {}
    units = Unit.objects.in_bulk(set(led.values_list("lead_id", flat=True)))

    def entry(unit_id: int) -> DepartmentRates:
        if unit_id not in by_unit:
            by_unit[unit_id] = DepartmentRates(department=units[unit_id])
        return by_unit[unit_id]

    for lead_id, status, raised_at, accepted_at, respond_due, resolved_at in led.values_list(
        "lead_id", "status", "raised_at", "accepted_at", "respond_due", "resolved_at"
    ):
        rates = entry(lead_id)
        rates.led += 1
        if accepted_at and respond_due and accepted_at <= respond_due:
            rates.responded_in_time += 1
        if status in (Status.RESOLVED, Status.CLOSED):
            rates.resolved += 1
            if resolved_at:
                rates.resolve_hours.append((resolved_at - raised_at).total_seconds() / 3600)
    for lead_id, rating in Callback.objects.filter(case__in=led).values_list("case__lead_id", "rating"):
        rates = entry(lead_id)
        rates.callbacks += 1
        rates.satisfied += rating in SATISFIED_RATINGS
    for lead_id, count in led.filter(overdue_q(now)).values_list("lead_id").annotate(n=Count("id")).values_list("lead_id", "n"):
        entry(lead_id).overdue_now = count
    return sorted(by_unit.values(), key=lambda r: (-r.led, r.department.name))


AGE_BUCKETS = ((0, 7), (8, 30), (31, None))


@dataclass
class CountyFigures:
    by_status: list[tuple[str, Any, int]]
    open_by_age: list[tuple[str, int]]
    overdue: int
    resolved_total: int
    raised_in_period: int
    resolved_in_period: int
    rates: list[DepartmentRates]


def county_figures(county: Region, start: dt.date, end: dt.date, now: dt.datetime) -> CountyFigures:
    """The county board's case section: every case by state now, open ones by age, overdue now; raised and resolved in
    the period; the rates per department for cases raised in the period."""
    cases = Case.objects.filter(county=county)
    counts = dict(cases.values_list("status").annotate(n=Count("id")).values_list("status", "n"))
    by_status = [(value, label, counts.get(value, 0)) for value, label in Status.choices]
    ages = []
    for low, high in AGE_BUCKETS:
        newest = now - dt.timedelta(days=low)
        chosen = cases.filter(status__in=OPEN, raised_at__lte=newest)
        if high is not None:
            chosen = chosen.filter(raised_at__gt=now - dt.timedelta(days=high + 1))
        ages.append((f"{low}–{high}" if high is not None else f"{low}+", chosen.count()))
    start_at = timezone.make_aware(dt.datetime.combine(start, dt.time.min))
    end_at = timezone.make_aware(dt.datetime.combine(end, dt.time.min))
    return CountyFigures(
        by_status=by_status, open_by_age=ages, overdue=cases.filter(overdue_q(now)).count(),
        resolved_total=solved_count(county),
        raised_in_period=cases.filter(raised_at__gte=start_at, raised_at__lt=end_at).count(),
        resolved_in_period=cases.filter(status__in=(Status.RESOLVED, Status.CLOSED), resolved_on__gte=start, resolved_on__lt=end).count(),
        rates=department_rates(county, start, end, now),
    )


def solved_count(county: Region) -> int:
    """Cases solved jointly in the county: resolved or closed now (a reopened case no longer counts)."""
    return Case.objects.filter(county=county, status__in=(Status.RESOLVED, Status.CLOSED)).count()


# --- Ledger measures ------------------------------------------------------------------------------------------------

def solved_compute(start: dt.date, end: dt.date) -> Any:
    from django.db.models import FloatField, Value

    return (Case.objects.filter(status__in=(Status.RESOLVED, Status.CLOSED), resolved_on__gte=start, resolved_on__lt=end)
            .annotate(amount=Value(1.0, output_field=FloatField())).values_list("community_id", "resolved_on", "amount", "lead_id"))


def solved_items(unit: Any, start: dt.date, end: dt.date) -> list[tuple[str, str, dt.date, float]]:
    found = Case.objects.filter(community=unit, status__in=(Status.RESOLVED, Status.CLOSED), resolved_on__gte=start, resolved_on__lt=end)
    return [(f"{c.title}（{c.lead.name if c.lead else '—'}）", reverse("cases:case", args=[c.pk]), c.resolved_on, 1.0)
            for c in found.select_related("lead").order_by("resolved_on", "id")[:500] if c.resolved_on]


def meetings_compute(start: dt.date, end: dt.date) -> Any:
    from django.db.models import F, FloatField, Value

    return (CaseMeeting.objects.filter(held_on__gte=start, held_on__lt=end).annotate(amount=Value(1.0, output_field=FloatField()), lead=F("case__lead_id"))
            .values_list("case__community_id", "held_on", "amount", "lead"))


def meetings_items(unit: Any, start: dt.date, end: dt.date) -> list[tuple[str, str, dt.date, float]]:
    found = CaseMeeting.objects.filter(case__community=unit, held_on__gte=start, held_on__lt=end).select_related("case")
    return [(f"{m.get_kind_display()}：{m.case.title}", reverse("cases:case", args=[m.case_id]), m.held_on, 1.0) for m in found.order_by("held_on", "id")[:500]]


def led_statuses() -> tuple[str, ...]:
    return tuple(LED)
