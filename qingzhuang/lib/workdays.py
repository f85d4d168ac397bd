"""Working-day arithmetic under China's holiday calendar, on a calendar given as data.

A day is a working day when it is a Monday–Friday that is not a public holiday, or a Saturday/Sunday
declared a working day (调休上班). The State Council publishes each year's schedule in the winter
before; a year with no data is never guessed: its weekdays are counted as working days only so a
date can be shown, and every result that touched such a year names it in ``missing_years``, which
pages show as a warning ("no calendar data for 2027").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

ONE_DAY = dt.timedelta(days=1)
# A working-day count larger than this is a typo, not a deadline (about 40 years).
MAX_WORKING_DAYS = 10_000


@dataclass(frozen=True)
class Calendar:
    holidays: frozenset[dt.date] = field(default_factory=frozenset)  # days off (法定节假日, incl. the weekend days inside them)
    workdays: frozenset[dt.date] = field(default_factory=frozenset)  # weekend days worked (调休上班)
    years: frozenset[int] = field(default_factory=frozenset)  # the years with data

    def has_year(self, year: int) -> bool:
        return year in self.years

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5


@dataclass(frozen=True)
class Deadline:
    """A date computed in working days, and the years without calendar data it was computed across."""

    day: dt.date
    missing_years: tuple[int, ...] = ()

    @property
    def unconfirmed(self) -> bool:
        return bool(self.missing_years)


def _missing(calendar: Calendar, first: dt.date, last: dt.date) -> tuple[int, ...]:
    low, high = sorted((first, last))
    return tuple(y for y in range(low.year, high.year + 1) if not calendar.has_year(y))


def add_working_days(calendar: Calendar, start: dt.date, n: int) -> Deadline:
    """The n-th working day after ``start`` (before it when n < 0); ``start`` itself when n == 0."""
    if abs(n) > MAX_WORKING_DAYS:
        raise ValueError(f"{n} working days is out of range")
    step = ONE_DAY if n >= 0 else -ONE_DAY
    day = start
    left = abs(n)
    while left:
        day += step
        if calendar.is_working_day(day):
            left -= 1
    return Deadline(day, _missing(calendar, start, day))


def working_days_between(calendar: Calendar, start: dt.date, end: dt.date) -> tuple[int, tuple[int, ...]]:
    """How many working days lie in (start, end] (negative when end is before start), and the years without data."""
    if end < start:
        count, missing = working_days_between(calendar, end, start)
        return -count, missing
    count = 0
    day = start
    while day < end:
        day += ONE_DAY
        count += calendar.is_working_day(day)
    return count, _missing(calendar, start, end)


def next_working_day(calendar: Calendar, day: dt.date) -> Deadline:
    """``day`` if it is a working day, else the first working day after it."""
    found = day
    while not calendar.is_working_day(found):
        found += ONE_DAY
    return Deadline(found, _missing(calendar, day, found))


def calendar_of(holidays: Iterable[dt.date], workdays: Iterable[dt.date], years: Iterable[int]) -> Calendar:
    return Calendar(frozenset(holidays), frozenset(workdays), frozenset(years))
