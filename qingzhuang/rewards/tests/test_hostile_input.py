"""Hostile input on every new field stores nothing and says what is wrong in Chinese: numbers like 10^23 and -5 for
prices, stock and seats, text blank after normalisation (U+3000, NBSP, zero-width), NUL, lone surrogates, 100,000
characters; the same through the pages and the API (never an exception's name)."""

import pytest
from django.utils import translation

from qingzhuang.audit.models import Event
from qingzhuang.rewards import services, store
from qingzhuang.rewards.errors import RewardsError
from qingzhuang.rewards.models import Course, Session, StockMove, StoreItem
from qingzhuang.rewards.testing import county_course, rider, store_item

pytestmark = pytest.mark.django_db

BLANKS = ["", "\u3000\u3000", "\u00a0 \u200b", "\u200b\u200c\ufeff"]
UNSTORABLE = ["洗衣\x00液", "洗衣\ud800液"]
HUGE_NUMBERS = [10**23, -5, 0, "10" * 12, "-5", "1e3", "３０", "", None, True, 3.5, "30; DROP TABLE"]
LONG = "长" * 100_000


def refused(call, **kwargs):
    with translation.override("zh-hans"), pytest.raises(RewardsError) as caught:
        call(**kwargs)
    message = caught.value.message
    assert message and "Error" not in message and "Exception" not in message and any("\u4e00" <= ch <= "\u9fff" for ch in message), message
    return caught.value


@pytest.mark.parametrize("price", [10**23, -5, 0, "10" * 12, "-5", "1e3", "", None, True, 3.5, "30; DROP TABLE", 10_001])
def test_a_hostile_price_stores_no_item(world, price):
    events = Event.objects.count()
    error = refused(store.item_create, actor=world.secretary, community=world.xincheng, name="洗衣液", price=price)
    assert error.field == "price"
    assert not StoreItem.objects.exists() and Event.objects.count() == events


@pytest.mark.parametrize("stock", [10**23, -5, "-5", 100_001, "abc"])
def test_a_hostile_stock_stores_no_item(world, stock):
    refused(store.item_create, actor=world.secretary, community=world.xincheng, name="洗衣液", price=30, stock=stock)
    assert not StoreItem.objects.exists()


@pytest.mark.parametrize("name", [*BLANKS, *UNSTORABLE, LONG])
def test_a_hostile_item_name_stores_nothing(world, name):
    error = refused(store.item_create, actor=world.secretary, community=world.xincheng, name=name, price=30)
    assert error.code in ("required", "unstorable", "too_long")
    assert not StoreItem.objects.exists()


@pytest.mark.parametrize("change", HUGE_NUMBERS)
def test_a_hostile_stock_change_moves_nothing(world, change):
    item = store_item(world, stock=2)  # an adjustment of -5 would take it below zero
    before = StockMove.objects.count()
    refused(store.stock_change, actor=world.secretary, item=item, change=change, reason="盘点", receive=False)
    assert StoreItem.objects.get().stock == 2 and StockMove.objects.count() == before


@pytest.mark.parametrize("reason", [*BLANKS, *UNSTORABLE, LONG])
def test_a_stock_change_needs_a_storable_reason(world, reason):
    item = store_item(world, stock=5)
    refused(store.stock_change, actor=world.secretary, item=item, change=3, reason=reason)
    assert StoreItem.objects.get().stock == 5


@pytest.mark.parametrize("title", [*BLANKS, *UNSTORABLE, LONG])
def test_a_hostile_course_title_stores_nothing(world, title):
    refused(services.course_create, actor=world.reviewer, offered_by=world.office, kind="law", title=title)
    assert not Course.objects.exists()


@pytest.mark.parametrize("field,value", [("required_sessions", 10**23), ("required_sessions", -5), ("required_sessions", 0), ("kind", "魔法"),
                                         ("kind", "\x00"), ("description", LONG), ("description", "\ud800")])
def test_hostile_course_fields_store_nothing(world, field, value):
    values = {"actor": world.reviewer, "offered_by": world.office, "kind": "law", "title": "普法", field: value}
    refused(services.course_create, **values)
    assert not Course.objects.exists()


@pytest.mark.parametrize("field,value", [("seats", 10**23), ("seats", -5), ("seats", 0), ("starts_at", "明天晚上"), ("starts_at", "9999-01-01T00:00"),
                                         ("starts_at", "1" * 100_000), ("place", "\u3000"), ("trainer", "\x00"), ("place", LONG)])
def test_hostile_session_fields_store_nothing(world, field, value):
    course = county_course(world)
    values = {"actor": world.reviewer, "course": course, "starts_at": "2026-11-20 19:00", "place": "文明实践中心", "trainer": "李律师", "seats": 30,
              field: value}
    refused(services.session_add, **values)
    assert not Session.objects.exists()


def test_the_pages_and_the_api_refuse_in_chinese_and_store_nothing(world, client):
    rider(world, user=world.rider)
    client.force_login(world.secretary)
    page = client.post(f"/rewards/store/?community={world.xincheng.pk}", {"action": "item", "name": "洗衣液", "price": str(10**23), "stock": "-5"},
                       HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert page.status_code == 400 and "所需积分须为 1 到 10,000 之间的整数" in page.content.decode() and not StoreItem.objects.exists()
    client.force_login(world.rider)
    for payload in ({"item_id": 10**23}, {"item_id": -5}, {"item_id": "\x00"}):
        answer = client.post("/api/v1/rewards/store/redeem", payload, content_type="application/json")
        assert answer.status_code in (400, 404, 422), answer.content
        assert "error" in answer.json()
