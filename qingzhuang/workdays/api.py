"""The working-day calendar over the API: a deadline in working days, a year's schedule, recording one."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from qingzhuang.org import access
from qingzhuang.workdays import selectors, services
from qingzhuang.workdays.errors import CalendarError
from qingzhuang.workdays.models import DayKind

router = Router()
VIEW = "workdays.view"


class DeadlineOut(Schema):
    start: str
    working_days: int
    deadline: str
    missing_years: list[int]
    warning: str


class YearIn(Schema):
    notice: str
    holidays: list[str]  # "2027-01-01 元旦"
    workdays: list[str]  # "2027-02-07 春节调休"


class YearOut(Schema):
    year: int
    recorded: bool
    notice: str
    holidays: list[str]
    workdays: list[str]


def warning_text(missing: tuple[int, ...] | list[int]) -> str:
    from django.utils.translation import gettext as _

    if not missing:
        return ""
    return _("No holiday calendar data for %(years)s: the date counts weekends only and is not confirmed.") % {
        "years": "、".join(str(y) for y in missing)
    }


@router.get("/deadline", response=DeadlineOut, summary="The n-th working day after a date (flagged when a year has no calendar data)")
def deadline(request: HttpRequest, start: dt.date, working_days: int) -> Any:
    access.require(request.user, VIEW)
    if not -1000 <= working_days <= 1000:
        from django.utils.translation import gettext as _

        raise CalendarError("out_of_range", _("Working days must be between -1,000 and 1,000."), "working_days")
    found = selectors.add_working_days(start, working_days)
    return DeadlineOut(start=start.isoformat(), working_days=working_days, deadline=found.day.isoformat(),
                       missing_years=list(found.missing_years), warning=warning_text(found.missing_years))


def _year_out(year: int) -> YearOut:
    from qingzhuang.workdays.models import CalendarYear

    record = CalendarYear.objects.filter(year=year).first()
    days = selectors.year_days(year)
    return YearOut(year=year, recorded=record is not None, notice=record.notice if record else "",
                   holidays=[f"{d.day} {d.name}".strip() for d in days if d.kind == DayKind.HOLIDAY],
                   workdays=[f"{d.day} {d.name}".strip() for d in days if d.kind == DayKind.WORKDAY])


@router.get("/years/{year}", response=YearOut, summary="A year's holidays and 调休 working weekends")
def year_get(request: HttpRequest, year: int) -> Any:
    access.require(request.user, VIEW)
    return _year_out(year)


@router.put("/years/{year}", response=YearOut, summary="Record a year's schedule from the State Council notice (administrators)")
def year_set(request: HttpRequest, year: int, payload: YearIn) -> Any:
    access.require(request.user, services.EDIT)
    record = services.calendar_year_set(actor=request.user, year=year, notice=payload.notice,
                                        holidays="\n".join(payload.holidays), workdays="\n".join(payload.workdays))
    return _year_out(record.year)
