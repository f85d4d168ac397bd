"""The riders' API (/api/v1/riders/): the roster scoped and with phones masked for those who need not see them; a rider
sees only their own reports and patrols; recording a patrol, publicity and a hazard (JSON, and multipart with a photo)
goes through the same services; hostile input is refused with a Chinese message and writes nothing."""

import json

import pytest

from qingzhuang.audit.models import Event
from qingzhuang.riders import services
from qingzhuang.riders.models import HazardPhoto, HazardReport, Patrol, Publicity
from qingzhuang.riders.testing import SPOT_GCJ, import_world_areas, jpeg_with_gps, renamed_text

pytestmark = pytest.mark.django_db
HUGE = 10**23


@pytest.fixture(autouse=True)
def _setup(world, settings, tmp_path):
    settings.QZ_TODAY = "2026-11-27"
    settings.MEDIA_ROOT = tmp_path
    import_world_areas()


@pytest.fixture
def riders(world):
    mine = services.rider_enrol(actor=None, community=world.xincheng, name="马骏", phone="13912345678", duties=["safety_publicist"],
                                joined_on="2025-03-01", user=world.rider)
    other = services.rider_enrol(actor=None, community=world.changfa, name="刘强", phone="13812345678", duties=["road_clearer"],
                                 joined_on="2025-03-01")
    return mine, other


def _post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")  # ASCII escapes: a lone surrogate arrives as sent


def _counts():
    return Patrol.objects.count(), Publicity.objects.count(), HazardReport.objects.count(), HazardPhoto.objects.count(), Event.objects.count()


def _category(world):
    return next(c for c in services.categories_for(world.zhenan) if c.name == "消防通道堵塞")


def test_the_roster_is_scoped_and_phones_are_masked_for_those_who_need_not_see_them(world, riders, client_for):
    by_secretary = client_for(world.secretary).get("/api/v1/riders/").json()
    assert [r["name"] for r in by_secretary] == ["马骏"] and by_secretary[0]["phone"] == "13912345678"
    by_worker = client_for(world.worker).get("/api/v1/riders/").json()
    assert by_worker[0]["phone"] != "13912345678" and "****" in by_worker[0]["phone"] or "*" in by_worker[0]["phone"]
    assert client_for(world.outsider).get("/api/v1/riders/").json() == []
    assert client_for(world.rider).get("/api/v1/riders/").status_code == 403


def test_a_rider_records_a_patrol_publicity_and_a_hazard_and_reads_only_their_own(world, riders, client_for):
    client = client_for(world.rider)
    patrol = _post(client, "/api/v1/riders/patrols", {"area": "新城社区沿街商铺", "started_at": "2026-11-20 19:00",
                                                      "ended_at": "2026-11-20 20:00", "findings": "消防通道堵塞"})
    assert patrol.status_code == 201, patrol.content
    handed = _post(client, "/api/v1/riders/publicity", {"material": "反诈骗宣传单", "count": 40, "place": "菜市场", "day": "2026-11-21"})
    assert handed.status_code == 201 and handed.json()["count"] == 40
    reported = _post(client, "/api/v1/riders/reports", {"category": _category(world).pk, "description": "3号楼消防通道被堵",
                                                        "lat": f"{SPOT_GCJ[0]:.6f}", "lng": f"{SPOT_GCJ[1]:.6f}", "datum": "gcj02",
                                                        "patrol_id": patrol.json()["id"]})
    assert reported.status_code == 201, reported.content
    assert reported.json()["unit_name"] == "长发村" and reported.json()["patrol_id"] == patrol.json()["id"]
    assert [r["id"] for r in client.get("/api/v1/riders/me/reports").json()] == [reported.json()["id"]]
    assert [p["id"] for p in client.get("/api/v1/riders/me/patrols").json()] == [patrol.json()["id"]]
    assert client_for(world.secretary).get("/api/v1/riders/me/patrols").status_code == 403


def test_a_hazard_with_a_photo_over_multipart_is_stored_without_gps(world, riders, client_for):
    client = client_for(world.rider)
    sent = client.post("/api/v1/riders/reports/multipart", {"category": str(_category(world).pk), "description": "楼道堵塞",
                                                             "address": "新城社区3号楼", "photos": [jpeg_with_gps()]})
    assert sent.status_code == 201, sent.content
    photo = HazardPhoto.objects.get()
    with photo.image.open("rb") as fh:
        assert b"GPS" not in fh.read()
    before = _counts()
    refused = client.post("/api/v1/riders/reports/multipart", {"category": str(_category(world).pk), "description": "楼道堵塞",
                                                                "address": "新城社区3号楼", "photos": [renamed_text()]})
    assert refused.status_code == 400 and "不是照片" in refused.json()["error"]["message"] and _counts() == before


@pytest.mark.parametrize(("url", "body", "status"), [
    ("/api/v1/riders/publicity", {"count": HUGE}, 400),
    ("/api/v1/riders/publicity", {"count": -5}, 400),
    ("/api/v1/riders/publicity", {"count": 0}, 400),
    ("/api/v1/riders/publicity", {"count": "1e3"}, 400),
    ("/api/v1/riders/publicity", {"material": "\u3000"}, 400),
    ("/api/v1/riders/publicity", {"material": "单\x00"}, 400),
    ("/api/v1/riders/publicity", {"place": "地" * 100_000}, 400),
    ("/api/v1/riders/publicity", {"day": "2026-13-45"}, 400),
    ("/api/v1/riders/publicity", {"rider_id": HUGE}, 404),
    ("/api/v1/riders/patrols", {"area": "\u200b"}, 400),
    ("/api/v1/riders/patrols", {"started_at": "\ud800"}, 400),
    ("/api/v1/riders/patrols", {"ended_at": "2026-11-20 18:00"}, 400),
    ("/api/v1/riders/patrols", {"rider_id": -5}, 404),
    ("/api/v1/riders/reports", {"description": "\u00a0"}, 400),
    ("/api/v1/riders/reports", {"lat": HUGE, "lng": 109.1}, 400),
    ("/api/v1/riders/reports", {"lat": "109.155", "lng": "33.425"}, 400),
    ("/api/v1/riders/reports", {"category": HUGE}, 400),
    ("/api/v1/riders/reports", {"patrol_id": -5}, 404),
])
def test_the_api_refuses_hostile_input_with_a_chinese_message_and_writes_nothing(world, riders, client_for, url, body, status):
    defaults = {"material": "反诈骗宣传单", "count": 5, "place": "菜市场", "day": "2026-11-21", "area": "沿街商铺",
                "started_at": "2026-11-20 19:00", "ended_at": "2026-11-20 20:00", "category": _category(world).pk,
                "description": "消防通道被堵", "lat": "33.425", "lng": "109.155", "datum": "wgs84"}
    before = _counts()
    response = _post(client_for(world.rider), url, {**defaults, **body})
    assert response.status_code == status, response.content
    message = response.json()["error"]["message"]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message) and "Error" not in message
    assert _counts() == before


def test_staff_record_for_their_riders_only(world, riders, client_for):
    mine, other = riders
    ok = _post(client_for(world.secretary), "/api/v1/riders/publicity", {"material": "宣传单", "count": 5, "place": "菜市场",
                                                                         "day": "2026-11-21", "rider_id": mine.pk})
    assert ok.status_code == 201
    before = _counts()
    refused = _post(client_for(world.secretary), "/api/v1/riders/publicity", {"material": "宣传单", "count": 5, "place": "村口",
                                                                              "day": "2026-11-21", "rider_id": other.pk})
    assert refused.status_code == 403 and _counts() == before
