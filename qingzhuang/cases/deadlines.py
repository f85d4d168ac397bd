"""Case deadlines on the shared working-day calendar, and the clock stopped while a case waits for a third party.

A deadline in days or working days falls at the end of its day (local time): the case turns overdue at the first moment
of the next day. Hours are counted on the wall clock.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from qingzhuang.cases.rules import Span, SpanUnit
from qingzhuang.workdays.selectors import add_working_days, working_days_between


def end_of(day: dt.date) -> dt.datetime:
    """The first moment after ``day`` (local midnight): a deadline on ``day`` is past from then on."""
    return timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min))


def due_after(start: dt.datetime, span: Span) -> tuple[dt.datetime, tuple[int, ...]]:
    """When ``span`` counted from ``start`` runs out, and the years without calendar data it crossed."""
    if span.unit == SpanUnit.HOURS:
        return start + dt.timedelta(hours=span.amount), ()
    day = timezone.localtime(start).date()
    if span.unit == SpanUnit.DAYS:
        return end_of(day + dt.timedelta(days=span.amount)), ()
    deadline = add_working_days(day, span.amount)
    return end_of(deadline.day), deadline.missing_years


def extend_for_pause(due: dt.datetime, paused_at: dt.datetime, resumed_at: dt.datetime, span: Span) -> tuple[dt.datetime, tuple[int, ...]]:
    """The deadline pushed back by the time the clock stood still: as many working days as the pause covered for a
    working-day deadline, else the pause's length."""
    if span.unit != SpanUnit.WORKING_DAYS:
        return due + (resumed_at - paused_at), ()
    stopped, missing = working_days_between(timezone.localtime(paused_at).date(), timezone.localtime(resumed_at).date())
    if stopped <= 0:
        return due, missing
    last_day = timezone.localtime(due - dt.timedelta(microseconds=1)).date()
    moved = add_working_days(last_day, stopped)
    return end_of(moved.day), tuple(sorted(set(missing) | set(moved.missing_years)))


def last_day(due: dt.datetime) -> dt.date:
    """The day shown for a deadline that ends at a midnight: the day before it."""
    local = timezone.localtime(due)
    if local.time() == dt.time.min:
        return local.date() - dt.timedelta(days=1)
    return local.date()
