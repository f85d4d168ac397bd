"""Writes of the working-day calendar: an administrator records a year's schedule from the State Council notice."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from qingzhuang.audit.services import UPDATE, audit_created, audit_record, diff, snapshot
from qingzhuang.lib.validate import clean_values, int_value
from qingzhuang.org import access
from qingzhuang.workdays import errors
from qingzhuang.workdays.errors import CalendarError
from qingzhuang.workdays.models import CalendarDay, CalendarYear, DayKind

EDIT = "workdays.edit"
MIN_YEAR, MAX_YEAR = 2000, 2100
MAX_LINES = 400


def parse_days(text: str, *, year: int, weekend_only: bool) -> list[tuple[dt.date, str]]:
    """Lines "2027-01-01 元旦" (the name optional) as (day, name); errors name the line."""
    lines = [line.strip().replace("\u3000", " ") for line in str(text or "").splitlines()]
    lines = [line for line in lines if line]
    if len(lines) > MAX_LINES:
        raise CalendarError("too_many_lines", errors.TOO_MANY_LINES % {"max": MAX_LINES}, "days")
    found: list[tuple[dt.date, str]] = []
    for number, line in enumerate(lines, start=1):
        head, _, name = line.partition(" ")
        try:
            day = dt.date.fromisoformat(head.strip())
        except ValueError:
            shown = line if len(line) <= 20 else line[:19] + "…"
            raise CalendarError("not_a_day", errors.LINE_NOT_A_DAY % {"line": number, "value": shown}, "days") from None
        if day.year != year:
            raise CalendarError("outside_year", errors.DAY_OUTSIDE_YEAR % {"line": number, "day": day, "year": year}, "days")
        if weekend_only and day.weekday() < 5:
            raise CalendarError("not_weekend", errors.WORKDAY_NOT_WEEKEND % {"line": number, "day": day}, "days")
        found.append((day, name.strip()[:40]))
    return found


def calendar_year_set(*, actor: Any, year: Any, notice: str, holidays: str, workdays: str) -> CalendarYear:
    """Record (or correct) a year's holidays and 调休 working weekends, with the notice they come from."""
    if actor is not None:
        access.require(actor, EDIT)
    year = int_value(year, field="year", label=CalendarYear._meta.get_field("year").verbose_name, minimum=MIN_YEAR, maximum=MAX_YEAR, error=CalendarError)
    values = clean_values(CalendarYear, {"notice": notice}, error=CalendarError)
    off = parse_days(holidays, year=year, weekend_only=False)
    worked = parse_days(workdays, year=year, weekend_only=True)
    if not off:
        raise CalendarError("no_holidays", errors.NO_HOLIDAYS, "holidays")
    days = [d for d, _ in off + worked]
    twice = sorted({d for d in days if days.count(d) > 1})
    if twice:
        raise CalendarError("day_twice", errors.DAY_TWICE % {"day": twice[0]}, "holidays")
    user = actor if getattr(actor, "is_authenticated", False) else None
    with transaction.atomic():
        record = CalendarYear.objects.select_for_update().filter(year=year).first()
        before = snapshot(record) if record else None
        old_days = sorted(f"{d.day} {d.kind}" for d in record.days.all()) if record else []
        if record is None:
            record = CalendarYear.objects.create(year=year, notice=values["notice"], source="admin", updated_by=user)
        else:
            record.notice, record.source, record.updated_by = values["notice"], "admin", user
            record.save()
            record.days.all().delete()
        CalendarDay.objects.bulk_create(
            [CalendarDay(year=record, day=d, kind=DayKind.HOLIDAY, name=n) for d, n in off]
            + [CalendarDay(year=record, day=d, kind=DayKind.WORKDAY, name=n) for d, n in worked]
        )
        new_days = sorted(f"{d} {DayKind.HOLIDAY}" for d, _ in off) + sorted(f"{d} {DayKind.WORKDAY}" for d, _ in worked)
        if before is None:
            audit_created(actor=actor, obj=record, reason=f"{len(off)} holidays, {len(worked)} working weekend days")
        else:
            changes = diff({**before, "days": old_days}, {**snapshot(record), "days": sorted(new_days)})
            audit_record(actor=actor, action=UPDATE, obj=record, changes=changes)
    return record
