"""Residents book, cancel and are checked in; a slot never holds more bookings than seats; a phone once a slot."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from qingzhuang.audit.models import Event
from qingzhuang.centers import selectors, services
from qingzhuang.centers.errors import CenterError, SlotFull
from qingzhuang.centers.models import Booking, BookingStatus, Channel, Slot
from qingzhuang.centers.testing import BLANKS, HUGE, UNSTORABLE, build_center, later_slot
from qingzhuang.ledger.models import LedgerMonth
from qingzhuang.lib import clock


def _seats_taken(slot):
    slot.refresh_from_db()
    return slot.booked


def test_the_last_seat_is_taken_once_and_the_next_resident_is_offered_the_next_free_slot(world):
    place = build_center(world, seats=2)
    full_later = later_slot(place, hour=10, seats=0)
    free_later = later_slot(place, hour=11)
    services.booking_make(actor=None, slot_id=place.slot.pk, name="王秀英", phone="13912345601")
    services.booking_make(actor=None, slot_id=place.slot.pk, name="李桂兰", phone="13912345602")

    with pytest.raises(SlotFull) as caught:
        services.booking_make(actor=None, slot_id=place.slot.pk, name="张建华", phone="13912345603")

    assert caught.value.next_slot == free_later and caught.value.next_slot != full_later
    assert "11:00" in caught.value.message
    assert _seats_taken(place.slot) == 2 == Booking.objects.filter(slot=place.slot).count()


def test_a_full_slot_without_another_free_one_says_to_call_the_center(world):
    place = build_center(world, seats=1)
    services.booking_make(actor=None, slot_id=place.slot.pk, name="王秀英", phone="13912345601")

    with pytest.raises(SlotFull) as caught:
        services.booking_make(actor=None, slot_id=place.slot.pk, name="李桂兰", phone="13912345602")

    assert caught.value.next_slot is None and caught.value.code == "slot_full"


def test_the_same_phone_cannot_book_a_slot_twice_however_it_is_written(world):
    place = build_center(world, seats=5)
    first = services.booking_make(actor=None, slot_id=place.slot.pk, name="王秀英", phone="139 1234 5678")

    with pytest.raises(CenterError) as caught:
        services.booking_make(actor=None, slot_id=place.slot.pk, name="王秀英", phone="+86 １３９-1234-5678")

    assert caught.value.code == "phone_twice" and first.code in caught.value.message
    assert first.phone == "13912345678" and _seats_taken(place.slot) == 1


def test_a_phone_holds_at_most_three_upcoming_bookings_at_a_center(world):
    place = build_center(world, seats=5)
    for hour in (10, 11, 12):
        services.booking_make(actor=None, slot_id=later_slot(place, hour=hour).pk, name="王秀英", phone="13912345678")

    with pytest.raises(CenterError) as caught:
        services.booking_make(actor=None, slot_id=place.slot.pk, name="王秀英", phone="13912345678")

    assert caught.value.code == "too_many_upcoming"
    assert Booking.objects.count() == 3


@pytest.mark.parametrize("field, value", [*[("name", v) for v in [*BLANKS, *UNSTORABLE, HUGE]],
                                          *[("phone", v) for v in ["", "\u3000", "12345", "23912345678", "1391234567x", "1" * 12,
                                                                   "10" + "0" * 23, "-5", "a\x00b", "x\ud800", HUGE, "１３９１２３４５６７８９"]]])
def test_hostile_booking_values_are_refused_and_nothing_is_booked(world, field, value):
    place = build_center(world)
    values = {"name": "王秀英", "phone": "13912345678", field: value}

    with pytest.raises(CenterError) as caught:
        services.booking_make(actor=None, slot_id=place.slot.pk, **values)

    assert caught.value.field == field and caught.value.message
    assert Booking.objects.count() == 0 and _seats_taken(place.slot) == 0


@pytest.mark.parametrize("slot_id", ["", "0", "-5", "10" + "0" * 23, "abc", None, "999999"])
def test_a_missing_slot_is_refused(world, slot_id):
    build_center(world)

    with pytest.raises(CenterError) as caught:
        services.booking_make(actor=None, slot_id=slot_id, name="王秀英", phone="13912345678")

    assert caught.value.code == "slot_closed"
    assert Booking.objects.count() == 0


def test_a_slot_already_begun_or_of_a_closed_service_is_refused(world):
    place = build_center(world)
    past = later_slot(place, days=-1)
    services.service_update(actor=world.secretary, service=place.service, space_id=place.hall.pk, name="健康检测", kind="health",
                            capacity=2, is_active=False)

    with pytest.raises(CenterError) as begun:
        services.booking_make(actor=None, slot_id=past.pk, name="王秀英", phone="13912345678")
    with pytest.raises(CenterError) as closed:
        services.booking_make(actor=None, slot_id=place.slot.pk, name="王秀英", phone="13912345678")

    assert (begun.value.code, closed.value.code) == ("slot_closed", "slot_closed")
    assert Booking.objects.count() == 0


def test_staff_book_for_a_resident_without_a_phone(world):
    place = build_center(world)

    booking = services.booking_make(actor=world.worker, slot_id=place.slot.pk, name="赵大爷", phone="", channel=Channel.STAFF)

    assert (booking.phone, booking.channel, booking.booked_by) == ("", "staff", world.worker)
    event = Event.objects.get(model="centers.booking", object_id=str(booking.pk))
    assert event.actor == world.worker and "赵大爷" not in str(event.changes)


def test_a_resident_needs_a_phone_on_the_public_page(world):
    place = build_center(world)

    with pytest.raises(CenterError) as caught:
        services.booking_make(actor=None, slot_id=place.slot.pk, name="赵大爷", phone="")

    assert caught.value.code == "phone_needed"


def test_someone_outside_the_center_cannot_book_on_behalf(world):
    place = build_center(world)

    for outsider in (world.outsider, world.clerk, world.rider, world.reviewer):
        with pytest.raises(PermissionDenied):
            services.booking_make(actor=outsider, slot_id=place.slot.pk, name="赵大爷", phone="", channel=Channel.STAFF)

    assert Booking.objects.count() == 0


def test_a_resident_cancels_with_the_code_and_the_phone_tail_and_the_seat_is_free_again(world):
    place = build_center(world, seats=1)
    booking = services.booking_make(actor=None, slot_id=place.slot.pk, name="王秀英", phone="13912345678")

    services.booking_cancel_public(center=place.center, code=f"{booking.code[:4]} {booking.code[4:]}", phone_tail="5678")

    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED and _seats_taken(place.slot) == 0
    services.booking_make(actor=None, slot_id=place.slot.pk, name="王秀英", phone="13912345678")
    assert _seats_taken(place.slot) == 1


@pytest.mark.parametrize("code, tail", [("wrong", "5678"), ("", ""), ("00000000", "5678"), ("CODE", "0000"), ("a\x00", "x\ud800"),
                                        (HUGE, HUGE), ("10" + "0" * 23, "-5")])
def test_a_wrong_code_or_phone_tail_cancels_nothing(world, code, tail):
    place = build_center(world)
    booking = services.booking_make(actor=None, slot_id=place.slot.pk, name="王秀英", phone="13912345678")
    code = booking.code if code == "CODE" else code

    with pytest.raises(CenterError) as caught:
        services.booking_cancel_public(center=place.center, code=code, phone_tail=tail)

    assert caught.value.code == "code_not_found"
    booking.refresh_from_db()
    assert booking.status == BookingStatus.BOOKED and _seats_taken(place.slot) == 1


def test_a_code_of_another_center_cancels_nothing_there(world):
    place = build_center(world)
    booking = services.booking_make(actor=None, slot_id=place.slot.pk, name="王秀英", phone="13912345678")
    elsewhere = services.center_create(actor=None, community=world.caochangpo, name="草场坡", code="ccp", address="地址")

    with pytest.raises(CenterError):
        services.booking_cancel_public(center=elsewhere, code=booking.code, phone_tail="5678")

    assert Booking.objects.get(pk=booking.pk).status == BookingStatus.BOOKED


def test_check_in_on_the_day_counts_a_service_use_in_the_ledger(world):
    place = build_center(world)
    booking = services.booking_make(actor=None, slot_id=place.slot.pk, name="王秀英", phone="13912345678")
    Slot.objects.filter(pk=place.slot.pk).update(day=clock.today())  # the slot's day has come

    services.booking_check_in(actor=world.worker, booking=booking)

    assert Booking.objects.get(pk=booking.pk).status == BookingStatus.CHECKED_IN
    month = clock.today().replace(day=1)
    assert LedgerMonth.objects.get(unit=world.xincheng, measure=services.USES, month=month).value == 1
    rows = list(selectors.service_uses_compute(month, month + dt.timedelta(days=31)))
    assert [(unit, amount) for unit, _day, amount, _issuer in rows] == [(world.xincheng.pk, 1.0)]
    with pytest.raises(CenterError):
        services.booking_check_in(actor=world.worker, booking=booking)


def test_check_in_is_refused_before_the_slots_day_and_twice(world):
    place = build_center(world)
    booking = services.booking_make(actor=None, slot_id=place.slot.pk, name="王秀英", phone="13912345678")

    with pytest.raises(CenterError) as early:
        services.booking_check_in(actor=world.worker, booking=booking)

    assert early.value.code == "not_checkable"
    assert Booking.objects.get(pk=booking.pk).status == BookingStatus.BOOKED


def test_staff_cancel_is_audited_and_outsiders_cannot_cancel(world):
    place = build_center(world)
    booking = services.booking_make(actor=None, slot_id=place.slot.pk, name="王秀英", phone="13912345678")

    with pytest.raises(PermissionDenied):
        services.booking_cancel(actor=world.outsider, booking=booking)
    assert Booking.objects.get(pk=booking.pk).status == BookingStatus.BOOKED
    services.booking_cancel(actor=world.secretary, booking=booking)

    event = Event.objects.filter(model="centers.booking", actor=world.secretary).get()
    assert event.changes["status"] == ["booked", "cancelled"]
    assert "13912345678" not in str(Event.objects.filter(model="centers.booking").values_list("changes", flat=True))


def test_phones_are_masked_for_those_who_do_not_call_residents(world):
    place = build_center(world)
    services.booking_make(actor=None, slot_id=place.slot.pk, name="王秀英", phone="13912345678")
    bookings = Booking.objects.all()

    secretary = selectors.booking_rows(world.secretary, place.center, bookings)
    officer = selectors.booking_rows(world.street_officer, place.center, bookings)

    assert secretary[0].phone == "13912345678" and officer[0].phone == "139****5678"
