"""Seed the calendar from the chinese_calendar package (2004–2026 in 1.11.0): its holidays and 调休 working weekends.

Data only, separate from the schema; reversing it deletes the seeded years (not the ones an administrator recorded).
"""

from django.db import migrations

SOURCE = "chinese_calendar"


def seed(apps, schema_editor):
    import chinese_calendar
    from chinese_calendar.constants import Holiday, holidays, workdays

    chinese = {h.value: h.chinese for h in Holiday}

    CalendarYear = apps.get_model("workdays", "CalendarYear")
    CalendarDay = apps.get_model("workdays", "CalendarDay")
    version = getattr(chinese_calendar, "__version__", "")
    years = sorted({d.year for d in holidays} | {d.year for d in workdays})
    taken = set(CalendarYear.objects.filter(year__in=years).values_list("year", flat=True))
    for year in years:
        if year in taken:
            continue
        record = CalendarYear.objects.create(year=year, notice=f"国务院办公厅关于{year}年部分节假日安排的通知", source=f"{SOURCE} {version}".strip())

        def name(holiday):
            return chinese.get(holiday, str(holiday or ""))[:40]

        CalendarDay.objects.bulk_create(
            [CalendarDay(year=record, day=d, kind="holiday", name=name(h)) for d, h in sorted(holidays.items()) if d.year == year]
            + [CalendarDay(year=record, day=d, kind="workday", name=f"{name(h)}调休"[:40]) for d, h in sorted(workdays.items()) if d.year == year]
        )


def unseed(apps, schema_editor):
    apps.get_model("workdays", "CalendarYear").objects.filter(source__startswith=SOURCE).delete()


class Migration(migrations.Migration):
    dependencies = [("workdays", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
