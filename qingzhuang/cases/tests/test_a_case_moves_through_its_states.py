"""A case's whole life: raised to the paired departments, the first to accept leads, co-handlers, a meeting, resolved,
rated low and reopened, resolved again and closed — every step an event the community sees."""

import pytest

from qingzhuang.audit.models import Event as AuditEvent
from qingzhuang.cases import services
from qingzhuang.cases.errors import CaseError
from qingzhuang.cases.models import Case, Event, EventKind, Handler, Status
from qingzhuang.cases.tests.conftest import at
from qingzhuang.ledger.models import LedgerMonth


def _solved(unit):
    return sum(LedgerMonth.objects.filter(unit=unit, measure="cases.solved").values_list("value", flat=True))


def test_raising_sends_the_case_to_every_paired_department(paired, raise_case):
    case = raise_case()
    assert case.status == Status.RAISED and case.lead is None
    assert sorted(r.department.name for r in case.recipients.all()) == ["镇安县教育局", "镇安县民政局"]
    assert list(case.events.values_list("kind", flat=True)) == [EventKind.RAISED]


def test_the_first_department_to_accept_leads_and_a_second_accept_is_refused_naming_it(paired, raise_case):
    case = raise_case()
    services.case_accept(actor=paired.edu_clerk, case=case, now=at("2026-11-02 10:00"))
    with pytest.raises(CaseError) as refused:
        services.case_accept(actor=paired.clerk, case=case, now=at("2026-11-02 10:05"))
    assert refused.value.code == "already_accepted" and "镇安县教育局" in refused.value.message
    case.refresh_from_db()
    assert case.lead == paired.education
    assert Handler.objects.filter(case=case, role="lead").count() == 1


def test_a_department_the_case_was_not_raised_to_cannot_accept_it(paired, raise_case, world):
    from qingzhuang.pairing.models import Pairing

    Pairing.objects.filter(department=world.education).delete()
    case = raise_case()
    with pytest.raises(CaseError) as refused:
        services.case_accept(actor=paired.edu_clerk, case=case)
    assert refused.value.code == "not_recipient"
    case.refresh_from_db()
    assert case.status == Status.RAISED and case.lead is None


def test_the_whole_life_reopened_by_a_low_rating_and_closed_after_the_second_resolution(paired, raise_case):
    case = raise_case()
    services.case_accept(actor=paired.clerk, case=case, note="我局牵头", now=at("2026-11-02 10:00"))
    services.handler_add(actor=paired.clerk, case=case, unit=paired.yongle, part="协调居民", now=at("2026-11-02 11:00"))
    services.handler_add(actor=paired.clerk, case=case, party_name="镇安县水务公司", part="疏通管网", now=at("2026-11-02 11:10"))
    import datetime as dt

    services.meeting_record(actor=paired.clerk, case=case, kind="onsite", held_on=dt.date(2026, 11, 3), participants="民政局、永乐街道、水务公司",
                            decisions="水务公司：11月5日前疏通\n永乐街道：通知居民", now=at("2026-11-03 16:00"))
    case = services.case_resolve(actor=paired.clerk, case=case, note="已疏通", now=at("2026-11-05 17:00"))
    assert case.status == Status.RESOLVED and _solved(paired.xincheng) == 1
    services.callback_record(actor=paired.secretary, case=case, rating="dissatisfied", handler_side=True, comment="雨后又堵", now=at("2026-11-06 09:00"))
    case.refresh_from_db()
    assert case.status == Status.REOPENED and case.resolved_at is None and _solved(paired.xincheng) == 0
    case = services.case_resolve(actor=paired.clerk, case=case, note="更换管道", now=at("2026-11-10 17:00"))
    services.callback_record(actor=paired.secretary, case=case, rating="satisfied", now=at("2026-11-11 09:00"))
    case.refresh_from_db()
    assert case.status == Status.CLOSED and _solved(paired.xincheng) == 1
    kinds = list(case.events.values_list("kind", flat=True))
    assert kinds == ["raised", "accepted", "started", "handler_added", "handler_added", "meeting", "resolved", "callback", "reopened",
                     "resolved", "callback", "closed"]
    assert AuditEvent.objects.filter(model="cases.case", object_id=str(case.pk)).count() >= 5


def test_a_dissatisfied_rating_for_reasons_outside_the_handlers_closes_the_case(paired, raise_case):
    case = raise_case()
    services.case_accept(actor=paired.clerk, case=case)
    services.case_resolve(actor=paired.clerk, case=case, note="已协调")
    services.callback_record(actor=paired.secretary, case=case, rating="dissatisfied", handler_side=False, comment="居民仍有意见，非办理原因")
    case.refresh_from_db()
    assert case.status == Status.CLOSED


def test_a_returned_case_is_raised_again_with_a_fresh_clock(paired, raise_case):
    case = raise_case()
    services.case_return(actor=paired.edu_clerk, case=case, reason="属于社区自治范围", now=at("2026-11-02 10:00"))
    case.refresh_from_db()
    assert case.status == Status.RETURNED and case.return_reason == "属于社区自治范围"
    first_due = case.respond_due
    services.case_raise_again(actor=paired.secretary, case=case, note="已补充材料", now=at("2026-11-09 09:00"))
    case.refresh_from_db()
    assert case.status == Status.RAISED and case.respond_due > first_due


def test_only_the_lead_works_on_the_case(paired, raise_case):
    case = raise_case()
    services.case_accept(actor=paired.clerk, case=case)
    before = Event.objects.count()
    for call in (lambda: services.case_resolve(actor=paired.edu_clerk, case=case, note="x"),
                 lambda: services.handler_add(actor=paired.edu_clerk, case=case, party_name="开发商", part="x"),
                 lambda: services.case_pause(actor=paired.edu_clerk, case=case, reason="x")):
        with pytest.raises(CaseError) as refused:
            call()
        assert refused.value.code == "not_lead"
    assert Event.objects.count() == before


def test_a_duplicate_is_merged_and_stops(paired, raise_case):
    first = raise_case()
    second = raise_case(title="三号楼下水道堵了")
    services.case_accept(actor=paired.clerk, case=second)
    services.case_merge(actor=paired.clerk, case=second, into=first, note="重复")
    second.refresh_from_db()
    assert second.status == Status.MERGED and second.merged_into == first
    with pytest.raises(CaseError):
        services.case_merge(actor=paired.clerk, case=first, into=first)


def test_a_community_with_no_paired_department_raises_to_its_street_office(world):
    from qingzhuang.cases.services import case_raise

    case = case_raise(actor=world.secretary, community=world.xincheng, title="路灯不亮", description="主干道路灯损坏", category="infrastructure",
                      beyond_power=True)
    assert [r.department for r in case.recipients.all()] == [world.yongle]
    services.case_accept(actor=world.street_officer, case=case)
    case.refresh_from_db()
    assert case.lead == world.yongle


def test_the_database_refuses_a_second_lead_row(paired, raise_case):
    from django.db import IntegrityError, transaction
    from django.utils import timezone

    case = raise_case()
    services.case_accept(actor=paired.clerk, case=case)
    with pytest.raises(IntegrityError), transaction.atomic():
        Handler.objects.create(case=case, unit=paired.education, role="lead", added_at=timezone.now())
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.filter(pk=case.pk).update(lead=None)
