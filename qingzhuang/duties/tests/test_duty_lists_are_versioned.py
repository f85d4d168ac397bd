"""A duty list changes only through an approved adjustment; each approval makes a version and any day's list can be shown."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from qingzhuang.audit.models import Event
from qingzhuang.duties import selectors, services
from qingzhuang.duties.errors import DutyError
from qingzhuang.duties.models import AdjustmentStatus, DutyAdjustment, DutyItem, DutyList
from qingzhuang.duties.testing import approved_list

pytestmark = pytest.mark.django_db


def state():
    return DutyAdjustment.objects.count(), DutyList.objects.count(), DutyItem.objects.count(), Event.objects.count()


def test_an_approved_adjustment_closes_the_old_version_and_each_day_shows_its_own_list(world):
    first = approved_list(world)
    second = approved_list(world, items=[("basic", "组织居民开展自治活动", None, "")], effective_from=dt.date(2026, 7, 1))

    first.refresh_from_db()
    assert (first.version, first.valid_to, second.version, second.valid_to) == (1, dt.date(2026, 6, 30), 2, None)
    assert selectors.list_on(world.xincheng, dt.date(2026, 6, 30)) == first
    assert selectors.list_on(world.xincheng, dt.date(2026, 7, 1)) == second
    assert selectors.list_on(world.xincheng, dt.date(2025, 12, 31)) is None
    assert Event.objects.filter(model="duties.dutylist", action="update", object_id=str(first.pk)).exists()


def test_a_proposed_adjustment_changes_nothing_until_approved_and_a_rejected_one_never(world):
    approved_list(world)
    adjustment = services.adjustment_propose(actor=world.street_officer, unit=world.xincheng, effective_from=dt.date(2026, 12, 1),
                                             reason="新增事项", items=[{"section": "basic", "title": "新事项"}])
    in_force = selectors.list_on(world.xincheng, dt.date(2026, 12, 2))
    assert in_force is not None and in_force.version == 1

    services.adjustment_reject(actor=world.reviewer, adjustment=adjustment, note="与县级部门职责重复")

    adjustment.refresh_from_db()
    assert adjustment.status == AdjustmentStatus.REJECTED and DutyList.objects.filter(unit=world.xincheng).count() == 1


@pytest.mark.parametrize("who", ["secretary", "clerk", "outsider", "street_officer"])
def test_only_the_county_office_approves(world, who):
    adjustment = services.adjustment_propose(actor=None, unit=world.xincheng, effective_from=dt.date(2026, 12, 1), reason="调整",
                                             items=[{"section": "basic", "title": "新事项"}])
    before = state()

    with pytest.raises(PermissionDenied):
        services.adjustment_approve(actor=getattr(world, who), adjustment=adjustment)

    assert state() == before


def test_a_community_cannot_propose_its_own_list_and_an_outsider_cannot_touch_another_county(world):
    before = state()
    for who, unit in (("secretary", world.xincheng), ("outsider", world.xincheng), ("street_officer", world.changfa)):
        with pytest.raises(PermissionDenied):
            services.adjustment_propose(actor=getattr(world, who), unit=unit, effective_from=dt.date(2026, 12, 1), reason="调整",
                                        items=[{"section": "basic", "title": "新事项"}])
    assert state() == before


def test_an_adjustment_may_not_start_before_the_list_in_force(world):
    approved_list(world, effective_from=dt.date(2026, 6, 1))
    adjustment = services.adjustment_propose(actor=None, unit=world.xincheng, effective_from=dt.date(2026, 5, 1), reason="调整",
                                             items=[{"section": "basic", "title": "新事项"}])
    before = state()

    with pytest.raises(DutyError) as caught:
        services.adjustment_approve(actor=world.reviewer, adjustment=adjustment)

    assert caught.value.code == "effective_too_early" and state() == before


@pytest.mark.parametrize(
    ("items", "reason", "code"),
    [
        ([{"section": "basic", "title": "\u3000\u00a0\u200b"}], "调整", "required"),
        ([{"section": "basic", "title": "事项\x00"}], "调整", "unstorable"),
        ([{"section": "basic", "title": "事项\ud800"}], "调整", "unstorable"),
        ([{"section": "basic", "title": "事" * 100_000}], "调整", "too_long"),
        ([{"section": "chief", "title": "事项"}], "调整", "not_a_choice"),
        ([{"section": "basic", "title": "事项", "department_id": 10**23}], "调整", "department_unknown"),
        ([{"section": "basic", "title": "事项", "department_id": -5}], "调整", "department_unknown"),
        ([{"section": "supporting", "title": "事项"}], "调整", "no_items"),
        ([], "调整", "no_items"),
        ([{"section": "basic", "title": "事项"}, {"section": "basic", "title": "事项"}], "调整", "item_twice"),
        ([{"section": "basic", "title": "事项"}], "\u200b", "required"),
    ],
)
def test_a_bad_list_is_refused_with_a_clear_message_and_nothing_is_written(world, items, reason, code):
    before = state()

    with pytest.raises(DutyError) as caught:
        services.adjustment_propose(actor=world.reviewer, unit=world.xincheng, effective_from=dt.date(2026, 12, 1), reason=reason, items=items)

    assert caught.value.code == code and caught.value.message
    assert state() == before
