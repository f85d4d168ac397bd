"""Deadlines by urgency on the shared calendar: across National Day 2026 and its 调休 Saturday (10-10), in hours, days and
working days, into a year without calendar data, and the clock stopped by a pause (property tests on random dates)."""

import datetime as dt

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qingzhuang.cases import services
from qingzhuang.cases.deadlines import due_after, end_of, extend_for_pause, last_day
from qingzhuang.cases.rules import Span, SpanUnit, parse_span, spans_for
from qingzhuang.cases.selectors import is_overdue
from qingzhuang.cases.tests.conftest import at
from qingzhuang.gate.models import RuleSetting
from qingzhuang.workdays.selectors import calendar_for, working_days_between


def test_a_complex_case_raised_before_national_day_is_due_fifteen_working_days_later_counting_the_worked_saturday(paired, raise_case):
    case = raise_case(urgency="complex", now=at("2026-09-29 09:00"))
    # 9-30, 10-08, 10-09, 10-10 (调休 Saturday), 10-12…10-16, 10-19…10-23, 10-26: the 15th working day.
    assert last_day(case.resolve_due) == dt.date(2026, 10, 26)
    assert case.due_missing_years == ""


def test_a_general_case_must_be_answered_the_first_working_day_after_the_holiday_and_turns_red_the_day_after(paired, raise_case):
    case = raise_case(urgency="general", now=at("2026-09-30 10:00"))
    assert last_day(case.respond_due) == dt.date(2026, 10, 8)
    assert not is_overdue(case, at("2026-10-05 12:00"))
    assert not is_overdue(case, at("2026-10-08 23:59"))
    assert is_overdue(case, at("2026-10-09 00:00"))


def test_an_urgent_case_counts_its_two_hours_on_the_wall_clock_even_on_a_holiday(paired, raise_case):
    case = raise_case(urgency="urgent", now=at("2026-10-01 09:00"))
    assert timezone.localtime(case.respond_due) == at("2026-10-01 11:00")
    assert is_overdue(case, at("2026-10-01 11:00")) and not is_overdue(case, at("2026-10-01 10:59"))


def test_a_general_case_is_resolved_within_seven_calendar_days(paired, raise_case):
    case = raise_case(urgency="general", now=at("2026-09-29 09:00"))
    assert last_day(case.resolve_due) == dt.date(2026, 10, 6)


def test_a_deadline_into_a_year_without_calendar_data_says_so(paired, raise_case):
    case = raise_case(urgency="complex", now=at("2026-12-21 09:00"))
    assert case.due_missing_years == "2027"
    assert last_day(case.resolve_due).year == 2027


def test_the_county_sets_its_own_spans_and_a_bad_value_falls_back_to_the_default(paired, raise_case):
    RuleSetting.objects.create(rule="case.deadlines", county=paired.zhenan, params={"general_resolve": "10个工作日", "general_respond": "forever"})
    case = raise_case(urgency="general", now=at("2026-11-02 09:00"))
    assert last_day(case.resolve_due) == dt.date(2026, 11, 16)  # 10 working days after Monday 11-02
    assert last_day(case.respond_due) == dt.date(2026, 11, 3)  # "forever" is no span: the default 1 working day


@pytest.mark.parametrize("text", ["", "0h", "-5d", "10^23wd", "100000000000000000000000d", "7", "七天", "\x00", "3 weeks", "9999h"])
def test_what_is_not_a_span_is_refused(text):
    assert parse_span(text) is None


def test_a_pause_stops_the_clock_and_moves_the_deadline_by_the_working_days_it_covered(paired, raise_case):
    case = raise_case(urgency="complex", now=at("2026-09-29 09:00"))
    services.case_accept(actor=paired.clerk, case=case, now=at("2026-09-29 10:00"))
    services.case_pause(actor=paired.clerk, case=case, reason="等待供电公司停电检修窗口", now=at("2026-10-20 09:00"))
    case.refresh_from_db()
    assert case.paused_at is not None and not is_overdue(case, at("2026-11-30 09:00"))  # the clock stands still
    services.case_resume(actor=paired.clerk, case=case, now=at("2026-10-23 09:00"))
    case.refresh_from_db()
    # The pause covered 10-21, 10-22, 10-23: three working days more, after 10-26.
    assert last_day(case.resolve_due) == dt.date(2026, 10, 29)


def _cal():
    return calendar_for(2024, 2027)


dates = st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2026, 11, 30))
spans = st.builds(Span, st.integers(min_value=1, max_value=40), st.sampled_from([SpanUnit.WORKING_DAYS]))


@pytest.mark.django_db
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(start=dates, span=spans, hour=st.integers(min_value=0, max_value=23))
def test_a_working_day_deadline_ends_on_a_working_day_exactly_n_working_days_later(start, span, hour):
    moment = timezone.make_aware(dt.datetime.combine(start, dt.time(hour)))
    due, _missing = due_after(moment, span)
    day = last_day(due)
    assert due == end_of(day)
    assert _cal().is_working_day(day)
    assert working_days_between(start, day)[0] == span.amount


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(start=dates, span=spans, pause_at=st.integers(min_value=0, max_value=20), pause_days=st.integers(min_value=0, max_value=20))
def test_a_pause_never_brings_a_deadline_forward_and_adds_exactly_the_working_days_it_covered(start, span, pause_at, pause_days):
    moment = timezone.make_aware(dt.datetime.combine(start, dt.time(9)))
    due, _ = due_after(moment, span)
    paused = moment + dt.timedelta(days=pause_at)
    resumed = paused + dt.timedelta(days=pause_days)
    moved, _ = extend_for_pause(due, paused, resumed, span)
    assert moved >= due
    covered = working_days_between(paused.date(), resumed.date())[0]
    assert working_days_between(last_day(due), last_day(moved))[0] == covered


# Naive bounds for Hypothesis's naive datetimes, made aware in the test.
FIRST = dt.datetime(2024, 1, 1)  # noqa: DTZ001
LAST = dt.datetime(2026, 12, 1)  # noqa: DTZ001


@settings(max_examples=60, deadline=None)
@given(hours=st.integers(min_value=1, max_value=200), start=st.datetimes(min_value=FIRST, max_value=LAST))
def test_an_hour_deadline_is_the_wall_clock_span(hours, start):
    moment = timezone.make_aware(start)
    due, missing = due_after(moment, Span(hours, SpanUnit.HOURS))
    assert due - moment == dt.timedelta(hours=hours) and missing == ()


def test_defaults_follow_practice():
    assert [str(s) for s in spans_for({}, "urgent")] == ["2h", "2wd"]
    assert [str(s) for s in spans_for({}, "general")][1] == "7d"
    assert [str(s) for s in spans_for({}, "complex")][1] == "15wd"


def test_an_overdue_case_is_escalated_once_to_its_lead_and_the_county_office(paired, raise_case, client_for):
    from django.core.management import call_command

    from qingzhuang.gate.models import Notice

    case = raise_case(urgency="general", now=at("2026-09-30 10:00"))
    services.case_accept(actor=paired.clerk, case=case, now=at("2026-09-30 11:00"))
    assert services.cases_escalate(now=at("2026-10-06 12:00")) == 0  # resolve within 7 days: through 10-07
    assert services.cases_escalate(now=at("2026-10-08 09:00")) == 1
    assert services.cases_escalate(now=at("2026-10-09 09:00")) == 0  # once
    assert set(Notice.objects.filter(url=f"/cases/{case.pk}/").values_list("unit__name", flat=True)) == {"镇安县民政局", "镇安县委办公室"}
    assert case.events.filter(kind="escalated").count() == 1
    call_command("cases_escalate")


def test_the_department_leader_sees_the_overdue_case_on_the_home_page(paired, raise_case, settings):
    from qingzhuang.web.navigation import attention_for

    case = raise_case(urgency="general", now=at("2026-09-30 10:00"))
    services.case_accept(actor=paired.clerk, case=case, now=at("2026-09-30 11:00"))
    settings.QZ_NOW = "2026-10-07T12:00:00+08:00"
    assert not [i for i in attention_for(paired.leader) if "超期" in i.title]
    settings.QZ_NOW = "2026-10-08T09:00:00+08:00"
    items = [i for i in attention_for(paired.leader) if "超期" in i.title]
    assert len(items) == 1 and items[0].count == 1 and items[0].level == "danger"
    assert not [i for i in attention_for(paired.clerk) if "超期" in i.title]  # the leader's, not every clerk's
