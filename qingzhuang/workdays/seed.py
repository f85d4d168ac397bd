"""The package's schedule (chinese_calendar, 2004–2026 in 1.11.0) as calendar data.

The data migration seeds it; ``seed_if_empty`` seeds it again when the table is empty (a database flushed after
its migrations, as transactional tests do), so a deadline is never computed on an empty calendar by accident.
"""

from __future__ import annotations

from django.db import transaction

from qingzhuang.workdays.models import CalendarDay, CalendarYear, DayKind

SOURCE = "chinese_calendar"


def seed_from_package() -> int:
    import chinese_calendar
    from chinese_calendar.constants import Holiday, holidays, workdays

    chinese = {h.value: h.chinese for h in Holiday}
    version = getattr(chinese_calendar, "__version__", "")
    years = sorted({d.year for d in holidays} | {d.year for d in workdays})
    taken = set(CalendarYear.objects.filter(year__in=years).values_list("year", flat=True))
    made = 0
    with transaction.atomic():
        for year in years:
            if year in taken:
                continue
            record = CalendarYear.objects.create(year=year, notice=f"国务院办公厅关于{year}年部分节假日安排的通知", source=f"{SOURCE} {version}".strip())
            CalendarDay.objects.bulk_create(
                [CalendarDay(year=record, day=d, kind=DayKind.HOLIDAY, name=chinese.get(h, str(h))[:40]) for d, h in sorted(holidays.items()) if d.year == year]
                + [CalendarDay(year=record, day=d, kind=DayKind.WORKDAY, name=f"{chinese.get(h, str(h))}调休"[:40])
                   for d, h in sorted(workdays.items()) if d.year == year]
            )
            made += 1
    return made


def seed_if_empty() -> None:
    if not CalendarYear.objects.exists():
        seed_from_package()
