import pytest

from qingzhuang.audit.models import Event

pytestmark = pytest.mark.django_db


def test_reviewer_sees_their_county_events_and_not_beilins(world, client):
    client.force_login(world.reviewer)
    response = client.get("/audit/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "新城社区" in page and "长发村" in page
    assert "草场坡社区" not in page and "碑林区委办公室" not in page


def test_the_unit_filter_offers_only_units_in_scope(world, client):
    client.force_login(world.reviewer)
    units = dict(client.get("/audit/").context["form"].fields["unit"].choices)
    assert str(world.xincheng.pk) in units
    assert str(world.caochangpo.pk) not in units


def test_asking_for_an_outside_unit_is_an_error_and_shows_nothing_outside(world, client):
    client.force_login(world.reviewer)
    response = client.get("/audit/", {"unit": world.caochangpo.pk})
    assert response.context["form"].errors["unit"]
    assert "草场坡社区" not in {row.object for row in response.context["rows"]}


def test_unit_filter_includes_the_units_below(world, client):
    client.force_login(world.reviewer)
    response = client.get("/audit/", {"unit": world.yongle.pk})
    units = {row.unit for row in response.context["rows"]}
    assert units == {"永乐街道办事处", "新城社区"}


def test_another_countys_object_history_is_refused(world, client):
    client.force_login(world.reviewer)
    response = client.get(f"/audit/org.unit/{world.caochangpo.pk}/")
    assert response.status_code == 403


def test_object_history_of_nothing_is_not_found(world, client):
    client.force_login(world.reviewer)
    assert client.get("/audit/org.unit/999999/").status_code == 404


def test_system_admin_sees_every_county(world, client):
    client.force_login(world.admin)
    response = client.get("/audit/", {"model": "org.unit"})
    assert response.context["page"].paginator.count == Event.objects.filter(model="org.unit").count()
