"""The calendar's pages and API: everyone reads, an administrator records a year; a deadline in a year without data
comes with the warning."""

import pytest

from qingzhuang.workdays.models import CalendarYear

pytestmark = pytest.mark.django_db


def test_the_years_page_shows_2027_without_data_and_the_administrator_records_it(world, client_for, settings):
    settings.QZ_TODAY = "2026-11-27"
    client = client_for(world.admin)

    html = client.get("/workdays/").content.decode()
    assert "2027" in html and "无数据" in html

    response = client.post("/workdays/2027/", {"notice": "国办发明电〔2026〕12号", "holidays": "2027-01-01 元旦", "workdays": ""})

    assert response.status_code == 302 and CalendarYear.objects.get(year=2027).notice == "国办发明电〔2026〕12号"


def test_a_community_secretary_reads_the_calendar_but_cannot_record_a_year(world, client_for):
    client = client_for(world.secretary)

    assert client.get("/workdays/2026/").status_code == 200
    response = client.post("/workdays/2027/", {"notice": "通知", "holidays": "2027-01-01 元旦", "workdays": ""})

    assert response.status_code == 403 and not CalendarYear.objects.filter(year=2027).exists()


def test_a_bad_line_is_shown_in_chinese_on_the_page_and_nothing_is_written(world, client_for):
    response = client_for(world.admin).post("/workdays/2027/", {"notice": "通知", "holidays": "明年元旦", "workdays": ""})

    assert response.status_code == 400 and "不是日期" in response.content.decode()
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_the_api_gives_a_deadline_and_warns_when_it_falls_in_a_year_without_data(world, client_for):
    client = client_for(world.secretary)

    inside = client.get("/api/v1/workdays/deadline", {"start": "2026-09-28", "working_days": 15}).json()
    outside = client.get("/api/v1/workdays/deadline", {"start": "2026-12-25", "working_days": 10}).json()

    assert inside["deadline"] == "2026-10-23" and inside["missing_years"] == [] and inside["warning"] == ""
    assert outside["missing_years"] == [2027] and "2027" in outside["warning"]


@pytest.mark.parametrize("n", [10**23, -5000, "abc"])
def test_the_api_refuses_an_out_of_range_count_in_the_one_error_shape(world, client_for, n):
    response = client_for(world.secretary).get("/api/v1/workdays/deadline", {"start": "2026-09-28", "working_days": n})

    assert response.status_code in (400, 422)
    assert set(response.json()) == {"error"} and response.json()["error"]["message"]


def test_the_api_refuses_a_year_from_a_non_administrator_and_writes_nothing(world, client_for):
    response = client_for(world.reviewer).put("/api/v1/workdays/years/2027", {"notice": "通知", "holidays": ["2027-01-01 元旦"], "workdays": []},
                                              content_type="application/json")

    assert response.status_code == 403 and not CalendarYear.objects.filter(year=2027).exists()
