"""Carrying out: visits (who, when, days on site), findings as advice or problems with the unit's
response, the unit's feedback on how heavy it was; the ledger counts items received and days on site,
and its rebuild from raw records gives the same."""

import datetime as dt

import pytest

from qingzhuang.audit.models import Event
from qingzhuang.inspections import services
from qingzhuang.inspections.errors import InspectionError, InspectionInvalid
from qingzhuang.inspections.ledger import compute_assessments_received, compute_on_site_days, compute_received
from qingzhuang.inspections.models import Feedback, Finding, ItemStatus
from qingzhuang.inspections.selectors import ASSESSMENTS_RECEIVED, ON_SITE_DAYS, RECEIVED, items_for_unit
from qingzhuang.inspections.tests.factories import filed
from qingzhuang.ledger.models import LedgerYear
from qingzhuang.lib import clock

pytestmark = pytest.mark.django_db


def _ledger(unit, code, year):
    row = LedgerYear.objects.filter(unit=unit, measure=code, year=year).first()
    return row.value if row else 0.0


def test_a_carried_out_inspection_counts_once_per_inspected_unit(world, settings):
    settings.QZ_TODAY = "2026-11-20"
    item = filed(world, window_start=dt.date(2026, 11, 1), window_end=dt.date(2026, 11, 10))
    services.visit_record(actor=world.clerk, item=item, unit=world.yongle, day=dt.date(2026, 11, 3), inspectors="王科长、李干事", on_site_days=2)
    services.visit_record(actor=world.clerk, item=item, unit=world.xikou, day=dt.date(2026, 11, 5), inspectors="王科长", on_site_days=1)
    services.item_carry_out(actor=world.clerk, item=item)
    item.refresh_from_db()
    assert item.status == ItemStatus.CARRIED_OUT and item.carried_out_on == dt.date(2026, 11, 5)
    assert _ledger(world.yongle, RECEIVED, 2026) == 1 and _ledger(world.xikou, RECEIVED, 2026) == 1
    assert _ledger(world.yongle, ON_SITE_DAYS, 2026) == 2
    assert _ledger(world.yongle, ASSESSMENTS_RECEIVED, 2026) == 0


def test_the_rebuild_rows_equal_what_the_services_added(world, settings):
    settings.QZ_TODAY = "2026-11-20"
    item = filed(world, kind="assessment", window_start=dt.date(2026, 11, 1), window_end=dt.date(2026, 11, 10))
    services.visit_record(actor=world.clerk, item=item, unit=world.yongle, day=dt.date(2026, 11, 3), inspectors="王科长", on_site_days=1)
    services.item_carry_out(actor=world.clerk, item=item)
    start, end = dt.date(2026, 1, 1), dt.date(2027, 1, 1)
    assert sorted(compute_assessments_received(start, end)) == sorted(
        [(world.yongle.pk, dt.date(2026, 11, 3), 1.0, world.civil_affairs.pk), (world.xikou.pk, dt.date(2026, 11, 3), 1.0, world.civil_affairs.pk)]
    )
    assert list(compute_received(start, end)) == []
    assert list(compute_on_site_days(start, end)) == [(world.yongle.pk, dt.date(2026, 11, 3), 1.0, world.civil_affairs.pk)]


def test_an_on_site_item_without_a_visit_cannot_be_marked_carried_out(world):
    item = filed(world)
    with pytest.raises(InspectionError):
        services.item_carry_out(actor=world.clerk, item=item)
    item.refresh_from_db()
    assert item.status == ItemStatus.FILED


def test_a_visit_in_the_future_or_to_another_unit_is_refused(world):
    item = filed(world)
    with pytest.raises(InspectionInvalid):
        services.visit_record(actor=world.clerk, item=item, unit=world.yongle, day=clock.today() + dt.timedelta(days=1), inspectors="王")
    with pytest.raises(InspectionInvalid):
        services.visit_record(actor=world.clerk, item=item, unit=world.changfa, day=clock.today(), inspectors="王")
    assert not item.visits.exists()


def test_findings_are_advice_or_problems_and_the_unit_answers(world):
    item = filed(world, targets=[world.xincheng])
    advice = services.finding_add(actor=world.clerk, item=item, unit=world.xincheng, kind="advice", text="建议把低保复核与入户走访合并进行")
    problem = services.finding_add(actor=world.clerk, item=item, unit=world.xincheng, kind="problem", text="两户对象收入核查不及时")
    services.finding_respond(actor=world.secretary, finding=problem, response="已于本周完成复核")
    problem.refresh_from_db()
    assert problem.response == "已于本周完成复核" and problem.responded_at is not None
    assert {f.kind for f in Finding.objects.all()} == {"advice", "problem"}
    assert advice.response == ""
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.finding_respond(actor=world.outsider, finding=advice, response="越权")
    advice.refresh_from_db()
    assert advice.response == ""


def test_the_inspected_unit_sees_it_coming_and_says_how_heavy_it_was(world):
    item = filed(world, targets=[world.xincheng])
    assert list(items_for_unit(world.xincheng)) == [item]
    events = Event.objects.count()
    services.feedback_give(actor=world.secretary, item=item, unit=world.xincheng, heaviness=4, comment="材料准备占用两天")
    services.feedback_give(actor=world.secretary, item=item, unit=world.xincheng, heaviness=3)
    assert Feedback.objects.get().heaviness == 3
    assert Event.objects.count() == events + 2
    with pytest.raises(InspectionInvalid):
        services.feedback_give(actor=world.secretary, item=item, unit=world.xincheng, heaviness=6)
    assert Feedback.objects.get().heaviness == 3
