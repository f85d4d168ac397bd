"""Staff pages: the community manages its center and checks residents in; the county sees the centers of its tree;
nobody outside reaches them; every change through a page is audited."""

import pytest

from qingzhuang.audit.models import Event
from qingzhuang.centers import services
from qingzhuang.centers.models import Booking, BookingStatus, Center, Service, Slot, Space
from qingzhuang.centers.testing import HUGE, build_center
from qingzhuang.lib import clock


@pytest.fixture
def place(world):
    return build_center(world, seats=2)


def test_the_county_sees_its_centers_with_the_resident_share(client_for, world, place):
    page = client_for(world.reviewer).get("/centers/").content.decode()

    assert "新城社区党群服务中心" in page and "95.0%" in page


def test_another_county_sees_nothing_and_cannot_open_the_center(client_for, world, place):
    client = client_for(world.outsider)

    assert "新城社区党群服务中心" not in client.get("/centers/").content.decode()
    assert client.get(f"/centers/{place.center.pk}/").status_code == 403
    assert client.get(f"/centers/{place.center.pk}/today/").status_code == 403
    assert client.get(f"/centers/{place.center.pk}/services/{place.service.pk}/").status_code == 403


@pytest.mark.parametrize("who", ["outsider", "reviewer", "clerk", "rider"])
def test_only_the_community_and_its_street_change_the_center(client_for, world, place, who):
    before = (Space.objects.count(), Event.objects.count())

    response = client_for(getattr(world, who)).post(f"/centers/{place.center.pk}/", {"action": "space_add", "name": "新房间",
                                                                                        "function": "活动", "area": "10", "use": "residents"})

    assert response.status_code == 403
    assert (Space.objects.count(), Event.objects.count()) == before


def test_the_secretary_adds_a_space_and_a_service_through_the_page(client_for, world, place):
    client = client_for(world.secretary)

    client.post(f"/centers/{place.center.pk}/", {"action": "space_add", "name": "托育室", "function": "托育", "area": "50", "use": "residents"})
    space = Space.objects.get(name="托育室")
    client.post(f"/centers/{place.center.pk}/", {"action": "service_add", "name": "托育服务", "kind": "child_care", "space": space.pk, "capacity": "8"})

    assert Service.objects.filter(name="托育服务", space=space).exists()
    assert Event.objects.filter(actor=world.secretary, model__in=["centers.space", "centers.service"]).count() == 2


@pytest.mark.parametrize("values", [
    {"action": "space_add", "name": HUGE, "function": "x", "area": "1", "use": "residents"},
    {"action": "space_add", "name": "房间", "function": "x", "area": "10" + "0" * 23, "use": "residents"},
    {"action": "space_add", "name": "房间", "function": "x", "area": "-5", "use": "residents"},
    {"action": "space_add", "name": "\u3000", "function": "x", "area": "5", "use": "residents"},
    {"action": "space_add", "name": "房间", "function": "x", "area": "5", "use": "nonsense"},
    {"action": "service_add", "name": "托育", "kind": "child_care", "space": "10" + "0" * 23, "capacity": "5"},
    {"action": "service_add", "name": "托育", "kind": "child_care", "space": "", "capacity": "-5"},
    {"action": "hours", "opens_0": "25:00", "closes_0": "08:00"},
    {"action": "center", "name": "\u200b", "address": "x"},
    {"action": "center", "name": "a\x00", "address": "x"},
    {"action": "space_save", "space": "99999999", "name": "x", "function": "x", "area": "1", "use": "office"},
    {"action": "what"},
])
def test_hostile_staff_input_is_refused_in_chinese_and_nothing_changes(client_for, world, place, values):
    before = (Space.objects.count(), Service.objects.count(), Event.objects.count(), Center.objects.get().name)

    response = client_for(world.secretary).post(f"/centers/{place.center.pk}/", values)

    assert response.status_code == 400 and 'class="errorbox"' in response.content.decode()
    assert (Space.objects.count(), Service.objects.count(), Event.objects.count(), Center.objects.get().name) == before


@pytest.mark.parametrize("values", [
    {"action": "pattern_add", "weekday": "7", "starts": "09:00", "ends": "10:00"},
    {"action": "pattern_add", "weekday": "1", "starts": "10:00", "ends": "09:00"},
    {"action": "generate", "start": "x", "days": "5"},
    {"action": "generate", "start": "2026-01-01", "days": "10" + "0" * 23},
    {"action": "seats", "slot": "", "seats": "3"},
    {"action": "seats", "slot": "SLOT", "seats": "-5"},
    {"action": "service", "space": "SPACE", "name": "", "kind": "health", "capacity": "1"},
    {"action": "book", "slot": "SLOT", "name": "\u3000", "phone": ""},
])
def test_hostile_service_page_input_is_refused(client_for, world, place, values):
    values = {k: (str(place.slot.pk) if v == "SLOT" else str(place.hall.pk) if v == "SPACE" else v) for k, v in values.items()}
    before = (Slot.objects.count(), Booking.objects.count(), Event.objects.count())

    response = client_for(world.secretary).post(f"/centers/{place.center.pk}/services/{place.service.pk}/", values)

    assert response.status_code == 400
    assert (Slot.objects.count(), Booking.objects.count(), Event.objects.count()) == before


def test_the_street_officer_manages_but_does_not_book_and_sees_phones_masked(client_for, world, place):
    services.booking_make(actor=None, slot_id=place.slot.pk, name="王秀英", phone="13912345678")
    Slot.objects.filter(pk=place.slot.pk).update(day=clock.today())
    client = client_for(world.street_officer)

    page = client.get(f"/centers/{place.center.pk}/today/").content.decode()
    refused = client.post(f"/centers/{place.center.pk}/services/{place.service.pk}/",
                          {"action": "book", "slot": place.slot.pk, "name": "赵大爷", "phone": ""})

    assert "139****5678" in page and "13912345678" not in page
    assert refused.status_code == 403 and Booking.objects.count() == 1


def test_staff_book_for_a_resident_and_check_them_in_on_the_day(client_for, world, place):
    client = client_for(world.worker)
    client.post(f"/centers/{place.center.pk}/services/{place.service.pk}/", {"action": "book", "slot": place.slot.pk, "name": "赵大爷", "phone": ""})
    booking = Booking.objects.get()
    Slot.objects.filter(pk=place.slot.pk).update(day=clock.today())

    page = client.get(f"/centers/{place.center.pk}/today/").content.decode()
    client.post(f"/centers/{place.center.pk}/today/", {"booking": booking.pk, "action": "check_in"})

    assert "赵大爷" in page
    assert Booking.objects.get().status == BookingStatus.CHECKED_IN
    assert Event.objects.filter(actor=world.worker, model="centers.booking").count() == 2


@pytest.mark.parametrize("booking", ["", "10" + "0" * 23, "-5", "abc"])
def test_a_bad_booking_on_the_check_in_list_changes_nothing(client_for, world, place, booking):
    response = client_for(world.worker).post(f"/centers/{place.center.pk}/today/", {"booking": booking, "action": "check_in"})

    assert response.status_code == 400 and not Booking.objects.exists()


def test_generating_slots_through_the_page(client_for, world, place):
    client = client_for(world.secretary)
    client.post(f"/centers/{place.center.pk}/services/{place.service.pk}/", {"action": "pattern_add", "weekday": "2", "starts": "14:00", "ends": "15:00"})

    client.post(f"/centers/{place.center.pk}/services/{place.service.pk}/", {"action": "generate", "start": clock.today().isoformat(), "days": "14"})

    assert Slot.objects.filter(service=place.service, starts="14:00").count() >= 1


def test_the_board_section_shows_the_share_for_the_county_and_not_another(world, place):
    from qingzhuang.centers.views import board_section, unit_section
    from qingzhuang.ledger.periods import period_parse

    period = period_parse(str(clock.today().year), today=clock.today())

    assert "95.0%" in board_section(world.reviewer, world.office, period)
    assert "95.0%" in unit_section(world.secretary, world.xincheng, period)
    assert board_section(world.outsider, world.office, period) == ""
