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


def test_scope_through_a_to_many_relation_is_exactly_the_objects_one_of_whose_units_is_in_scope(world):
    """Documents belong to their issuer and their recipients: each persona's documents, counted once each, are
    those whose issuer or one of whose recipients lies in the persona's units — whatever their state."""
    from qingzhuang.documents.models import Document, Status

    w = world
    made = [
        (w.office, [w.xincheng, w.changfa], Status.ISSUED),  # two recipients in most scopes: must not repeat
        (w.civil_affairs, [w.changfa], Status.SUBMITTED),
        (w.education, [], Status.DRAFT),
        (w.yongle, [w.xincheng], Status.IN_REVIEW),
        (w.beilin_office, [w.caochangpo], Status.ISSUED),
        (w.beilin_office, [w.caochangpo, w.xincheng], Status.SUBMITTED),  # another county's, sent into 镇安县
        (w.changanlu, [], Status.RETURNED),
    ]
    recipients: dict[int, set[int]] = {}
    for issuer, units, status in made:
        doc = Document.objects.create(issuer=issuer, title=f"{issuer.name}的文件", status=status)
        doc.recipients.set(units)
        recipients[doc.pk] = {u.pk for u in units} | {issuer.pk}
    personas = [w.reviewer, w.clerk, w.leader, w.street_officer, w.secretary, w.worker, w.rider, w.outsider]
    for user in personas:
        units = set(access.unit_ids_for(user, "documents.view").values_list("id", flat=True))
        expected = sorted(pk for pk, belongs in recipients.items() if belongs & units)
        found = list(access.scoped_queryset(user, "documents.view", Document.objects.all()).values_list("pk", flat=True))
        assert sorted(found) == expected, user.username
        pending = access.scoped_queryset(user, "documents.view", Document.objects.filter(status__in=[Status.SUBMITTED, Status.IN_REVIEW]))
        assert pending.count() == len([pk for pk in expected if Document.objects.get(pk=pk).status in (Status.SUBMITTED, Status.IN_REVIEW)])
    outsiders = set(access.scoped_queryset(w.outsider, "documents.view", Document.objects.all()).values_list("issuer__county", flat=True))
    assert outsiders == {w.beilin.pk}
    secretary_sees = access.scoped_queryset(w.secretary, "documents.view", Document.objects.all()).values_list("issuer__name", flat=True)
    assert sorted(secretary_sees) == sorted(["镇安县委办公室", "永乐街道办事处", "碑林区委办公室"])
