"""Who may do what: a department proposes and carries out its own items; only the county office accepts,
merges, files and passes the monthly review; the inspected unit answers and gives feedback; an outsider
from another county sees nothing. Every denied action changes nothing."""

import pytest
from django.core.exceptions import PermissionDenied

from qingzhuang.audit.models import Event
from qingzhuang.inspections import services
from qingzhuang.inspections.models import Feedback, Item, ItemStatus, Visit
from qingzhuang.inspections.selectors import items_visible
from qingzhuang.inspections.tests.factories import filed, propose
from qingzhuang.lib import clock

pytestmark = pytest.mark.django_db


def _state():
    return (list(Item.objects.values_list("pk", "status").order_by("pk")), Visit.objects.count(), Feedback.objects.count(), Event.objects.count())


def test_each_persona_sees_its_own_tree(world):
    item = propose(world, targets=[world.xincheng])
    other = propose(world, actor=world.reviewer, lead=world.education, subject="教育督查", kind="supervision", targets=[world.changfa])
    assert set(items_visible(world.reviewer)) == {item, other}
    assert set(items_visible(world.clerk)) == {item}
    # The inspected units see an item once it is announced (filed), not while it is proposed.
    assert list(items_visible(world.secretary)) == [] and list(items_visible(world.street_officer)) == []
    services.item_accept(actor=world.reviewer, item=item)
    services.item_accept(actor=world.reviewer, item=other)
    services.plan_file(actor=world.reviewer, plan=item.plan)
    assert set(items_visible(world.secretary)) == {item}
    assert set(items_visible(world.street_officer)) == {item}  # 新城社区 is under 永乐街道
    assert list(items_visible(world.outsider)) == []
    assert list(items_visible(world.rider)) == []


@pytest.mark.parametrize("persona", ["secretary", "worker", "rider", "outsider"])
def test_those_who_do_not_lead_cannot_propose(world, persona):
    before = _state()
    with pytest.raises(PermissionDenied):
        propose(world, actor=getattr(world, persona))
    assert _state() == before


@pytest.mark.parametrize("persona", ["clerk", "leader", "street_officer", "secretary", "outsider"])
def test_only_the_county_office_accepts_refuses_and_files(world, persona):
    item = propose(world)
    before = _state()
    user = getattr(world, persona)
    for action in (
        lambda: services.item_accept(actor=user, item=item),
        lambda: services.item_refuse(actor=user, item=item, reason="不需要"),
        lambda: services.plan_file(actor=user, plan=item.plan),
    ):
        with pytest.raises(PermissionDenied):
            action()
    assert _state() == before


def test_another_department_or_the_inspected_unit_cannot_record_visits(world):
    item = filed(world, targets=[world.xincheng])
    before = _state()
    for user in (world.secretary, world.outsider, world.street_officer):
        with pytest.raises(PermissionDenied):
            services.visit_record(actor=user, item=item, unit=world.xincheng, day=clock.today(), inspectors="王")
    assert _state() == before


def test_only_the_inspected_unit_gives_feedback(world):
    item = filed(world, targets=[world.xincheng])
    before = _state()
    with pytest.raises(PermissionDenied):
        services.feedback_give(actor=world.outsider, item=item, unit=world.xincheng, heaviness=1)
    with pytest.raises(PermissionDenied):
        services.feedback_give(actor=world.secretary, item=item, unit=world.changfa, heaviness=1)
    assert _state() == before


def test_every_state_change_is_audited(world):
    events = Event.objects.count()
    item = propose(world, targets=[world.xincheng])
    assert Event.objects.count() == events + 2  # the plan opened, the item proposed
    services.item_accept(actor=world.reviewer, item=item)
    services.plan_file(actor=world.reviewer, plan=item.plan)  # the item filed, the plan filed
    services.visit_record(actor=world.clerk, item=item, unit=world.xincheng, day=clock.today(), inspectors="王")
    finding = services.finding_add(actor=world.clerk, item=item, unit=world.xincheng, kind="problem", text="台账不全")
    services.finding_respond(actor=world.secretary, finding=finding, response="已补齐")
    services.item_carry_out(actor=world.clerk, item=item)
    services.feedback_give(actor=world.secretary, item=item, unit=world.xincheng, heaviness=2)
    trail = list(Event.objects.order_by("id").values_list("model", "action")[events:])
    assert ("inspections.item", "create") in trail and ("inspections.inspectionplan", "update") in trail
    assert ("inspections.visit", "create") in trail and ("inspections.finding", "update") in trail
    assert ("inspections.feedback", "create") in trail
    assert [a for m, a in trail if m == "inspections.item"].count("update") >= 3  # accepted, filed, carried out
    item.refresh_from_db()
    assert item.status == ItemStatus.CARRIED_OUT
