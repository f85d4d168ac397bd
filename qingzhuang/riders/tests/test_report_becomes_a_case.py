"""A report the community cannot fix alone becomes a case through the cases' one entry point (case_raise), with the
source "a rider's hazard report" and the rider named; once only, by the unit's staff, and the rider sees the case's
state on their report."""

import pytest

from qingzhuang.cases.models import Case, Source
from qingzhuang.riders import services
from qingzhuang.riders.errors import RiderError
from qingzhuang.riders.models import HazardReport
from qingzhuang.riders.testing import import_world_areas

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.QZ_TODAY = "2026-11-27"
    import_world_areas()
    services.rider_enrol(actor=None, community=world.xincheng, name="马骏", phone="13912345678", duties=["road_clearer"],
                         joined_on="2025-01-01", user=world.rider)
    category = next(c for c in services.categories_for(world.zhenan) if c.name == "井盖破损缺失")
    return services.hazard_report(actor=world.rider, category=category.pk, description="主路井盖塌陷，需要市政更换",
                                  lat="33.425", lng="109.155", datum="wgs84")


def test_the_community_raises_the_report_as_a_case_naming_the_rider(world, report, client_for):
    assert report.unit == world.xincheng
    with pytest.raises(RiderError) as exc:
        services.hazard_escalate(actor=world.secretary, report=report)
    assert exc.value.code == "not_beyond" and Case.objects.count() == 0

    done = client_for(world.secretary).post(f"/riders/reports/{report.pk}/", {"action": "escalate", "beyond_power": "1"})

    case = Case.objects.get()
    assert done.status_code == 302 and case.source == Source.HAZARD_REPORT and case.community == world.xincheng
    assert case.source_ref == f"riders.HazardReport:{report.pk}" and "马骏" in case.description
    assert HazardReport.objects.get(pk=report.pk).case_ref == f"cases.Case:{case.pk}"
    page = client_for(world.rider).get(f"/riders/reports/{report.pk}/").content.decode()
    assert "吹哨报到" in page and str(case.get_status_display()) in page
    with pytest.raises(RiderError) as again:
        services.hazard_escalate(actor=world.secretary, report=HazardReport.objects.get(pk=report.pk), beyond_power=True)
    assert again.value.code == "already_case" and Case.objects.count() == 1


def test_a_rider_or_another_county_cannot_raise_it_and_nothing_is_made(world, report):
    for actor in (world.rider, world.outsider):
        with pytest.raises(Exception, match="范围|scope"):
            services.hazard_escalate(actor=actor, report=report, beyond_power=True)
    assert Case.objects.count() == 0 and HazardReport.objects.get(pk=report.pk).case_ref == ""
