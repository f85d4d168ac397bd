"""The county office files the annual plan; an item outside it waits for the monthly review (月控);
an unfiled item cannot be carried out."""

import pytest

from qingzhuang.audit.models import Event
from qingzhuang.inspections import errors, services
from qingzhuang.inspections.errors import InspectionError, InspectionInvalid
from qingzhuang.inspections.models import ItemStatus, PlanStatus, Visit
from qingzhuang.inspections.tests.factories import filed, propose
from qingzhuang.ledger.models import LedgerYear
from qingzhuang.lib import clock

pytestmark = pytest.mark.django_db


def test_filing_the_plan_files_its_accepted_items(world):
    item = filed(world)
    assert item.status == ItemStatus.FILED and item.in_plan
    assert item.plan.status == PlanStatus.FILED


def test_a_plan_with_undecided_proposals_cannot_be_filed(world):
    item = propose(world)
    with pytest.raises(InspectionError) as caught:
        services.plan_file(actor=world.reviewer, plan=item.plan)
    assert caught.value.code == "plan_undecided"
    item.plan.refresh_from_db()
    assert item.plan.status == PlanStatus.DRAFTING


def test_an_item_proposed_after_filing_waits_for_the_monthly_review(world):
    filed(world)
    late = propose(world, subject="临时增加的安全检查")
    assert late.status == ItemStatus.MONTHLY_REVIEW and not late.in_plan
    plan_rule = next(v for v in __import__("qingzhuang.inspections.selectors", fromlist=["verdicts"]).verdicts(late) if v.rule == "inspection.plan")
    assert plan_rule.outcome == "warn" and "月控" in plan_rule.text


def test_an_unfiled_inspection_cannot_be_carried_out(world):
    filed(world)
    late = propose(world, subject="临时增加的安全检查")
    before = (Visit.objects.count(), Event.objects.count(), LedgerYear.objects.count())
    with pytest.raises(InspectionError) as caught:
        services.visit_record(actor=world.clerk, item=late, unit=world.yongle, day=clock.today(), inspectors="张三")
    assert caught.value.code == "not_filed"
    assert "月控" in caught.value.message
    with pytest.raises(InspectionError):
        services.item_carry_out(actor=world.clerk, item=late)
    assert (Visit.objects.count(), Event.objects.count(), LedgerYear.objects.count()) == before
    late.refresh_from_db()
    assert late.status == ItemStatus.MONTHLY_REVIEW


def test_after_the_monthly_review_it_may_be_carried_out(world):
    filed(world)
    late = propose(world, subject="临时增加的安全检查")
    services.item_monthly_approve(actor=world.reviewer, item=late)
    late.refresh_from_db()
    assert late.status == ItemStatus.FILED and late.review_month == clock.today().replace(day=1)
    services.visit_record(actor=world.clerk, item=late, unit=world.yongle, day=clock.today(), inspectors="张三")
    assert Visit.objects.filter(item=late).count() == 1


def test_a_proposal_still_waiting_cannot_be_carried_out(world):
    item = propose(world)
    with pytest.raises(InspectionError) as caught:
        services.visit_record(actor=world.clerk, item=item, unit=world.yongle, day=clock.today(), inspectors="张三")
    assert caught.value.message == str(errors.NOT_FILED % {"subject": item.subject})
    assert not Visit.objects.exists()


def test_refusing_needs_a_reason_and_is_audited(world):
    item = propose(world)
    events = Event.objects.count()
    with pytest.raises(InspectionInvalid):
        services.item_refuse(actor=world.reviewer, item=item, reason="\u3000 ")
    assert Event.objects.count() == events
    services.item_refuse(actor=world.reviewer, item=item, reason="与年度重点工作无关")
    item.refresh_from_db()
    assert item.status == ItemStatus.REFUSED and Event.objects.count() == events + 1
