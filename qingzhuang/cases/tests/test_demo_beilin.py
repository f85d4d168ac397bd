"""碑林区's demo from raw records: 62 departments paired with 105 communities, 190+ cases solved jointly (counted by the
board's own selector), 草场坡社区's service center move with its four parties and two meetings; a case resolved through
the API moves the count."""

import pytest
from django.test import Client

from qingzhuang.cases import selectors
from qingzhuang.cases.models import Case, Status
from qingzhuang.ledger.models import LedgerYear
from qingzhuang.lib import clock
from qingzhuang.org.models import Region, Unit, UnitKind
from qingzhuang.pairing import selectors as pairing_selectors


@pytest.fixture
def demo(db):
    from qingzhuang.cases.demo import seed as cases_seed
    from qingzhuang.org.demo import DemoContext
    from qingzhuang.org.demo import seed as org_seed
    from qingzhuang.pairing.demo import seed as pairing_seed

    ctx = DemoContext()
    org_seed(ctx)
    pairing_seed(ctx)
    cases_seed(ctx)
    return ctx


def test_the_beilin_demo_from_raw_records(demo):
    """One demo for the three checks (building it takes minutes on a loaded machine)."""
    _beilin_pairs_62_departments_with_105_communities_and_solved_190_plus_cases(demo)
    _caochangpo_moved_its_service_center_with_four_parties_and_two_meetings(demo)
    _a_case_resolved_through_the_api_moves_the_count(demo)
    _caochangpo_had_a_liaison_visit_whose_finding_became_a_case()


def _caochangpo_had_a_liaison_visit_whose_finding_became_a_case():
    from qingzhuang.visits.models import Finding, VisitKind

    findings = list(Finding.objects.filter(visit__kind=VisitKind.LIAISON, visit__places__name="草场坡社区").select_related("case", "visit__organiser"))
    assert len(findings) == 2 and {f.visit.organiser.name for f in findings} == {"碑林区民政局"}
    cases = [(f, f.case) for f in findings if f.case is not None]
    assert len(cases) == 1
    finding, case = cases[0]
    assert (case.source, case.source_ref, case.community.name) == ("visit", f"visits.Finding:{finding.pk}", "草场坡社区")


def _beilin_pairs_62_departments_with_105_communities_and_solved_190_plus_cases(demo):
    beilin = Region.objects.get(code="610103")
    cover = pairing_selectors.coverage(beilin, clock.today())
    assert (cover.departments_pairing, cover.covered, cover.communities) == (62, 105, 105)
    assert cover.departments == Unit.objects.filter(county=beilin, kind=UnitKind.DEPARTMENT).count()
    assert cover.uncovered == [] and cover.overloaded == []
    solved = selectors.solved_count(beilin)
    assert solved == Case.objects.filter(county=beilin, status__in=(Status.RESOLVED, Status.CLOSED)).count()
    assert solved >= 190
    in_ledger = sum(LedgerYear.objects.filter(unit__county=beilin, measure="cases.solved").values_list("value", flat=True))
    assert in_ledger == solved
    figures = selectors.county_figures(beilin, clock.today().replace(month=1, day=1), clock.today(), clock.now())
    assert figures.overdue >= 1 and any(r.resolution_rate for r in figures.rates)


def _caochangpo_moved_its_service_center_with_four_parties_and_two_meetings(demo):
    case = Case.objects.get(community__name="草场坡社区", title__contains="党群服务中心")
    assert case.lead is not None and case.resolved_at is not None and case.resolve_due is not None
    assert case.status == Status.CLOSED and case.lead.name == "碑林区民政局"
    assert sorted(h.name for h in case.handlers.all()) == sorted(["碑林区民政局", "碑林区住房和城乡建设局", "长安路街道办事处", "西安南郊置业有限公司"])
    assert sorted(case.meetings.values_list("kind", flat=True)) == ["onsite", "symposium"]
    assert "老旧小区改造办公室" in case.handlers.get(unit__name="碑林区住房和城乡建设局").part
    assert case.events.filter(kind="paused").exists() and case.resolved_at <= case.resolve_due


def _a_case_resolved_through_the_api_moves_the_count(demo):
    beilin = Region.objects.get(code="610103")
    before = selectors.solved_count(beilin)
    open_case = Case.objects.filter(county=beilin, status=Status.IN_PROGRESS).first()
    assert open_case is not None and open_case.lead is not None
    clerk = Client()
    lead_user = demo.users.get("beilin_civil_clerk")
    if open_case.lead.name != "碑林区民政局":
        from qingzhuang.org.models import Role
        from qingzhuang.org.testing import _user

        lead_user = _user("lead_clerk", open_case.lead, Role.DEPARTMENT_CLERK)
    clerk.force_login(lead_user)
    answer = clerk.post(f"/api/v1/cases/{open_case.pk}/resolve", {"note": "已疏通"}, content_type="application/json")
    assert answer.status_code == 200, answer.content
    assert selectors.solved_count(beilin) == before + 1
