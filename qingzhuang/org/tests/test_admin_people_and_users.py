import pytest

from qingzhuang.audit.models import Event
from qingzhuang.org import services
from qingzhuang.org.models import Person, Role, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(world):
    def make(user):
        user.is_staff = True
        user.save()
        return user

    return make


def test_phone_and_id_number_are_masked_in_the_list_without_personal_data_rights(world, staff, client):
    # As a department clerk of the 碑林 office the reviewer may see its people, but not their numbers.
    services.role_assign(actor=None, user=world.reviewer, role=Role.DEPARTMENT_CLERK, unit=world.beilin_office)
    client.force_login(staff(world.reviewer))
    response = client.get("/admin/org/person/")
    rows = {p.name: p for p in response.context["cl"].result_list}
    admin = response.context["cl"].model_admin
    beilin = rows["outsider姓名"]
    zhenan = rows["worker姓名"]
    assert admin.phone_shown(zhenan) == "13912345678"
    assert admin.phone_shown(beilin) == "139****5678"
    assert admin.id_number_shown(beilin) == "6101**********1234"
    page = response.content.decode()
    assert "139****5678" in page


def test_person_change_page_hides_numbers_without_personal_data_rights(world, staff, client):
    services.role_assign(actor=None, user=world.reviewer, role=Role.DEPARTMENT_CLERK, unit=world.beilin_office)
    client.force_login(staff(world.reviewer))
    outsider_person = Person.objects.get(user=world.outsider)
    page = client.get(f"/admin/org/person/{outsider_person.pk}/change/").content.decode()
    assert "13912345678" not in page and "139****5678" in page


def test_reviewer_sees_users_with_roles_in_their_county_only(world, staff, client):
    client.force_login(staff(world.reviewer))
    listed = set(client.get("/admin/org/user/").context["cl"].result_list)
    assert {world.secretary, world.clerk, world.rider} <= listed
    assert world.outsider not in listed and world.admin not in listed


def test_system_administrator_sees_every_user(world, client):
    client.force_login(world.admin)
    listed = set(client.get("/admin/org/user/").context["cl"].result_list)
    assert listed == set(User.objects.all())


def test_reviewer_cannot_make_a_user_staff_or_superuser(world, staff, client):
    client.force_login(staff(world.reviewer))
    response = client.post(
        f"/admin/org/user/{world.secretary.pk}/change/",
        {"username": "secretary", "person": world.secretary.person_id, "language": "en", "is_active": "on",
         "first_name": "", "last_name": "", "email": "", "is_staff": "on", "is_superuser": "on"},
    )
    assert response.status_code == 302
    world.secretary.refresh_from_db()
    assert world.secretary.language == "en"
    assert not world.secretary.is_staff and not world.secretary.is_superuser
    event = Event.objects.get(model="org.user", object_id=str(world.secretary.pk), action="update")
    assert event.changes == {"language": ["zh-hans", "en"]}


def test_reviewer_cannot_edit_a_user_who_also_acts_in_another_county(world, staff, client):
    services.role_assign(actor=None, user=world.worker, role=Role.RIDER, unit=world.caochangpo)
    client.force_login(staff(world.reviewer))
    response = client.post(
        f"/admin/org/user/{world.worker.pk}/change/",
        {"username": "hijacked", "person": world.worker.person_id, "language": "zh-hans", "is_active": ""},
    )
    assert response.status_code == 403
    world.worker.refresh_from_db()
    assert world.worker.username == "worker" and world.worker.is_active
