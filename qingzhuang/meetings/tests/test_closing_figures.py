"""Closing records feed the figures: count, year-on-year change, overruns, meetings without decisions."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from qingzhuang.meetings.models import Decision, Meeting
from qingzhuang.meetings.selectors import county_year_figures, unit_year_figures
from qingzhuang.meetings.tests.factories import held

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Shanghai")


def _raw(unit, year, n, *, planned=60, actual=50, decided=True, follows_upper=""):
    """Closed meetings as raw records (as the demo and an import load history)."""
    made = []
    for i in range(n):
        day = dt.date(year, 1, 2) + dt.timedelta(days=i % 360)
        start = dt.datetime.combine(day, dt.time(9), tzinfo=TZ)
        made.append(
            Meeting(organiser=unit, topic=f"会{year}-{i}", field="民政", starts_at=start, planned_minutes=planned, status="closed",
                    actual_start=start, actual_minutes=actual, held_on=day, follows_upper=follows_upper)
        )
    Meeting.objects.bulk_create(made)
    if decided:
        Decision.objects.bulk_create(Decision(meeting=m, text="落实") for m in made)
    return made


def test_the_county_change_is_computed_from_raw_meetings_150_to_127_is_minus_15_3_percent(world):
    _raw(world.civil_affairs, 2023, 100)
    _raw(world.education, 2023, 50)
    _raw(world.civil_affairs, 2024, 80)
    _raw(world.education, 2024, 47)
    _raw(world.civil_affairs, 2024, 2, follows_upper="全省视频会议")  # 套开: merged, not counted
    _raw(world.beilin_office, 2024, 9)  # another county

    figures = county_year_figures(county=world.zhenan, year=2024)

    assert (figures.previous, figures.count) == (150, 127)
    assert figures.change == -15.3
    assert figures.follow_ons == 2


def test_overruns_are_meetings_longer_than_planned_or_than_sixty_minutes(world):
    _raw(world.civil_affairs, 2024, 3, planned=60, actual=55)
    _raw(world.civil_affairs, 2024, 2, planned=40, actual=50)  # longer than planned
    _raw(world.civil_affairs, 2024, 1, planned=90, actual=80)  # within plan but over the hour
    assert county_year_figures(county=world.zhenan, year=2024).overruns == 3


def test_a_meeting_closed_without_decisions_counts_until_one_is_recorded(world):
    from qingzhuang.meetings import services

    meeting = held(world, days_ago=3, decisions=0)
    assert meeting.held_on is not None
    year = meeting.held_on.year
    assert county_year_figures(county=world.zhenan, year=year).without_decisions == 1
    services.meeting_decision_add(actor=world.clerk, meeting=meeting, text="明确牵头单位", owner_unit=world.yongle, due=dt.date(year, 12, 31))
    assert county_year_figures(county=world.zhenan, year=year).without_decisions == 0


def test_closing_records_actual_length_attendance_and_decisions(world):
    meeting = held(world, days_ago=2, actual_minutes=70, attendance={world.yongle.pk: 2, world.xincheng.pk: 1}, decisions=2)
    assert meeting.actual_minutes == 70 and meeting.held_on is not None
    assert sorted(meeting.attendance.values_list("people", flat=True)) == [1, 2]
    assert meeting.decisions.count() == 2
    assert county_year_figures(county=world.zhenan, year=meeting.held_on.year).overruns == 1


def test_unit_figures_show_only_the_units_a_user_may_see(world):
    _raw(world.civil_affairs, 2024, 4)
    _raw(world.education, 2024, 3)
    reviewer_rows = {r.label: r.count for r in unit_year_figures(user=world.reviewer, year=2024)}
    clerk_rows = {r.label: r.count for r in unit_year_figures(user=world.clerk, year=2024)}
    assert reviewer_rows == {"镇安县民政局": 4, "镇安县教育局": 3}
    assert clerk_rows == {"镇安县民政局": 4}
    assert unit_year_figures(user=world.outsider, year=2024) == []


def test_the_figures_page_shows_the_county_change(world, client):
    _raw(world.civil_affairs, 2023, 150)
    _raw(world.civil_affairs, 2024, 127)
    client.force_login(world.reviewer)
    page = client.get("/meetings/figures/?year=2024").content.decode()
    assert "-15.3%" in page and "127" in page
