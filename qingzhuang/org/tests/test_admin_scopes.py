import pytest

from qingzhuang.audit.models import Event
from qingzhuang.org.models import Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_reviewer(world):
    world.reviewer.is_staff = True
    world.reviewer.save()
    return world.reviewer


def test_zhenan_reviewer_lists_only_zhenan_units(world, staff_reviewer, client):
    client.force_login(staff_reviewer)
    response = client.get("/admin/org/unit/")
    assert response.status_code == 200
    listed = set(response.context["cl"].result_list)
    assert world.xincheng in listed and world.changfa in listed
    assert not listed & {world.beilin_office, world.changanlu, world.caochangpo}


def test_opening_a_beilin_unit_is_refused(world, staff_reviewer, client):
    client.force_login(staff_reviewer)
    response = client.get(f"/admin/org/unit/{world.caochangpo.pk}/change/")
    assert response.status_code in (302, 403)
    assert "草场坡社区" not in response.content.decode()


def test_posting_a_change_to_a_beilin_unit_changes_nothing(world, staff_reviewer, client):
    client.force_login(staff_reviewer)
    before = list(Unit.objects.order_by("pk").values_list("pk", "name", "short_name", "is_active"))
    events = Event.objects.count()
    response = client.post(
        f"/admin/org/unit/{world.caochangpo.pk}/change/", {"name": "被改名", "short_name": "x", "is_active": ""}
    )
    assert response.status_code in (302, 403)
    assert list(Unit.objects.order_by("pk").values_list("pk", "name", "short_name", "is_active")) == before
    assert Event.objects.count() == events


def test_deleting_a_beilin_unit_is_refused_and_changes_nothing(world, staff_reviewer, client):
    client.force_login(staff_reviewer)
    response = client.post(f"/admin/org/unit/{world.caochangpo.pk}/delete/", {"post": "yes"})
    assert response.status_code in (302, 403)
    assert Unit.objects.filter(pk=world.caochangpo.pk).exists()


def test_parent_choices_are_limited_to_the_reviewers_units(world, staff_reviewer, client):
    client.force_login(staff_reviewer)
    response = client.get("/admin/org/unit/add/")
    choices = response.context["adminform"].form.fields["parent"].queryset
    assert world.yongle in choices and world.changanlu not in choices


def test_adding_a_unit_under_another_countys_unit_is_refused(world, staff_reviewer, client):
    client.force_login(staff_reviewer)
    count = Unit.objects.count()
    response = client.post(
        "/admin/org/unit/add/",
        {"name": "新单位", "short_name": "", "kind": "community", "region": world.beilin.pk, "parent": world.changanlu.pk},
    )
    assert response.status_code == 200 and response.context["adminform"].form.errors
    assert Unit.objects.count() == count


def test_region_is_read_only_for_a_reviewer(world, staff_reviewer, client):
    client.force_login(staff_reviewer)
    assert client.get(f"/admin/org/region/{world.zhenan.pk}/change/").status_code == 200
    response = client.post(f"/admin/org/region/{world.zhenan.pk}/change/", {"name": "改名县", "code": "611025"})
    assert response.status_code == 403
    world.zhenan.refresh_from_db()
    assert world.zhenan.name == "镇安县"
    assert client.get("/admin/org/region/add/").status_code == 403


def test_autocomplete_offers_only_units_in_scope(world, staff_reviewer, client):
    client.force_login(staff_reviewer)
    response = client.get(
        "/admin/autocomplete/", {"app_label": "org", "model_name": "unit", "field_name": "parent", "term": "社区"}
    )
    assert response.status_code == 200
    names = {r["text"] for r in response.json()["results"]}
    assert "新城社区" in names and "草场坡社区" not in names
