"""Secondments on the pages and the API: a term past six months is refused in Chinese with nothing stored, a valid one
is approved; the overdue one is red on the county's list and on the home page's attention list."""

import datetime as dt

import pytest

from qingzhuang.secondments.models import Secondment, SecondmentStatus
from qingzhuang.secondments.testing import approved

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(settings):
    settings.QZ_TODAY = "2026-11-27"


def form(world, **changes):
    return {"send": "1", "borrower": world.civil_affairs.pk, "lender": world.xincheng.pk, "person_name": "李明", "post": "社会救助股",
            "purpose": "协助低保年度复核", "basis": "镇民发〔2026〕12号", "start_on": "2026-12-01", "planned_end": "2027-06-01", **changes}


def test_the_page_refuses_a_term_past_six_months_and_the_county_approves_a_valid_one(world, client_for):
    clerk = client_for(world.clerk)

    too_long = clerk.post("/secondments/new/", form(world, planned_end="2027-06-02"))
    reversed_dates = clerk.post("/secondments/new/", form(world, planned_end="2026-11-01"))
    blank_name = clerk.post("/secondments/new/", form(world, person_name="\u3000\u200b"))
    nonsense_date = clerk.post("/secondments/new/", form(world, start_on="10**23"))

    assert too_long.status_code == 400 and "借调期限不得超过6个月" in too_long.content.decode()
    assert reversed_dates.status_code == 400 and "日期填反了" in reversed_dates.content.decode()
    assert blank_name.status_code == 400 and "不能为空" in blank_name.content.decode()
    assert nonsense_date.status_code == 400 and "2026-12-01" in nonsense_date.content.decode()
    assert not Secondment.objects.exists()
    made = clerk.post("/secondments/new/", form(world))
    assert made.status_code == 302
    asked = Secondment.objects.get()

    decided = client_for(world.reviewer).post(f"/secondments/{asked.pk}/", {"action": "decide", "decision": "approve", "note": "同意"})

    assert decided.status_code == 302 and Secondment.objects.get().status == SecondmentStatus.APPROVED


def test_the_overdue_secondment_is_red_on_the_county_list_and_on_the_home_page(world, client_for):
    approved(world, start_on=dt.date(2026, 3, 1), planned_end=dt.date(2026, 9, 1))
    client = client_for(world.reviewer)

    listed = client.get("/secondments/?overdue=1").content.decode()
    home = client.get("/").content.decode()
    other = client_for(world.outsider).get("/").content.decode()

    assert "逾期未返岗" in listed and "light-red" in listed and "李明" in listed
    assert "借调逾期" in home and "借调逾期" not in other


def test_the_api_asks_with_months_and_refuses_hostile_values_in_the_one_error_shape(world, client_for):
    client = client_for(world.clerk)
    body = {"borrower_id": world.civil_affairs.pk, "lender_id": world.xincheng.pk, "person_name": "李明", "post": "社会救助股",
            "purpose": "协助低保年度复核", "basis": "镇民发〔2026〕12号", "start_on": "2026-12-01", "months": 6}

    bad = [client.post("/api/v1/secondments/", {**body, **change}, content_type="application/json")
           for change in ({"months": 7}, {"months": 10**23}, {"months": -5}, {"person_name": "\u00a0\u3000"}, {"person_name": "李\x00"},
                          {"start_on": "2027-01-01", "months": None, "planned_end": "2026-01-01"}, {"post": "岗" * 100_000},
                          {"lender_id": world.caochangpo.pk})]
    made = client.post("/api/v1/secondments/", body, content_type="application/json")

    assert [r.status_code for r in bad] == [400] * 7 + [404]
    assert all(set(r.json()) == {"error"} and r.json()["error"]["message"] for r in bad[:7])
    assert "不得超过6个月" in bad[0].json()["error"]["message"]
    assert made.status_code == 200 and made.json()["planned_end"] == "2027-06-01" and Secondment.objects.count() == 1

    secondment_id = made.json()["id"]
    # The clerk cannot decide its own request.
    assert client.post(f"/api/v1/secondments/{secondment_id}/decision", {"approve": True}, content_type="application/json").status_code == 403
    decided = client_for(world.reviewer).post(f"/api/v1/secondments/{secondment_id}/decision", {"approve": True}, content_type="application/json")
    assert decided.status_code == 200 and decided.json()["status"] == "approved"


def test_the_api_extends_once_and_records_the_return(world, client_for):
    away = approved(world)
    clerk = client_for(world.clerk)

    extended = clerk.post(f"/api/v1/secondments/{away.pk}/extensions", {"months": 3, "reason": "项目未完成"}, content_type="application/json")
    extension_id = extended.json()["extensions"][0]["id"]
    reviewer = client_for(world.reviewer)
    decided = reviewer.post(f"/api/v1/secondments/extensions/{extension_id}/decision", {"approve": True}, content_type="application/json")
    second = client_for(world.clerk).post(f"/api/v1/secondments/{away.pk}/extensions", {"months": 1, "reason": "再延"},
                                          content_type="application/json")
    back = client_for(world.reviewer).post(f"/api/v1/secondments/{away.pk}/return", {"returned_on": "2026-11-20"}, content_type="application/json")

    assert decided.status_code == 200 and decided.json()["ends_on"] == "2026-12-01"
    assert second.status_code == 400 and "不得再次延期" in second.json()["error"]["message"]
    assert back.status_code == 200 and back.json()["status"] == "returned" and back.json()["returned_on"] == "2026-11-20"
