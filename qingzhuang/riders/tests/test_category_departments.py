"""The county office names the department answerable for a hazard category (消防, 住建, 城管…): a report is still routed
to the community by place, and the department sees the reports of its categories (read only); the case a community
raises names it. Only the county's own departments, only by the county office; audited."""

import pytest
from django.core.exceptions import PermissionDenied

from qingzhuang.audit.models import Event
from qingzhuang.cases.models import Case
from qingzhuang.riders import services
from qingzhuang.riders.errors import RiderError
from qingzhuang.riders.models import HazardCategory
from qingzhuang.riders.testing import import_world_areas

pytestmark = pytest.mark.django_db


@pytest.fixture
def manhole(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.QZ_TODAY = "2026-11-27"
    import_world_areas()
    services.rider_enrol(actor=None, community=world.xincheng, name="马骏", phone="13912345678", duties=["road_clearer"],
                         joined_on="2025-01-01", user=world.rider)
    return next(c for c in services.categories_for(world.zhenan) if c.name == "井盖破损缺失")


def _report(world, category):
    return services.hazard_report(actor=world.rider, category=category.pk, description="主路井盖塌陷", lat="33.425", lng="109.155",
                                  datum="wgs84")


def test_a_report_goes_to_the_community_by_place_and_the_categorys_department_sees_it(world, manhole, client_for):
    services.category_department_set(actor=world.reviewer, category=manhole, department=world.civil_affairs)
    report = _report(world, manhole)

    assert report.unit == world.xincheng
    listed = client_for(world.clerk).get("/riders/department/").content.decode()
    assert "井盖破损缺失" in listed and "新城社区" in listed
    detail = client_for(world.clerk).get(f"/riders/reports/{report.pk}/")
    assert detail.status_code == 200 and "该类别的责任部门：镇安县民政局" in detail.content.decode()
    assert "btn-row" not in detail.content.decode()  # read only: the community decides
    assert client_for(world.clerk).post(f"/riders/reports/{report.pk}/", {"status": "confirmed"}).status_code == 403
    assert Event.objects.filter(model="riders.hazardcategory", object_id=str(manhole.pk)).exists()


def test_another_department_does_not_see_it(world, manhole, client_for):
    services.category_department_set(actor=world.reviewer, category=manhole, department=world.education)
    report = _report(world, manhole)
    assert client_for(world.clerk).get(f"/riders/reports/{report.pk}/").status_code == 403
    assert "井盖破损缺失" not in client_for(world.clerk).get("/riders/department/").content.decode()


def test_the_case_raised_from_the_report_goes_first_to_the_responsible_department(world, manhole):
    services.category_department_set(actor=world.reviewer, category=manhole, department=world.education)
    report = _report(world, manhole)
    services.hazard_escalate(actor=world.secretary, report=report, beyond_power=True)
    case = Case.objects.get()
    assert "责任部门：镇安县教育局" in case.description
    # Received by the category's department alone (首接负责), not by the community's paired departments.
    assert list(case.recipients.values_list("department__name", flat=True)) == ["镇安县教育局"]


def test_without_a_responsible_department_the_case_goes_to_the_paired_departments(world, manhole):
    report = _report(world, manhole)
    services.hazard_escalate(actor=world.secretary, report=report, beyond_power=True)
    case = Case.objects.get()
    assert "责任部门" not in case.description and case.recipients.exists()
    assert "镇安县教育局" not in list(case.recipients.values_list("department__name", flat=True))


def test_only_a_department_of_the_county_by_the_county_office(world, manhole, client_for):
    for wrong in (world.xincheng, world.beilin_office, world.yongle):
        with pytest.raises(RiderError) as refused:
            services.category_department_set(actor=world.reviewer, category=manhole, department=wrong)
        assert refused.value.code == "department_unknown"
    for actor in (world.secretary, world.clerk, world.outsider):
        with pytest.raises(PermissionDenied):
            services.category_department_set(actor=actor, category=manhole, department=world.civil_affairs)
    page = client_for(world.reviewer).post(f"/riders/categories/?county={world.zhenan.pk}",
                                           {"county": world.zhenan.pk, "action": "department", "category": manhole.pk,
                                            "department": "99999999999999999999999"})
    assert page.status_code in (400, 404)
    assert HazardCategory.objects.get(pk=manhole.pk).department is None


def test_the_county_office_sets_it_on_the_categories_page(world, manhole, client_for):
    done = client_for(world.reviewer).post(f"/riders/categories/?county={world.zhenan.pk}",
                                           {"county": world.zhenan.pk, "action": "department", "category": manhole.pk,
                                            "department": world.civil_affairs.pk})
    assert done.status_code == 302 and HazardCategory.objects.get(pk=manhole.pk).department == world.civil_affairs
    page = client_for(world.reviewer).get(f"/riders/categories/?county={world.zhenan.pk}").content.decode()
    assert "责任部门" in page and "镇安县民政局" in page
