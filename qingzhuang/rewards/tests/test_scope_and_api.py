"""Scope: a rider sees their own growth and redemptions only (pages and API), a community's staff see their riders,
another county sees nothing; the API redeems, refuses in the one error shape, and lists only one's own things."""

import pytest

from qingzhuang.org.models import Role
from qingzhuang.org.testing import _user
from qingzhuang.rewards import services, store
from qingzhuang.rewards.models import Redemption
from qingzhuang.rewards.testing import county_course, give_points, rider, store_item
from qingzhuang.riders import points

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_riders(world):
    other_user = _user("rider2", world.xincheng, Role.RIDER)
    ma, li = rider(world, user=world.rider), rider(world, name="李强", phone="13912345679", user=other_user)
    give_points(ma, 100)
    give_points(li, 100)
    return ma, li, other_user


def test_a_rider_sees_only_their_own_growth_and_redemptions(world, client, two_riders):
    ma, li, other_user = two_riders
    item = store_item(world, price=30, stock=5)
    mine = store.redeem(actor=world.rider, item=item)
    theirs = store.redeem(actor=other_user, item=item)
    client.force_login(world.rider)

    assert client.get(f"/rewards/riders/{ma.pk}/").status_code == 200
    assert client.get(f"/rewards/riders/{li.pk}/").status_code == 403
    assert client.get(f"/api/v1/rewards/riders/{li.pk}/growth").status_code == 403
    assert [r["id"] for r in client.get("/api/v1/rewards/store/redemptions").json()] == [mine.pk]
    assert client.get("/api/v1/rewards/growth").json()["rider_id"] == ma.pk
    course = county_course(world)
    assert [c["id"] for c in client.get("/api/v1/rewards/courses").json()] == [course.pk]
    assert client.get(f"/rewards/courses/{course.pk}/").status_code == 403  # the roster of a course is for staff
    assert theirs.code not in client.get("/rewards/shop/").content.decode()
    # Cancelling another rider's redemption is refused and changes nothing.
    assert client.post(f"/rewards/redemptions/{theirs.pk}/cancel/").status_code == 403
    assert Redemption.objects.get(pk=theirs.pk).status == "reserved" and points.balance(li) == 70


def test_staff_see_their_communitys_riders_and_another_county_sees_nothing(world, client, two_riders):
    ma, _li, _user2 = two_riders
    course = county_course(world)
    services.completion_mark(actor=world.secretary, course=course, rider=ma, reason="补课合格")
    client.force_login(world.secretary)
    page = client.get("/rewards/riders/").content.decode()
    assert "马骏" in page and "李强" in page
    assert client.get(f"/api/v1/rewards/riders/{ma.pk}/growth").json()["axes"][0]["count"] == 1

    client.force_login(world.outsider)
    assert "马骏" not in client.get("/rewards/riders/").content.decode()
    assert client.get(f"/rewards/riders/{ma.pk}/").status_code == 403
    assert client.get(f"/rewards/courses/{course.pk}/").status_code == 403
    assert client.get("/api/v1/rewards/courses").json() == []
    assert client.get(f"/rewards/store/?community={world.xincheng.pk}").status_code == 403


def test_the_api_redeems_and_refuses_beyond_the_balance_in_the_one_error_shape(world, client, two_riders):
    ma, _li, _other = two_riders
    cheap, dear = store_item(world, name="手机支架", price=15, stock=3), store_item(world, name="大米", price=150, stock=3)
    client.force_login(world.rider)
    assert [i["name"] for i in client.get("/api/v1/rewards/store/items").json()] == ["手机支架", "大米"]

    made = client.post("/api/v1/rewards/store/redeem", {"item_id": cheap.pk}, content_type="application/json", HTTP_ACCEPT_LANGUAGE="zh-hans")
    refused = client.post("/api/v1/rewards/store/redeem", {"item_id": dear.pk}, content_type="application/json", HTTP_ACCEPT_LANGUAGE="zh-hans")

    assert made.status_code == 200 and made.json()["balance"] == 85 and len(made.json()["code"]) == 6
    assert refused.status_code == 400 and refused.json()["error"]["code"] == "points_short"
    assert "当前余额为 85" in refused.json()["error"]["message"]
    assert Redemption.objects.count() == 1 and points.balance(ma) == 85


def test_a_rider_of_another_county_cannot_redeem_here(world, client, two_riders):
    item = store_item(world)
    beilin_user = _user("beilin_rider", world.caochangpo, Role.RIDER)
    far = rider(world, name="远方", phone="13912345601", user=beilin_user, community=world.caochangpo)
    give_points(far, 100)
    client.force_login(beilin_user)
    answer = client.post("/api/v1/rewards/store/redeem", {"item_id": item.pk}, content_type="application/json")
    assert answer.status_code == 403 and not Redemption.objects.exists() and points.balance(far) == 100
