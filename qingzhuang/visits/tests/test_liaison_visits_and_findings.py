"""Liaison visits (走访): a paired department's cadre logs a visit with what it found, through the same crowding rule as
research visits; the visit counts as help in the community's ledger (research visits stay burden); one step turns a
finding into a case raised for the community (source: the visit, reference: the finding), audited; others are refused
and nothing changes."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from qingzhuang.audit.models import Event as AuditEvent
from qingzhuang.cases.errors import CaseError
from qingzhuang.cases.models import Case, EventKind, Source
from qingzhuang.cases.services import case_raise
from qingzhuang.ledger.measures import Direction, measure_by_code
from qingzhuang.ledger.models import LedgerYear
from qingzhuang.visits import selectors, services
from qingzhuang.visits.errors import VisitError
from qingzhuang.visits.models import Finding, Visit, VisitKind, VisitStatus
from qingzhuang.visits.testing import MONDAY, TODAY, book, log, pair

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(settings):
    settings.QZ_TODAY = TODAY


@pytest.fixture
def paired(world):
    pair(world.civil_affairs, world.xincheng)
    return world


def _year(unit, code):
    return LedgerYear.objects.filter(unit=unit, year=2026, measure=code).values_list("value", flat=True).first() or 0


def test_a_logged_liaison_visit_is_done_with_its_finding_and_counts_as_help_not_burden(paired):
    w = paired
    visit = log(w.civil_affairs, w.xincheng, actor=w.clerk)
    assert (visit.kind, visit.status, visit.team_name) == (VisitKind.LIAISON, VisitStatus.DONE, "镇安县民政局走访")
    assert [f.text for f in visit.findings.all()] == ["党群服务中心面积不足，居民活动挤在走廊。"]
    assert _year(w.xincheng, selectors.LIAISON_RECEIVED) == 1 and _year(w.xincheng, selectors.RECEIVED) == 0
    assert measure_by_code(selectors.LIAISON_RECEIVED).direction == Direction.HELP
    assert measure_by_code(selectors.RECEIVED).direction == Direction.BURDEN
    rebuilt = list(selectors.liaison_compute(dt.date(2026, 1, 1), dt.date(2027, 1, 1)))
    assert rebuilt == [(w.xincheng.pk, visit.start_on, 1.0, w.civil_affairs.pk)]
    assert [i[0] for i in selectors.liaison_items(w.xincheng, dt.date(2026, 1, 1), dt.date(2027, 1, 1))] == ["镇安县民政局：了解社区服务阵地情况"]
    assert AuditEvent.objects.filter(model__iendswith="finding").count() == 1


def test_research_visits_stay_burden_next_to_a_liaison_visit(paired, settings):
    w = paired
    research = book(w.education, [w.xincheng], start_on=MONDAY, end_on=MONDAY)
    settings.QZ_TODAY = MONDAY.isoformat()
    services.visit_done(actor=None, visit=research)
    settings.QZ_TODAY = (MONDAY + dt.timedelta(days=10)).isoformat()
    log(w.civil_affairs, w.xincheng, visited_on=MONDAY + dt.timedelta(days=10))
    assert (_year(w.xincheng, selectors.RECEIVED), _year(w.xincheng, selectors.LIAISON_RECEIVED)) == (1, 1)


def test_a_liaison_visit_in_the_same_days_as_a_research_team_is_flagged_as_crowding(paired, settings):
    w = paired
    book(w.education, [w.xincheng], team_name="教育局学前调研组", leader="李红梅")
    settings.QZ_TODAY = MONDAY.isoformat()
    with pytest.raises(VisitError) as refused:
        log(w.civil_affairs, w.xincheng, actor=w.clerk, visited_on=MONDAY)
    assert refused.value.code == "crowd_reason_needed" and "教育局学前调研组" in refused.value.message
    assert Visit.objects.filter(kind=VisitKind.LIAISON).count() == 0 and Finding.objects.count() == 0
    visit = log(w.civil_affairs, w.xincheng, actor=w.clerk, visited_on=MONDAY, crowd_reason="管网抢修当天需到场核实")
    assert visit.crowded and visit.crowd_reason == "管网抢修当天需到场核实"


def test_a_liaison_visit_goes_only_to_a_paired_community(paired):
    w = paired
    with pytest.raises(VisitError) as refused:
        log(w.education, w.xincheng)
    assert refused.value.code == "liaison_not_paired" and "新城社区" in refused.value.message and "镇安县教育局" in refused.value.message
    with pytest.raises(VisitError) as refused:
        log(w.yongle, w.xincheng)
    assert refused.value.code == "liaison_not_department"
    assert Visit.objects.count() == 0


def test_a_later_visit_is_booked_ahead_and_has_no_findings_yet(paired):
    w = paired
    later = dt.date.fromisoformat(TODAY) + dt.timedelta(days=5)
    with pytest.raises(VisitError) as refused:
        log(w.civil_affairs, w.xincheng, visited_on=later)
    assert refused.value.code == "finding_future" and Visit.objects.count() == 0
    planned = log(w.civil_affairs, w.xincheng, visited_on=later, findings=[])
    assert planned.status == VisitStatus.PLANNED and _year(w.xincheng, selectors.LIAISON_RECEIVED) == 0
    with pytest.raises(VisitError) as refused:
        services.finding_add(actor=w.clerk, visit=planned, text="路灯不亮", category="infrastructure")
    assert refused.value.code == "finding_not_done"


def test_a_finding_becomes_a_case_in_one_step_raised_for_the_community(paired):
    w = paired
    finding = log(w.civil_affairs, w.xincheng, actor=w.clerk).findings.get()
    case = services.finding_raise(actor=w.clerk, finding=finding, title="党群服务中心面积不足", beyond_ability=True)
    finding.refresh_from_db()
    assert finding.case == case and case.community == w.xincheng and case.category == "facility"
    assert (case.source, case.source_ref) == (Source.VISIT, f"visits.Finding:{finding.pk}")
    assert "党群服务中心面积不足，居民活动挤在走廊。" in case.description and "镇安县民政局走访发现" in case.description
    assert [r.department for r in case.recipients.all()] == [w.civil_affairs]
    raised = case.events.get(kind=EventKind.RAISED)
    assert raised.actor == w.clerk and raised.actor_unit == w.civil_affairs and raised.params["for"] == "新城社区"
    assert AuditEvent.objects.filter(model__iendswith="case", object_id=str(case.pk)).exists()
    assert AuditEvent.objects.filter(model__iendswith="finding", object_id=str(finding.pk), action="update").exists()
    with pytest.raises(VisitError) as again:
        services.finding_raise(actor=w.clerk, finding=finding, title="再来一次", beyond_ability=True)
    assert again.value.code == "finding_raised" and Case.objects.count() == 1


def test_the_community_and_other_departments_cannot_turn_the_departments_finding_into_a_case(paired):
    w = paired
    finding = log(w.civil_affairs, w.xincheng).findings.get()
    from qingzhuang.org.models import Role
    from qingzhuang.org.testing import _user as make_user

    edu_clerk = make_user("edu_clerk", w.education, Role.DEPARTMENT_CLERK)
    for outsider in (w.secretary, edu_clerk, w.outsider, w.street_officer):
        with pytest.raises(PermissionDenied):
            services.finding_raise(actor=outsider, finding=finding, title="越权", beyond_ability=True)
        with pytest.raises(PermissionDenied):
            services.finding_add(actor=outsider, visit=finding.visit, text="越权记录", category="other")
    assert Case.objects.count() == 0 and Finding.objects.count() == 1
    finding.refresh_from_db()
    assert finding.case is None


def test_only_a_visits_finding_may_be_raised_by_a_department_and_only_for_its_paired_community(paired):
    w = paired
    common = {"actor": w.clerk, "community": w.xincheng, "title": "管网堵塞", "description": "三号楼下水道堵塞。", "category": "infrastructure",
              "beyond_power": True, "by_department": w.civil_affairs}
    with pytest.raises(CaseError) as refused:
        case_raise(source=Source.COMMUNITY, **common)
    assert refused.value.code == "raise_for_source"
    with pytest.raises(CaseError) as refused:
        case_raise(source=Source.VISIT, **{**common, "community": w.changfa})
    assert refused.value.code == "raise_for_unpaired" and "长发村" in refused.value.message
    with pytest.raises(PermissionDenied):
        case_raise(source=Source.VISIT, **{**common, "actor": w.secretary})
    assert Case.objects.count() == 0


@pytest.mark.parametrize("text", ["\u3000\u00a0\u200b", "路灯\x00不亮", "坏\ud800掉", "长" * 100_000])
def test_hostile_finding_text_is_refused_in_chinese_and_nothing_is_written(paired, text):
    w = paired
    visit = log(w.civil_affairs, w.xincheng, findings=[])
    with pytest.raises(VisitError) as refused:
        services.finding_add(actor=w.clerk, visit=visit, text=text, category="facility")
    assert refused.value.field == "text" and any("\u4e00" <= ch <= "\u9fff" for ch in refused.value.message)
    assert Finding.objects.count() == 0


@pytest.mark.parametrize(("changes", "field"), [
    ({"member_count": 10**23}, "member_count"), ({"member_count": -5}, "member_count"), ({"leader": "\u3000"}, "leader"),
    ({"findings": [("中心漏雨", "不存在的类别")]}, "category"), ({"community_id": "10e23"}, "places"), ({"visited_on": "明天"}, "start_on"),
])
def test_hostile_log_values_are_refused_and_nothing_is_written(paired, changes, field):
    w = paired
    with pytest.raises(VisitError) as refused:
        log(w.civil_affairs, w.xincheng, **changes)
    assert refused.value.field == field and "Error" not in refused.value.message
    assert Visit.objects.count() == 0 and Finding.objects.count() == 0
