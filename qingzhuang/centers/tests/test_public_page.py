"""The public page of a center (no login): services, hours and free slots; booking and cancelling with a code;
polite refusals in Chinese; a limit on tries per address; hostile input never books anything."""

import pytest

from qingzhuang.centers import services
from qingzhuang.centers.models import Booking, BookingStatus
from qingzhuang.centers.testing import BLANKS, HUGE, build_center, later_slot


@pytest.fixture
def place(world):
    return build_center(world, seats=1)


def test_anyone_sees_the_services_hours_and_free_slots_without_signing_in(client, place):
    response = client.get("/c/xincheng/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "新城社区党群服务中心" in page and "健康检测" in page and "周一" in page and "08:00–18:00" in page
    assert f"/c/xincheng/book/{place.slot.pk}/" in page and "剩余 1 个名额" in page


def test_an_unknown_or_closed_center_is_not_found(client, place, world):
    services.center_update(actor=None, center=place.center, name=place.center.name, address="地址", is_active=False)

    assert client.get("/c/xincheng/").status_code == 404
    assert client.get("/c/nowhere/").status_code == 404
    assert client.get(f"/c/xincheng/book/{place.slot.pk}/").status_code == 404


def test_a_resident_books_the_last_seat_and_the_next_is_politely_offered_another_time(client, place):
    later = later_slot(place, hour=11)

    booked = client.post(f"/c/xincheng/book/{place.slot.pk}/", {"name": "王秀英", "phone": "13912345678"})
    refused = client.post(f"/c/xincheng/book/{place.slot.pk}/", {"name": "李桂兰", "phone": "13912345679"})

    code = Booking.objects.get().code
    assert booked.status_code == 200 and code in booked.content.decode()
    text = refused.content.decode()
    assert refused.status_code == 409 and "抱歉" in text and "已约满" in text
    assert f"/c/xincheng/book/{later.pk}/" in text
    assert Booking.objects.count() == 1


def test_a_resident_cancels_with_the_code_and_phone_tail(client, place):
    client.post(f"/c/xincheng/book/{place.slot.pk}/", {"name": "王秀英", "phone": "13912345678"})
    code = Booking.objects.get().code

    wrong = client.post("/c/xincheng/cancel/", {"code": code, "tail": "0000"})
    right = client.post("/c/xincheng/cancel/", {"code": code, "tail": "5678"})

    assert wrong.status_code == 400 and "没有找到" in wrong.content.decode()
    assert right.status_code == 200 and "已取消" in right.content.decode()
    assert Booking.objects.get().status == BookingStatus.CANCELLED


@pytest.mark.parametrize("field, value", [*[("name", v) for v in [*BLANKS, "a\x00b", HUGE]],
                                          *[("phone", v) for v in ["", "12345", "10" + "0" * 23, "-5", "a\x00", HUGE]]])
def test_hostile_public_booking_is_refused_in_chinese_and_books_nothing(client, place, field, value):
    values = {"name": "王秀英", "phone": "13912345678", field: value}

    response = client.post(f"/c/xincheng/book/{place.slot.pk}/", values)

    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert Booking.objects.count() == 0


@pytest.mark.parametrize("path", ["/c/xincheng/book/0/", "/c/xincheng/book/99999999/", "/c/xincheng/book/10000000000000000000000/",
                                  "/c/%00/", "/c/" + "x" * 200 + "/", "/c/xincheng/book/-5/"])
def test_hostile_public_paths_are_not_found(client, place, path):
    assert client.get(path).status_code == 404
    assert client.post(path, {"name": "王秀英", "phone": "13912345678"}).status_code == 404
    assert Booking.objects.count() == 0


@pytest.mark.parametrize("values", [{"code": "", "tail": ""}, {"code": "a\x00", "tail": "x\x00"}, {"code": HUGE, "tail": HUGE},
                                    {"code": "10" + "0" * 23, "tail": "-5"}])
def test_hostile_cancel_is_refused(client, place, values):
    client.post(f"/c/xincheng/book/{place.slot.pk}/", {"name": "王秀英", "phone": "13912345678"})

    response = client.post("/c/xincheng/cancel/", values)

    assert response.status_code == 400
    assert Booking.objects.get().status == BookingStatus.BOOKED


def test_too_many_tries_from_one_address_are_refused_for_a_while(client, place, settings):
    settings.QZ_PUBLIC_TRIES = 3
    for _ in range(3):
        client.post("/c/xincheng/cancel/", {"code": "12345678", "tail": "0000"})

    refused = client.post(f"/c/xincheng/book/{place.slot.pk}/", {"name": "王秀英", "phone": "13912345678"})
    other = client.post(f"/c/xincheng/book/{place.slot.pk}/", {"name": "王秀英", "phone": "13912345678"}, REMOTE_ADDR="10.0.0.9")

    assert refused.status_code == 429 and "请等待" in refused.content.decode()
    assert other.status_code == 200
    assert Booking.objects.count() == 1


def test_the_public_page_is_in_large_type(client, place):
    from pathlib import Path

    from django.contrib.staticfiles import finders

    css = Path(str(finders.find("centers/public.css"))).read_text(encoding="utf-8")
    page = client.get("/c/xincheng/").content.decode()

    assert "html { font-size: 20px; }" in css and "centers/public.css" in page
    assert "min-height: 52px" in css
