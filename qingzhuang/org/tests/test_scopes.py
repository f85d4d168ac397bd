import pytest
from django.urls import reverse

from qingzhuang.audit.models import Event
from qingzhuang.org import access, selectors
from qingzhuang.org.models import Unit

pytestmark = pytest.mark.django_db


def test_county_reviewer_sees_the_whole_county_and_nothing_of_another(world):
    visible = set(selectors.units_visible(world.reviewer).values_list("name", flat=True))
    assert {"镇安县委办公室", "镇安县民政局", "新城社区", "长发村"} <= visible
    assert not visible & {"碑林区委办公室", "草场坡社区", "长安路街道办事处"}


def test_department_clerk_sees_the_county_to_address_it(world):
    visible = set(selectors.units_visible(world.clerk).values_list("name", flat=True))
    assert "长发村" in visible and "草场坡社区" not in visible


def test_street_officer_sees_only_their_street_and_below(world):
    visible = set(selectors.units_visible(world.street_officer).values_list("name", flat=True))
    assert visible == {"永乐街道办事处", "新城社区"}


def test_community_secretary_sees_only_their_community(world):
    assert list(selectors.units_visible(world.secretary).values_list("name", flat=True)) == ["新城社区"]


def test_outsider_is_refused_another_countys_unit_page(world, client_for):
    response = client_for(world.outsider).get(reverse("org:unit", args=[world.changfa.pk]))
    assert response.status_code == 403
    assert "权限" in response.content.decode()


def test_refused_unit_update_changes_nothing(world):
    before_events = Event.objects.count()
    with pytest.raises(access.PermissionDenied):
        from qingzhuang.org.services import unit_update

        unit_update(actor=world.outsider, unit=world.changfa, name="改名村")
    world.changfa.refresh_from_db()
    assert world.changfa.name == "长发村"
    assert Event.objects.count() == before_events


def test_rider_cannot_read_residents_phone_numbers_in_clear(world):
    rows = selectors.people_of(user=world.rider, unit=world.xincheng)
    assert rows and all(r.masked and "****" in r.phone for r in rows)
    clear = selectors.people_of(user=world.secretary, unit=world.xincheng)
    assert all(not r.masked and r.phone == "13912345678" for r in clear)


def test_system_admin_sees_every_county(world):
    assert selectors.units_visible(world.admin).count() == Unit.objects.count()


def test_pinyin_full_and_initials_find_zhenan(world):
    for q in ("zhenan", "zax", "镇安", "611025"):
        names = [r.name for r in selectors.region_search(user=world.reviewer, q=q)]
        assert names and names[0] == "镇安县", q


def test_search_never_crosses_the_county_wall(world):
    assert selectors.unit_search(user=world.outsider, q="changfa") == []
    assert [u.name for u in selectors.unit_search(user=world.reviewer, q="changfa")] == ["长发村"]
