"""Working-day arithmetic (qingzhuang.lib.workdays): properties over any calendar, and the 2026 National Day week."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from qingzhuang.lib.workdays import Calendar, add_working_days, calendar_of, next_working_day, working_days_between

DAYS = st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2027, 12, 31))
WEEKENDS = DAYS.filter(lambda d: d.weekday() >= 5)


@st.composite
def calendars(draw):
    holidays = draw(st.frozensets(DAYS, max_size=40))
    worked = draw(st.frozensets(WEEKENDS, max_size=10)) - holidays
    years = draw(st.frozensets(st.integers(2024, 2027)))
    return calendar_of(holidays, worked, years)


@settings(max_examples=200, deadline=None)
@given(cal=calendars(), start=DAYS, n=st.integers(1, 60))
def test_the_nth_working_day_is_a_working_day_after_the_start_with_exactly_n_working_days_in_between(cal, start, n):
    found = add_working_days(cal, start, n)

    assert found.day > start and cal.is_working_day(found.day)
    assert working_days_between(cal, start, found.day)[0] == n


@settings(max_examples=200, deadline=None)
@given(cal=calendars(), start=DAYS, n=st.integers(1, 60))
def test_going_back_n_working_days_from_a_working_day_undoes_going_forward(cal, start, n):
    forward = add_working_days(cal, start, n).day
    back = add_working_days(cal, forward, -n).day

    assert cal.is_working_day(back)
    if cal.is_working_day(start):
        assert back == start
    else:
        assert back < start and working_days_between(cal, back, start)[0] == 0


@settings(max_examples=200, deadline=None)
@given(cal=calendars(), start=DAYS, a=st.integers(0, 40), b=st.integers(0, 40))
def test_adding_working_days_in_two_steps_equals_adding_them_at_once(cal, start, a, b):
    assert add_working_days(cal, add_working_days(cal, start, a).day, b).day == add_working_days(cal, start, a + b).day


@settings(max_examples=200, deadline=None)
@given(cal=calendars(), start=DAYS, n=st.integers(-60, 60))
def test_every_year_without_data_between_the_start_and_the_result_is_named_and_no_other(cal, start, n):
    found = add_working_days(cal, start, n)
    low, high = sorted((start, found.day))

    assert set(found.missing_years) == {y for y in range(low.year, high.year + 1) if y not in cal.years}
    assert found.unconfirmed == bool(found.missing_years)


@settings(max_examples=100, deadline=None)
@given(start=DAYS, n=st.integers(0, 60))
def test_with_no_holidays_at_all_only_weekends_are_skipped(start, n):
    found = add_working_days(Calendar(), start, n).day
    weekdays = sum(1 for i in range(1, (found - start).days + 1) if (start + dt.timedelta(days=i)).weekday() < 5)

    assert weekdays == n


def test_national_day_2026_is_skipped_and_the_tiaoxiu_saturday_counts():
    cal = calendar_of(
        [dt.date(2026, 10, d) for d in range(1, 8)], [dt.date(2026, 10, 10)], [2026],
    )

    found = add_working_days(cal, dt.date(2026, 9, 28), 15)

    # 9-29, 9-30, (10-1…10-7 off), 10-8, 10-9, Saturday 10-10 worked, then 10-12…10-16 and 10-19…10-23.
    assert found.day == dt.date(2026, 10, 23) and not found.unconfirmed


@settings(max_examples=100, deadline=None)
@given(cal=calendars(), day=DAYS)
def test_the_next_working_day_is_the_first_working_day_on_or_after_the_day(cal, day):
    found = next_working_day(cal, day).day

    assert found >= day and cal.is_working_day(found)
    assert all(not cal.is_working_day(day + dt.timedelta(days=i)) for i in range((found - day).days))
