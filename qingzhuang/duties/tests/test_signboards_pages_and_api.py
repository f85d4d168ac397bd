"""Signboards on the pages and the API: the community records and removes an excess plaque, the county office sees
the excess; hostile values are refused in Chinese and nothing is written."""

import datetime as dt

import pytest

from qingzhuang.duties import services
from qingzhuang.duties.models import Signboard, SignboardStatus

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(settings):
    settings.QZ_TODAY = "2026-11-27"


def test_the_excess_plaque_is_flagged_and_taken_down_on_the_page(world, client_for):
    extra = services.signboard_record(actor=None, unit=world.xincheng, name="新城社区老年人协会", placement="outside",
                                      since=dt.date(2024, 5, 10), issuer=world.civil_affairs)
    county = client_for(world.reviewer).get("/duties/signboards/?excess=1").content.decode()
    assert "新城社区老年人协会" in county and "待摘除的多余牌子" in county

    client = client_for(world.secretary)
    missing_photo = client.post("/duties/signboards/", {"action": "remove", "unit": world.xincheng.pk, "board": extra.pk,
                                                        "removed_on": "2026-11-20", "photo": ""})
    done = client.post("/duties/signboards/", {"action": "remove", "unit": world.xincheng.pk, "board": extra.pk,
                                               "removed_on": "2026-11-20", "photo": "档案 003"})

    assert missing_photo.status_code == 400 and "照片" in missing_photo.content.decode()
    assert done.status_code == 302 and Signboard.objects.get(pk=extra.pk).status == SignboardStatus.REMOVED
    page = client.get(f"/duties/signboards/?unit={world.xincheng.pk}").content.decode()
    assert "今年摘下的多余牌子：1 块" in page and "档案 003" in page


def test_the_api_records_a_plaque_and_refuses_hostile_values_in_the_one_error_shape(world, client_for):
    client = client_for(world.reviewer)
    body = {"unit_id": world.xincheng.pk, "name": "新城社区居民委员会", "placement": "outside", "since": "2024-01-01"}

    made = client.post("/api/v1/duties/signboards", body, content_type="application/json")
    bad = [client.post("/api/v1/duties/signboards", {**body, **change}, content_type="application/json")
           for change in ({"name": "\u3000"}, {"name": "牌\x00"}, {"placement": "roof"}, {"name": "牌" * 100_000})]

    assert made.status_code == 200 and made.json()["allowed"] is True
    assert [r.status_code for r in bad] == [400] * 4 and all(set(r.json()) == {"error"} for r in bad)
    assert Signboard.objects.count() == 1


def test_a_department_request_outside_the_list_is_refused_by_the_gate_on_the_page(world, client_for):
    response = client_for(world.clerk).post("/duties/signboards/request/", {"issuer": world.civil_affairs.pk, "unit": world.xincheng.pk,
                                                                             "name": "新城社区慈善工作站", "placement": "outside", "reason": "示范创建"})

    assert response.status_code == 400 and "不在本县准许室外悬挂的牌子清单内" in response.content.decode()
    assert not Signboard.objects.exists()
