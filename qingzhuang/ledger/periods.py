"""Periods of the ledger: a month, a quarter or a year, written "2026-10", "2026-Q3" or "2026"."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from qingzhuang.lib.errors import DomainError

MONTH, QUARTER, YEAR = "month", "quarter", "year"
_PATTERN = re.compile(r"^(?P<year>\d{4})(?:-(?:(?P<month>\d{1,2})|[Qq](?P<quarter>[1-4])))?$")


@dataclass(frozen=True)
class Period:
    kind: str
    year: int
    number: int = 0  # the month (1–12) or quarter (1–4); 0 for a year

    @property
    def start(self) -> dt.date:
        if self.kind == MONTH:
            return dt.date(self.year, self.number, 1)
        if self.kind == QUARTER:
            return dt.date(self.year, 3 * self.number - 2, 1)
        return dt.date(self.year, 1, 1)

    @property
    def end(self) -> dt.date:
        """The first day after the period."""
        months = {MONTH: 1, QUARTER: 3, YEAR: 12}[self.kind]
        first = self.start
        index = first.year * 12 + first.month - 1 + months
        return dt.date(index // 12, index % 12 + 1, 1)

    @property
    def month_count(self) -> int:
        return {MONTH: 1, QUARTER: 3, YEAR: 12}[self.kind]

    @property
    def key(self) -> str:
        if self.kind == MONTH:
            return f"{self.year}-{self.number:02d}"
        if self.kind == QUARTER:
            return f"{self.year}-Q{self.number}"
        return str(self.year)

    @property
    def label(self) -> str:
        if self.kind == MONTH:
            return _("%(month)s/%(year)s") % {"year": self.year, "month": self.number}
        if self.kind == QUARTER:
            return _("Q%(quarter)s %(year)s") % {"year": self.year, "quarter": self.number}
        return _("Year %(year)s") % {"year": self.year}

    def previous_year(self) -> Period:
        """The same period one year earlier: what year-on-year change compares against."""
        return Period(self.kind, self.year - 1, self.number)

    def months(self) -> list[dt.date]:
        return [dt.date(self.start.year, self.start.month + i, 1) for i in range(self.month_count)]

    def __str__(self) -> str:
        return self.key


def period_parse(text: str | None, *, today: dt.date) -> Period:
    """Read "2026", "2026-Q3" or "2026-10"; anything else (or nothing) means the current year."""
    match = _PATTERN.match((text or "").strip())
    if not match:
        return Period(YEAR, today.year)
    year = int(match["year"])
    if not 2000 <= year <= 2100:
        return Period(YEAR, today.year)
    if match["month"]:
        month = int(match["month"])
        return Period(MONTH, year, month) if 1 <= month <= 12 else Period(YEAR, year)
    if match["quarter"]:
        return Period(QUARTER, year, int(match["quarter"]))
    return Period(YEAR, year)


class PeriodError(DomainError):
    status = 422


def period_parse_strict(text: str | None, *, today: dt.date) -> Period:
    """As period_parse, but a text that is not a period is an error (for the API), not the current year."""
    if not (text or "").strip():
        return Period(YEAR, today.year)
    period = period_parse(text, today=today)
    if period.key != _canonical(text or ""):
        raise PeriodError("invalid_period", _("Write the period as 2024, 2024-Q3 or 2024-10 (years 2000 to 2100)."), field="p")
    return period


def _canonical(text: str) -> str:
    match = _PATTERN.match(text.strip())
    if not match:
        return ""
    if match["month"]:
        return f"{match['year']}-{int(match['month']):02d}"
    if match["quarter"]:
        return f"{match['year']}-Q{match['quarter']}"
    return match["year"]


def period_choices(*, today: dt.date, years: int = 6) -> list[Period]:
    """Periods offered in the filter: recent years, their quarters and months, newest first."""
    found: list[Period] = []
    for year in range(today.year, today.year - years, -1):
        found.append(Period(YEAR, year))
    return found


# --- Like with like -----------------------------------------------------------------------------------


def year_earlier(day: dt.date) -> dt.date:
    """The same day a year earlier (29 February → 1 March: the day after 28 February, as an exclusive end)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return dt.date(day.year - 1, 3, 1)


@dataclass(frozen=True)
class Window:
    """Days [start, end) that a figure covers."""

    start: dt.date
    end: dt.date

    @property
    def full_months_end(self) -> dt.date:
        """The first day of the month ``end`` falls in: the months before it are whole."""
        return self.end.replace(day=1)

    @property
    def days(self) -> int:
        return max(0, (self.end - self.start).days)


@dataclass(frozen=True)
class Comparison:
    """What a board compares: ``period`` against the same period a year before — and while the period is
    not over, only its days up to today against the same days of last year (not a whole last year
    against part of this one)."""

    period: Period
    previous: Period
    this: Window
    last: Window

    @property
    def partial(self) -> bool:
        return self.this.end < self.period.end

    @property
    def last_day(self) -> dt.date:
        """The last day counted this year (today while the period runs)."""
        return self.this.end - dt.timedelta(days=1)

    @property
    def until(self) -> str:
        """"(截至11月27日)" while the period is not over, else ""."""
        if not self.partial:
            return ""
        day = self.last_day
        return _("(to %(month)s/%(day)s)") % {"month": day.month, "day": day.day}

    @property
    def this_label(self) -> str:
        return f"{self.period.label}{self.until}"

    @property
    def last_label(self) -> str:
        return f"{self.previous.label}{self.until}"

    @property
    def covered(self) -> float:
        """The share of the period's days counted (1.0 once it is over): to scale per-month figures."""
        whole = (self.period.end - self.period.start).days
        return self.this.days / whole if whole else 1.0


def comparison_for(period: Period, *, today: dt.date) -> Comparison:
    previous = period.previous_year()
    tomorrow = today + dt.timedelta(days=1)
    if tomorrow >= period.end:
        return Comparison(period, previous, Window(period.start, period.end), Window(previous.start, previous.end))
    end = max(period.start, tomorrow)
    return Comparison(period, previous, Window(period.start, end), Window(previous.start, year_earlier(end)))
