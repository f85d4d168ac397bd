import pytest

from qingzhuang.audit.models import Event
from qingzhuang.org.models import CommunityProfile, Person, Role, RoleAssignment

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(world, client):
    world.reviewer.is_staff = True
    world.reviewer.save()
    client.force_login(world.reviewer)
    return client


def test_editing_a_unit_in_the_admin_records_before_and_after(world, staff_client):
    response = staff_client.post(
        f"/admin/org/unit/{world.xincheng.pk}/change/", {"name": "新城社区", "short_name": "新城", "is_active": "on"}
    )
    assert response.status_code == 302
    world.xincheng.refresh_from_db()
    assert world.xincheng.short_name == "新城"
    event = Event.objects.filter(model="org.unit", object_id=str(world.xincheng.pk), action="update").get()
    assert event.actor == world.reviewer and event.unit == world.xincheng
    assert event.changes == {"short_name": ["", "新城"]}


def test_editing_a_person_records_the_change_and_refreshes_pinyin(world, staff_client):
    person = Person.objects.get(user=world.worker)
    response = staff_client.post(
        f"/admin/org/person/{person.pk}/change/",
        {"name": "王小明", "kind": person.kind, "unit": world.xincheng.pk, "position": "网格员", "phone": person.phone, "id_number": person.id_number},
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.pinyin == "wangxiaoming"
    event = Event.objects.filter(model="org.person", object_id=str(person.pk), action="update").get()
    assert event.changes["name"] == ["worker姓名", "王小明"]
    assert event.changes["position"] == ["", "网格员"]


def test_setting_a_profile_in_the_admin_goes_through_the_service(world, staff_client):
    response = staff_client.post(
        "/admin/org/communityprofile/add/",
        {"unit": world.changfa.pk, "valid_from": "2025-01-01", "valid_to": "", "households": 900, "residents": 2600, "staff": 7},
    )
    assert response.status_code == 302
    old = CommunityProfile.objects.get(unit=world.changfa, valid_from="2024-01-01")
    assert str(old.valid_to) == "2024-12-31"  # the service closed the previous period
    assert Event.objects.filter(model="org.communityprofile", action="create", unit=world.changfa).exists()


def test_assigning_and_removing_a_role_is_audited(world, staff_client):
    response = staff_client.post(
        "/admin/org/roleassignment/add/",
        {"user": world.worker.pk, "role": Role.COMMUNITY_SECRETARY, "unit": world.xincheng.pk},
    )
    assert response.status_code == 302
    assignment = RoleAssignment.objects.get(user=world.worker, role=Role.COMMUNITY_SECRETARY)
    assert Event.objects.filter(model="org.roleassignment", object_id=str(assignment.pk), action="create").exists()
    response = staff_client.post(f"/admin/org/roleassignment/{assignment.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not RoleAssignment.objects.filter(pk=assignment.pk).exists()
    deleted = Event.objects.get(model="org.roleassignment", object_id=str(assignment.pk), action="delete")
    assert deleted.actor == world.reviewer and deleted.unit == world.xincheng


def test_a_reviewer_cannot_grant_the_system_administrator_role(world, staff_client):
    count = RoleAssignment.objects.count()
    response = staff_client.post(
        "/admin/org/roleassignment/add/",
        {"user": world.worker.pk, "role": Role.SYSTEM_ADMIN, "unit": world.xincheng.pk},
    )
    assert response.status_code == 200 and response.context["adminform"].form.errors["role"]
    assert RoleAssignment.objects.count() == count


def test_a_service_refusal_is_shown_as_a_message_and_saves_nothing(world, staff_client):
    from qingzhuang.org.models import Unit

    count, events = Unit.objects.count(), Event.objects.count()
    response = staff_client.post(
        "/admin/org/unit/add/",
        # The county's own region is above 新城社区's region: the service refuses the parent.
        {"name": "网格站", "short_name": "", "kind": "community", "region": world.zhenan.pk, "parent": world.xincheng.pk},
        follow=True,
    )
    assert response.status_code == 200
    assert any("上级单位" in str(m) for m in response.context["messages"])
    assert Unit.objects.count() == count and Event.objects.count() == events


def test_setting_a_password_in_the_admin_is_audited(world, client):
    client.force_login(world.admin)
    response = client.post(
        f"/admin/org/user/{world.secretary.pk}/password/",
        {"password1": "Xincheng-2026-ok", "password2": "Xincheng-2026-ok", "usable_password": "true"},
    )
    assert response.status_code == 302
    world.secretary.refresh_from_db()
    assert world.secretary.check_password("Xincheng-2026-ok")
    event = Event.objects.get(model="org.user", object_id=str(world.secretary.pk), action="set_password")
    assert event.actor == world.admin and event.unit == world.xincheng
    assert "Xincheng" not in str(event.changes)
