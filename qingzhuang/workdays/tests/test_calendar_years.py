"""The calendar is data: seeded from chinese_calendar, a new year recorded by an administrator (audited),
a year without data flagged on every deadline in it; others may read but not write; hostile input writes nothing."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from qingzhuang.audit.models import Event
from qingzhuang.workdays import errors, selectors
from qingzhuang.workdays.errors import CalendarError
from qingzhuang.workdays.models import CalendarDay, CalendarYear
from qingzhuang.workdays.services import calendar_year_set

pytestmark = pytest.mark.django_db

HOLIDAYS_2027 = "2027-01-01 元旦\n2027-02-06 春节\n2027-02-07 春节\n2027-02-08 春节\n2027-02-09 春节\n2027-02-10 春节\n2027-02-11 春节\n2027-02-12 春节"


def state():
    return CalendarYear.objects.count(), CalendarDay.objects.count(), Event.objects.filter(model="workdays.calendaryear").count()


def test_the_package_seeds_2004_to_2026_with_national_day_and_its_tiaoxiu_saturday():
    assert set(CalendarYear.objects.values_list("year", flat=True)) >= set(range(2004, 2027))
    assert CalendarDay.objects.get(day=dt.date(2026, 10, 1)).name == "国庆节"
    assert CalendarDay.objects.get(day=dt.date(2026, 10, 10)).kind == "workday"


def test_a_deadline_across_national_day_2026_skips_the_holiday_and_counts_the_tiaoxiu_saturday():
    found = selectors.add_working_days(dt.date(2026, 9, 28), 15)

    assert found.day == dt.date(2026, 10, 23) and found.missing_years == ()


def test_a_deadline_falling_in_2027_is_flagged_until_an_administrator_records_2027(world):
    before = selectors.add_working_days(dt.date(2026, 12, 25), 10)
    assert before.missing_years == (2027,)

    record = calendar_year_set(actor=world.admin, year=2027, notice="国办发明电〔2026〕12号", holidays=HOLIDAYS_2027,
                               workdays="2027-02-14 春节调休\n2027-02-20 春节调休")

    after = selectors.add_working_days(dt.date(2026, 12, 25), 10)
    assert after.missing_years == () and record.source == "admin"
    assert Event.objects.filter(model="workdays.calendaryear", object_id=str(record.pk), action="create").exists()
    # 2-6…2-12 off, Saturday 2-13 off, Sunday 2-14 worked (调休).
    assert selectors.add_working_days(dt.date(2027, 2, 5), 1).day == dt.date(2027, 2, 14)


def test_correcting_a_year_replaces_its_days_and_the_audit_shows_both(world):
    calendar_year_set(actor=world.admin, year=2027, notice="国办发明电〔2026〕12号", holidays=HOLIDAYS_2027, workdays="")

    calendar_year_set(actor=world.admin, year=2027, notice="国办发明电〔2026〕13号", holidays="2027-01-01 元旦", workdays="")

    assert list(CalendarDay.objects.filter(year__year=2027).values_list("day", flat=True)) == [dt.date(2027, 1, 1)]
    event = Event.objects.filter(model="workdays.calendaryear", action="update").get()
    assert event.changes["notice"] == ["国办发明电〔2026〕12号", "国办发明电〔2026〕13号"]
    assert "2027-02-06 holiday" in event.changes["days"][0] and event.changes["days"][1] == ["2027-01-01 holiday"]


@pytest.mark.parametrize("who", ["reviewer", "clerk", "secretary", "outsider"])
def test_only_an_administrator_records_a_year(world, who):
    before = state()

    with pytest.raises(PermissionDenied):
        calendar_year_set(actor=getattr(world, who), year=2027, notice="国办发明电〔2026〕12号", holidays=HOLIDAYS_2027, workdays="")

    assert state() == before


@pytest.mark.parametrize(
    ("year", "notice", "holidays", "workdays", "code"),
    [
        (2027, "\u3000\u00a0\u200b", HOLIDAYS_2027, "", "required"),
        (2027, "通知\x00", HOLIDAYS_2027, "", "unstorable"),
        (2027, "通知\ud800", HOLIDAYS_2027, "", "unstorable"),
        (2027, "通" * 100_000, HOLIDAYS_2027, "", "too_long"),
        (10**23, "通知", HOLIDAYS_2027, "", "out_of_range"),
        (-5, "通知", HOLIDAYS_2027, "", "out_of_range"),
        ("二〇二七", "通知", HOLIDAYS_2027, "", "not_a_number"),
        (2027, "通知", "2027-13-01 元旦", "", "not_a_day"),
        (2027, "通知", "2028-01-01 元旦", "", "outside_year"),
        (2027, "通知", HOLIDAYS_2027, "2027-02-15 周一", "not_weekend"),
        (2027, "通知", "", "", "no_holidays"),
        (2027, "通知", "2027-01-01 元旦\n2027-01-01 元旦", "", "day_twice"),
        (2027, "通知", "2027-01-01\n" * 401, "", "too_many_lines"),
    ],
)
def test_a_bad_schedule_is_refused_with_a_chinese_message_and_nothing_is_written(world, year, notice, holidays, workdays, code):
    before = state()

    with pytest.raises(CalendarError) as caught:
        calendar_year_set(actor=world.admin, year=year, notice=notice, holidays=holidays, workdays=workdays)

    assert caught.value.code == code and caught.value.message
    assert state() == before


def test_the_error_messages_read_in_chinese():
    from django.utils import translation

    with translation.override("zh-hans"):
        assert "调休" in str(errors.WORKDAY_NOT_WEEKEND % {"line": 1, "day": "2027-02-15"})
