"""Reads of the working-day calendar: the one implementation every app computes deadlines with."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from qingzhuang.lib import workdays
from qingzhuang.lib.workdays import Calendar, Deadline
from qingzhuang.workdays.models import CalendarDay, CalendarYear, DayKind
from qingzhuang.workdays.seed import seed_if_empty


def calendar_for(first_year: int, last_year: int) -> Calendar:
    """The calendar of the years [first_year, last_year] as recorded (years without data simply absent)."""
    seed_if_empty()
    years = list(CalendarYear.objects.filter(year__gte=first_year, year__lte=last_year).values_list("year", flat=True))
    days = CalendarDay.objects.filter(year__year__in=years).values_list("day", "kind")
    holidays = [d for d, k in days if k == DayKind.HOLIDAY]
    worked = [d for d, k in days if k == DayKind.WORKDAY]
    return workdays.calendar_of(holidays, worked, years)


def _span(start: dt.date, n: int) -> tuple[int, int]:
    reach = abs(n) // 200 + 1  # a year has about 250 working days
    return (start.year - reach, start.year) if n < 0 else (start.year, start.year + reach)


def add_working_days(start: dt.date, n: int) -> Deadline:
    """The n-th working day after ``start``, flagged with the years that have no calendar data."""
    return workdays.add_working_days(calendar_for(*_span(start, n)), start, n)


def working_days_between(start: dt.date, end: dt.date) -> tuple[int, tuple[int, ...]]:
    low, high = sorted((start, end))
    return workdays.working_days_between(calendar_for(low.year, high.year), start, end)


def working_days_left(today: dt.date, deadline: dt.date) -> tuple[int, tuple[int, ...]]:
    """Working days from today until the deadline (0 on the day, negative once passed)."""
    return working_days_between(today, deadline)


def deadline_on(day: dt.date) -> Deadline:
    """A date fixed by someone (a due date), flagged when its year has no calendar data."""
    seed_if_empty()
    return Deadline(day, () if CalendarYear.objects.filter(year=day.year).exists() else (day.year,))


@dataclass
class YearRow:
    year: int
    record: CalendarYear | None
    holidays: int
    workdays: int


def year_rows(around: int) -> list[YearRow]:
    """The years from a few before ``around`` to two after it, recorded or not."""
    seed_if_empty()
    records = {y.year: y for y in CalendarYear.objects.filter(year__gte=around - 3, year__lte=around + 2).select_related("updated_by")}
    rows = []
    for year in range(around + 2, around - 4, -1):
        record = records.get(year)
        kinds = list(CalendarDay.objects.filter(year=record).values_list("kind", flat=True)) if record else []
        rows.append(YearRow(year, record, kinds.count(DayKind.HOLIDAY), kinds.count(DayKind.WORKDAY)))
    return rows


def year_days(year: int) -> list[CalendarDay]:
    return list(CalendarDay.objects.filter(year__year=year).order_by("day"))
