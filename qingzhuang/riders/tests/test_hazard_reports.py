"""A rider reports a hazard: it is routed to the community whose boundary holds the point (GCJ-02 converted first), else
the nearest centre within the limit, else the street office; open reports of the same kind nearby are offered and can be
added to; a rider sees only their own reports; staff of the unit confirm, fix or reject them; every change is audited
and a refused report writes nothing."""

import io

import pytest
from PIL import Image

from qingzhuang.audit.models import Event
from qingzhuang.riders import selectors, services
from qingzhuang.riders.errors import RiderError
from qingzhuang.riders.models import CommunityArea, HazardAddition, HazardPhoto, HazardReport, RoutedBy
from qingzhuang.riders.testing import SPOT_GCJ, import_world_areas, jpeg_with_gps, png_bomb, svg_file

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.QZ_TODAY = "2026-11-27"


@pytest.fixture
def areas(world):
    import_world_areas()


def _category(world, name="消防通道堵塞"):
    return next(c for c in services.categories_for(world.zhenan) if c.name == name)


def _report(world, **overrides):
    values = {"actor": world.rider, "category": _category(world).pk, "description": "3号楼消防通道被电动车堵死",
              "lat": f"{SPOT_GCJ[0]:.7f}", "lng": f"{SPOT_GCJ[1]:.7f}", "datum": "gcj02"}
    return services.hazard_report(**{**values, **overrides})


def test_a_gcj02_point_lands_in_the_community_whose_boundary_holds_it(world, areas):
    report = _report(world, photos=[jpeg_with_gps()])

    # Read as WGS-84 without conversion, the same numbers would fall in 新城社区 (the rider's own community).
    assert report.unit == world.changfa and report.routed_by == RoutedBy.BOUNDARY and report.datum == "gcj02"
    assert Event.objects.filter(model="riders.hazardreport", object_id=str(report.pk)).exists()


def test_the_stored_photo_read_back_from_storage_has_no_gps(world, areas):
    report = _report(world, photos=[jpeg_with_gps()])
    photo = HazardPhoto.objects.get(report=report)
    with photo.image.open("rb") as fh:
        data = fh.read()
    stored = Image.open(io.BytesIO(data))
    assert stored.getexif().get_ifd(0x8825) == {} and b"GPS" not in data and b"iPhone" not in data


def test_outside_every_boundary_the_nearest_centre_within_the_limit_takes_it_else_the_street_office(world, areas, settings):
    settings.QZ_HAZARD_NEAREST_M = 2000
    near = _report(world, lat="33.4320", lng="109.1550", datum="wgs84")  # ~450 m north of 新城社区's boundary
    settings.QZ_HAZARD_NEAREST_M = 100
    far = _report(world, lat="33.4320", lng="109.1550", datum="wgs84", category=_category(world, "井盖破损缺失").pk)

    assert (near.unit, near.routed_by) == (world.xincheng, RoutedBy.NEAREST)
    assert (far.unit, far.routed_by) == (world.yongle, RoutedBy.STREET)


def test_open_reports_of_the_same_kind_nearby_are_offered_and_a_rider_can_add_to_one(world, areas):
    first = _report(world)
    other_kind = _report(world, category=_category(world, "飞线充电").pk)
    lat, lng = first.lat, first.lng
    assert lat is not None and lng is not None

    offered = selectors.nearby_open(category_id=first.category_id, lat=lat + 0.0005, lng=lng, radius_m=150)
    assert [r for r, _d in offered] == [first] and other_kind not in [r for r, _d in offered]

    addition = services.hazard_add_to(actor=world.rider, report=first, note="今天还堵着", photos=[jpeg_with_gps()])
    assert addition.report == first and HazardPhoto.objects.filter(addition=addition).count() == 1
    services.hazard_decide(actor=world.reviewer, report=first, status="rejected", note="现场核实无堵塞")
    with pytest.raises(RiderError) as exc:
        services.hazard_add_to(actor=world.rider, report=first, note="again")
    assert exc.value.code == "not_open" and HazardAddition.objects.count() == 1
    assert selectors.nearby_open(category_id=first.category_id, lat=lat, lng=lng, radius_m=150) == []


def test_the_report_page_offers_the_nearby_one_before_filing_a_second(world, areas, client_for):
    first = _report(world)
    client = client_for(world.rider)
    data = {"category": first.category_id, "description": "消防通道又被堵", "lat": f"{SPOT_GCJ[0]:.7f}", "lng": f"{SPOT_GCJ[1]:.7f}",
            "datum": "gcj02"}
    offered = client.post("/riders/report/", data)
    assert offered.status_code == 200 and "是这个吗？" in offered.content.decode() and HazardReport.objects.count() == 1
    fragment = client.get("/riders/report/nearby/", data).content.decode()
    assert f"/riders/report/{first.pk}/add/" in fragment
    filed = client.post("/riders/report/", {**data, "confirm_new": "1"})
    assert filed.status_code == 302 and HazardReport.objects.count() == 2


@pytest.mark.parametrize(("overrides", "code"), [
    ({"description": "　\u200b"}, "required"), ({"description": "\ud800"}, "unstorable"), ({"description": "字" * 100_000}, "too_long"),
    ({"description": "a\x00b"}, "unstorable"), ({"category": 10**23}, "category_unknown"), ({"category": -5}, "category_unknown"),
    ({"category": "\x00"}, "category_unknown"), ({"lat": "", "lng": "", "address": "　"}, "no_location"),
    ({"lat": "109.148", "lng": "33.425", "datum": "wgs84"}, "coord_swapped"), ({"lat": "30.0", "lng": "123.5", "datum": "wgs84"}, "coord_far_away"),
    ({"photos": [svg_file()]}, "photo_not_image"), ({"photos": [png_bomb()]}, "photo_too_many_pixels"),
    ({"photos": [jpeg_with_gps() for _ in range(7)]}, "photo_too_many"),
])
def test_a_bad_report_is_refused_in_chinese_and_nothing_is_written(world, areas, overrides, code):
    with pytest.raises(RiderError) as exc:
        _report(world, **overrides)
    assert exc.value.code == code and any("\u4e00" <= ch <= "\u9fff" for ch in exc.value.message)
    assert HazardReport.objects.count() == 0 and HazardPhoto.objects.count() == 0


def test_another_countys_category_cannot_be_used(world, areas):
    foreign = services.categories_for(world.beilin)[0]
    with pytest.raises(RiderError) as exc:
        _report(world, category=foreign.pk)
    assert exc.value.code == "category_unknown" and HazardReport.objects.count() == 0


def test_a_rider_sees_only_their_own_reports_and_staff_those_routed_to_their_unit(world, areas, client_for):
    from qingzhuang.org import services as org
    from qingzhuang.org.models import PersonKind, Role

    mine = _report(world)
    person = org.person_create(actor=None, name="另一骑手", kind=PersonKind.RIDER, unit=world.xincheng)
    other_rider = org.user_create(actor=None, username="rider2", password="Test-pass-2026", person=person)
    org.role_assign(actor=None, user=other_rider, role=Role.RIDER, unit=world.xincheng)

    assert list(selectors.my_reports(other_rider)) == []
    assert client_for(other_rider).get(f"/riders/reports/{mine.pk}/").status_code == 403
    assert client_for(world.rider).get(f"/riders/reports/{mine.pk}/").status_code == 200
    assert client_for(world.outsider).get(f"/riders/reports/{mine.pk}/").status_code == 403
    # Routed to 长发村: its county office sees it; 新城社区's secretary (another unit) does not.
    assert mine in selectors.reports_to_handle(world.reviewer) and mine not in selectors.reports_to_handle(world.secretary)
    photo_url = "/riders/photos/{}/thumb.jpg"
    services.hazard_add_to(actor=world.rider, report=mine, photos=[jpeg_with_gps()])
    photo = HazardPhoto.objects.get(report=mine)
    assert client_for(other_rider).get(photo_url.format(photo.pk)).status_code == 403
    assert client_for(world.rider).get(photo_url.format(photo.pk)).status_code == 200


def test_staff_confirm_and_fix_and_a_rejection_needs_a_reason_all_audited(world, areas, client_for):
    report = _report(world)
    with pytest.raises(RiderError):
        services.hazard_decide(actor=world.reviewer, report=report, status="rejected", note="　")
    with pytest.raises(RiderError) as exc:
        services.hazard_decide(actor=world.reviewer, report=report, status="fixed")
    assert exc.value.code == "status_move"
    with pytest.raises(Exception, match="范围|scope"):
        services.hazard_decide(actor=world.rider, report=report, status="confirmed")
    assert HazardReport.objects.get(pk=report.pk).status == "open"

    page = client_for(world.reviewer).post(f"/riders/reports/{report.pk}/", {"status": "confirmed"})
    services.hazard_decide(actor=world.reviewer, report=report, status="fixed")

    assert page.status_code == 302 and HazardReport.objects.get(pk=report.pk).status == "fixed"
    assert Event.objects.filter(model="riders.hazardreport", object_id=str(report.pk), action="update").count() == 2
    mine = client_for(world.rider).get("/riders/mine/").content.decode()
    assert "已整改" in mine


def test_boundaries_import_refuses_bad_geojson_and_writes_nothing(world):
    from qingzhuang.riders.testing import rectangle

    bad = [
        ("not json", "area_file_invalid"), ("[" * 100_000, "area_file_invalid"), ('{"type": "FeatureCollection"}', "area_file_invalid"),
        ('{"features": [{"properties": {"name": "不存在社区"}, "geometry": null}]}', "area_unit_unknown"),
        ('{"features": [{"properties": {"name": "长发村"}, "geometry": {"type": "Point", "coordinates": [109, 33]}}]}', "area_not_polygon"),
        ('{"features": [{"properties": {"name": "长发村"}, "geometry": {"type": "Polygon", "coordinates": [[[109,33],[110,34],[110,33],[109,34],[109,33]]]}}]}',
         "area_invalid"),
    ]
    import json

    swapped = rectangle("长发村", 109.140, 33.420, 109.150, 33.430)
    bad.append((json.dumps({"features": [swapped]}), "area_outside_china"))
    for text, code in bad:
        with pytest.raises(RiderError) as exc:
            services.areas_import(actor=world.reviewer, text=text)
        assert exc.value.code == code, text[:80]
    with pytest.raises(Exception, match="范围|scope"):
        services.areas_import(actor=world.outsider, text=json.dumps({"features": [rectangle("长发村", 33.42, 109.14, 33.43, 109.15)]}))
    assert CommunityArea.objects.count() == 0


def test_a_report_that_fails_after_its_photos_were_written_leaves_no_file_behind(world, areas, settings, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("the audit row could not be written")

    monkeypatch.setattr(services, "audit_created", broken)
    with pytest.raises(RuntimeError):
        _report(world, photos=[jpeg_with_gps(), jpeg_with_gps(size=(80, 40))])
    assert HazardReport.objects.count() == 0 and HazardPhoto.objects.count() == 0
    assert [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()] == []
