"""Points by the county's rule for a confirmed hazard: awarded once (never twice for one act), taken back when the report
is rejected as false, never below zero; the county office keeps the category list, nobody else; all audited."""

import pytest

from qingzhuang.audit.models import Event
from qingzhuang.gate.models import RuleSetting
from qingzhuang.riders import selectors, services
from qingzhuang.riders.errors import RiderError
from qingzhuang.riders.models import HazardCategory, PointsEntry
from qingzhuang.riders.testing import import_world_areas

pytestmark = pytest.mark.django_db


@pytest.fixture
def rider(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.QZ_TODAY = "2026-11-27"
    import_world_areas()
    return services.rider_enrol(actor=None, community=world.xincheng, name="rider姓名", phone="13912345678", duties=["road_clearer"],
                                joined_on="2025-01-01", user=world.rider)


def _report(world):
    category = services.categories_for(world.zhenan)[0]
    return services.hazard_report(actor=world.rider, category=category.pk, description="楼道堆满纸箱", lat="33.425", lng="109.155", datum="wgs84")


def test_a_confirmed_report_earns_the_countys_points_once(world, rider, client_for):
    RuleSetting.objects.create(rule="riders.points", county=world.zhenan, params={"confirmed_hazard": 15})
    report = _report(world)
    services.hazard_decide(actor=world.secretary, report=report, status="confirmed")
    services._points_award(report, world.secretary)  # a second award for the same act: nothing

    assert selectors.points_balance(rider) == 15 and PointsEntry.objects.count() == 1
    assert Event.objects.filter(model="riders.pointsentry").count() == 1
    assert "<strong>15</strong>" in client_for(world.rider).get("/riders/mine/").content.decode()


def test_a_report_rejected_as_false_takes_its_points_back_and_never_below_zero(world, rider):
    report = _report(world)
    services.hazard_decide(actor=world.secretary, report=report, status="confirmed")
    services.hazard_decide(actor=world.secretary, report=report, status="rejected", note="现场核实并无堆放")
    services._points_take_back(report, world.secretary, "again")

    assert selectors.points_balance(rider) == 0
    assert sorted(PointsEntry.objects.values_list("points", flat=True)) == [-10, 10]


def test_an_open_report_rejected_never_had_points_and_takes_none(world, rider):
    report = _report(world)
    services.hazard_decide(actor=world.secretary, report=report, status="rejected", note="重复上报")
    assert PointsEntry.objects.count() == 0 and selectors.points_balance(rider) == 0


def test_the_county_office_keeps_the_category_list_and_nobody_else_can(world, client_for):
    before = len(services.categories_for(world.zhenan))
    added = services.category_add(actor=world.reviewer, county=world.zhenan, name="高空抛物")
    with pytest.raises(RiderError) as exc:
        services.category_add(actor=world.reviewer, county=world.zhenan, name="高空抛物")
    assert exc.value.code == "category_exists"
    for bad in ("　", "\x00", "类" * 31, "\ud800"):
        with pytest.raises(RiderError):
            services.category_add(actor=world.reviewer, county=world.zhenan, name=bad)
    for outsider in (world.outsider, world.secretary, world.rider):
        with pytest.raises(Exception, match="范围|scope"):
            services.category_add(actor=outsider, county=world.zhenan, name="外来类别")
    services.category_retire(actor=world.reviewer, category=added)

    assert added not in services.categories_for(world.zhenan) and HazardCategory.objects.count() == before + 1
    page = client_for(world.reviewer).post("/riders/categories/", {"county": world.zhenan.pk, "name": "电梯故障"})
    assert page.status_code == 302 and "电梯故障" in [c.name for c in services.categories_for(world.zhenan)]
    assert client_for(world.outsider).get("/riders/categories/").content.decode().count("电梯故障") == 0
    assert client_for(world.secretary).get("/riders/categories/").status_code == 403
