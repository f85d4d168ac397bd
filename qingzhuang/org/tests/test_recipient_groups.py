"""Saved recipient groups: created from a choice, owned by a unit and shared by its staff, changed and
deleted with an audit row each; what may not go in is refused and nothing is written."""

import pytest
from django.core.exceptions import PermissionDenied

from qingzhuang.audit.models import Event
from qingzhuang.org import picker, services
from qingzhuang.org.errors import OrgError
from qingzhuang.org.models import RecipientGroup, Role, Unit, UnitKind
from qingzhuang.org.testing import _user

pytestmark = pytest.mark.django_db


def _state():
    return (
        list(RecipientGroup.objects.order_by("pk").values_list("pk", "name", "owner_id")),
        sorted(RecipientGroup.members.through.objects.values_list("recipientgroup_id", "unit_id")),
        Event.objects.count(),
    )


def test_a_clerk_saves_a_group_for_their_department_and_it_is_audited(world):
    group = services.recipient_group_create(
        actor=world.clerk, owner=world.civil_affairs, name=" 城区社区 ", members=[world.xincheng, world.changfa, world.xincheng]
    )

    assert group.name == "城区社区"
    assert sorted(group.members.values_list("pk", flat=True)) == sorted([world.xincheng.pk, world.changfa.pk])
    event = Event.objects.get(model="org.recipientgroup", object_id=str(group.pk))
    assert event.action == "create" and event.unit_id == world.civil_affairs.pk
    assert event.changes["members"] == [None, sorted([world.xincheng.pk, world.changfa.pk])]


def test_the_owning_units_other_staff_see_and_change_the_group_and_others_do_not(world):
    group = services.recipient_group_create(actor=world.clerk, owner=world.civil_affairs, name="城区社区", members=[world.xincheng])
    education_clerk = _user("edu_clerk", world.education, Role.DEPARTMENT_CLERK)

    assert list(picker.groups_for(world.leader)) == [group]
    assert list(picker.groups_for(education_clerk)) == []
    assert list(picker.groups_for(world.outsider)) == []
    services.recipient_group_update(actor=world.leader, group=group, members=[world.xincheng, world.changfa])
    before = _state()
    with pytest.raises(PermissionDenied):
        services.recipient_group_update(actor=education_clerk, group=group, name="改名")
    with pytest.raises(PermissionDenied):
        services.recipient_group_delete(actor=world.outsider, group=group)
    assert _state() == before


def test_renaming_and_changing_members_records_both_and_deleting_records_the_members(world):
    group = services.recipient_group_create(actor=world.clerk, owner=world.civil_affairs, name="城区社区", members=[world.xincheng])

    services.recipient_group_update(actor=world.clerk, group=group, name="城区", members=[world.xincheng, world.changfa])
    update = Event.objects.filter(model="org.recipientgroup", action="update").get()
    services.recipient_group_delete(actor=world.clerk, group=group)

    assert update.changes["name"] == ["城区社区", "城区"]
    assert update.changes["members"] == [[world.xincheng.pk], sorted([world.xincheng.pk, world.changfa.pk])]
    deleted = Event.objects.filter(model="org.recipientgroup", action="delete").get()
    assert deleted.changes["members"][0] == sorted([world.xincheng.pk, world.changfa.pk])
    assert not RecipientGroup.objects.exists()


def test_saving_for_a_unit_the_user_does_not_work_for_is_refused(world):
    before = _state()

    with pytest.raises(PermissionDenied):
        services.recipient_group_create(actor=world.clerk, owner=world.education, name="城区社区", members=[world.xincheng])
    with pytest.raises(PermissionDenied):
        services.recipient_group_create(actor=world.secretary, owner=world.xincheng, name="城区社区", members=[world.xincheng])

    assert _state() == before


@pytest.mark.parametrize(
    ("name", "code"),
    [("\u3000\u200b\xa0", "required"), ("", "required"), ("组" * 51, "too_long"), ("城区\x00社区", "unstorable"),
     ("城区\ud800社区", "unstorable"), ("社" * 100_000, "too_long")],
)
def test_a_group_name_that_is_blank_too_long_or_unstorable_is_refused(world, name, code):
    before = _state()

    with pytest.raises(OrgError) as err:
        services.recipient_group_create(actor=world.clerk, owner=world.civil_affairs, name=name, members=[world.xincheng])

    assert (err.value.code, err.value.field) == (code, "name")
    assert "组" in err.value.message or "名" in err.value.message
    assert _state() == before


def test_a_name_taken_by_the_same_unit_is_refused_and_another_unit_may_use_it(world):
    services.recipient_group_create(actor=world.clerk, owner=world.civil_affairs, name="城区社区", members=[world.xincheng])
    before = _state()

    with pytest.raises(OrgError) as err:
        services.recipient_group_create(actor=world.leader, owner=world.civil_affairs, name="城区社区", members=[world.changfa])

    assert err.value.code == "group_name_taken" and "城区社区" in err.value.message
    assert _state() == before
    services.recipient_group_create(actor=world.street_officer, owner=world.yongle, name="城区社区", members=[world.xincheng])


def test_a_deactivated_unit_another_countys_unit_or_no_unit_is_refused(world):
    services.unit_update(actor=None, unit=world.changfa, is_active=False)
    before = _state()

    for members, code in (([world.changfa], "group_member_inactive"), ([world.caochangpo], "group_member_outside"), ([], "group_empty")):
        with pytest.raises(OrgError) as err:
            services.recipient_group_create(actor=world.clerk, owner=world.civil_affairs, name="城区社区", members=members)
        assert err.value.code == code

    assert _state() == before


def test_a_street_officer_cannot_put_a_unit_outside_their_street_in_a_group(world):
    before = _state()

    with pytest.raises(OrgError) as err:
        services.recipient_group_create(actor=world.street_officer, owner=world.yongle, name="西口", members=[world.changfa])

    assert err.value.code == "group_member_outside" and "长发村" in err.value.message
    assert _state() == before


@pytest.mark.parametrize("ids", [["10" + "0" * 22], ["-5"], ["x"], ["1e3"], ["9" * 18], ["\u0661"]])
def test_posted_ids_that_are_no_units_of_ours_are_refused(world, ids):
    with pytest.raises(OrgError) as err:
        picker.units_from_ids(ids)

    assert err.value.code == "unit_unknown"


def test_a_groups_deactivated_and_not_offered_members_are_named_when_it_is_used(world):
    services.recipient_group_create(
        actor=world.clerk, owner=world.civil_affairs, name="城区社区", members=[world.xincheng, world.changfa, world.yongle]
    )
    services.unit_update(actor=None, unit=world.changfa, is_active=False)
    offered = {u.pk for u in Unit.objects.filter(kind__in=(UnitKind.COMMUNITY, UnitKind.VILLAGE), is_active=True)}

    (choice,) = picker.group_choices(picker.groups_for(world.clerk), offered)

    assert choice.usable == [world.xincheng.pk]
    assert choice.dropped_inactive == ["长发村"] and choice.dropped_outside == ["永乐街道办事处"]
    assert "长发村" in choice.note and "永乐街道办事处" in choice.note
