"""When a burden report needs a department to solve it, not only the gate, the community raises it as a case in one step
through the cases' one entry point (source: the burden report, reference: feedback.Report:<pk>); the report page shows
the case and its state; a second raise, another county and a community without the right are refused, nothing written."""

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from qingzhuang.audit.models import Event as AuditEvent
from qingzhuang.cases.errors import CaseError
from qingzhuang.cases.models import Case, Source
from qingzhuang.cases.services import case_accept
from qingzhuang.feedback.errors import FeedbackError
from qingzhuang.feedback.models import ItemType
from qingzhuang.feedback.services import report_create, report_raise_case
from qingzhuang.feedback.testing import issued_document
from qingzhuang.pairing.services import pairing_file

pytestmark = pytest.mark.django_db
CASE: dict[str, Any] = {"title": "养老服务台账重复报送", "description": "需民政局打通养老服务系统数据，社区无权调取。", "category": "service", "beyond_power": True}


@pytest.fixture
def report(world):
    pairing_file(actor=None, department=world.civil_affairs, community=world.xincheng, leader="王局长", cadres="李四", valid_from=dt.date(2024, 1, 1))
    doc = issued_document(world)
    return report_create(actor=world.secretary, unit=world.xincheng, item_type=ItemType.DOCUMENT, item_id=doc.pk, kind="duplicate",
                         text="同一台账已在养老系统填报过，又要求纸质报送。")


def test_a_report_becomes_a_case_with_its_source_and_reference_and_shows_the_cases_state(world, report, client_for):
    case = report_raise_case(actor=world.secretary, report=report, **CASE)
    report.refresh_from_db()
    assert report.case == case and case.community == world.xincheng
    assert (case.source, case.source_ref) == (Source.BURDEN_REPORT, f"feedback.Report:{report.pk}")
    assert AuditEvent.objects.filter(model="feedback.report", object_id=str(report.pk), action="update").exists()
    assert AuditEvent.objects.filter(model="cases.case", object_id=str(case.pk), action="create").exists()

    page = client_for(world.secretary).get(reverse("feedback:report", args=[report.pk])).content.decode()
    assert "养老服务台账重复报送" in page and "待部门受理" in page
    case_accept(actor=world.clerk, case=case)
    page = client_for(world.secretary).get(reverse("feedback:report", args=[report.pk])).content.decode()
    assert "已受理" in page and "镇安县民政局" in page
    case_page = client_for(world.secretary).get(reverse("cases:case", args=[case.pk])).content.decode()
    assert f'href="{reverse("feedback:report", args=[report.pk])}"' in case_page
    home = client_for(world.secretary).get(reverse("feedback:home")).content.decode()
    assert "已受理" in home


def test_a_report_is_raised_once(world, report):
    report_raise_case(actor=world.secretary, report=report, **CASE)
    with pytest.raises(FeedbackError) as again:
        report_raise_case(actor=world.secretary, report=report, **CASE)
    assert again.value.code == "already_case" and Case.objects.count() == 1


@pytest.mark.parametrize("who", ["clerk", "outsider", "rider"])
def test_only_the_community_raises_its_report_as_a_case(world, report, who):
    with pytest.raises(PermissionDenied):
        report_raise_case(actor=getattr(world, who), report=report, **CASE)
    report.refresh_from_db()
    assert report.case is None and Case.objects.count() == 0


@pytest.mark.parametrize(("changes", "field"), [
    ({"title": "\u3000\u200b"}, "title"), ({"description": "坏\x00了"}, "description"), ({"description": "长" * 100_000}, "description"),
    ({"category": "10e23"}, "category"), ({"beyond_power": False}, "beyond_power"), ({"title": "\ud800"}, "title"),
])
def test_hostile_values_are_refused_in_chinese_and_nothing_is_written(world, report, changes, field):
    with pytest.raises(CaseError) as refused:
        report_raise_case(actor=world.secretary, report=report, **{**CASE, **changes})
    assert refused.value.field == field and any("\u4e00" <= ch <= "\u9fff" for ch in refused.value.message)
    report.refresh_from_db()
    assert report.case is None and Case.objects.count() == 0


def test_the_page_raises_it_and_an_outsider_cannot_post(world, report, client_for):
    url = reverse("feedback:report", args=[report.pk])
    refused = client_for(world.secretary).post(url, {"action": "case", **CASE, "beyond_power": "", "category": "service"})
    assert refused.status_code == 400 and "不能办" in refused.content.decode() and Case.objects.count() == 0
    done = client_for(world.secretary).post(url, {"action": "case", **CASE, "beyond_power": "1"})
    assert done.status_code == 302 and Case.objects.get().source == Source.BURDEN_REPORT
    assert client_for(world.outsider).post(url, {"action": "case", **CASE, "beyond_power": "1"}).status_code in (403, 404)
